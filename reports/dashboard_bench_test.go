package reports

import (
	"context"
	"os"
	"testing"
)

// BenchmarkDashboard writes the dashboard of a 60-rep, 4000-customer
// company and loads it in headless Chromium. It reports the file's size
// (size_bytes, target < 2 MB) and the time from navigation start to the
// last chart drawn as the page measures it (load_ms, performance.now() when
// the page marks itself rendered; target < 2000 ms).
//
//	go test -tags duckdb_arrow ./reports/ -run '^$' -bench BenchmarkDashboard -benchtime 5x
func BenchmarkDashboard(b *testing.B) {
	needTool(b, chromiumPath)
	w := buildWarehouse(b, syntheticCompany(60, 4000), syntheticConfig(), syntheticAsOf)
	ctx, cancel := newBrowser(b, 1366, 768)
	defer cancel()
	var size int64
	var loadMs float64
	b.ResetTimer()
	for b.Loop() {
		path, err := WriteDashboard(context.Background(), w.DB, dashOptions(b.TempDir(), "zh-CN"))
		if err != nil {
			b.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		size = st.Size()
		probe := &pageProbe{}
		if _, err := loadReport(ctx, path, probe); err != nil {
			b.Fatal(err)
		}
		ms, err := chromedpEvalFloat(ctx, `window.salesopsRenderedMs`)
		if err != nil {
			b.Fatal(err)
		}
		loadMs += ms
		if len(probe.errors)+len(probe.requests) > 0 {
			b.Fatalf("errors %q, requests %q", probe.errors, probe.requests)
		}
	}
	b.ReportMetric(float64(size), "size_bytes")
	b.ReportMetric(loadMs/float64(b.N), "load_ms")
}
