package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// BenchmarkIngest10M is what `make bench` runs (-bench . -benchtime 1x).
// The figures are metrics, which go test always prints (a benchmark's log
// is cut after ten lines).
func BenchmarkIngest10M(b *testing.B) {
	for b.Loop() {
		r := benchIngest(b)
		b.ReportMetric(r.duck.Seconds(), "duckdb_s")
		b.ReportMetric(r.ingest.Seconds(), "salesops_s")
		b.ReportMetric(r.ratio(), "ratio")
		b.ReportMetric(float64(r.duckRSS>>20), "duckdb_MB")
		b.ReportMetric(float64(r.ingestRSS>>20), "salesops_MB")
	}
}

// benchResult is one comparison: wall time and peak RSS of each side.
type benchResult struct {
	duck, ingest       time.Duration
	duckRSS, ingestRSS int64
}

func (r benchResult) ratio() float64 { return float64(r.ingest) / float64(r.duck) }

// TestBenchIngest runs the same comparison as a test, or is the child
// process of one side of it:
//
//	SALESOPS_BENCH=1 go test -tags duckdb_arrow -run '^TestBenchIngest$' -v -timeout 60m ./ingest/
func TestBenchIngest(t *testing.T) {
	if mode := os.Getenv("SALESOPS_BENCH_CHILD"); mode != "" {
		benchChild(t, mode)
		return
	}
	if os.Getenv("SALESOPS_BENCH") == "" {
		t.Skip("set SALESOPS_BENCH=1 (make bench)")
	}
	benchIngest(t)
}

// benchIngest generates a sales CSV of $SALESOPS_BENCH_ROWS rows (default
// 10 million), ingests it in a child process, times DuckDB's own read_csv
// of the same file into a table in another child, and reports both times
// and peak memory (max RSS of each child).
func benchIngest(t testing.TB) benchResult {
	rows := 10_000_000
	if s := os.Getenv("SALESOPS_BENCH_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(dir, "in", "sales.csv")
	start := time.Now()
	writeSales(t, csvPath, 0, rows)
	st, _ := os.Stat(csvPath)
	t.Logf("generated %d rows (%d MB) in %s", rows, st.Size()>>20, time.Since(start).Round(time.Millisecond))
	run := func(mode string) (time.Duration, int64) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBenchIngest$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "SALESOPS_BENCH_CHILD="+mode+"|"+dir)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		if err != nil {
			t.Fatalf("%s: %v\n%s", mode, err, out)
		}
		if testing.Verbose() {
			t.Logf("%s output:\n%s", mode, lastLines(string(out), 30))
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		return took, ru.Maxrss << 10
	}
	var r benchResult
	r.duck, r.duckRSS = run("duckdb")
	r.ingest, r.ingestRSS = run("ingest")
	t.Logf("rows %d: DuckDB read_csv %s (peak %d MB); salesops ingest %s (peak %d MB); ratio %.2f (target ≤ 1.25, ≤ 1024 MB)",
		rows, r.duck.Round(time.Millisecond), r.duckRSS>>20, r.ingest.Round(time.Millisecond), r.ingestRSS>>20, r.ratio())
	return r
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// benchMemoryLimit is the warehouse memory_limit of both sides unless
// SALESOPS_BENCH_MEMORY says otherwise.
const benchMemoryLimit = "600MB"

// benchChild runs one side of the benchmark in its own process, so each
// side's peak memory is its own. Both open the warehouse the same way.
func benchChild(t *testing.T, spec string) {
	mode, dir, _ := strings.Cut(spec, "|")
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	dbPath := filepath.Join(dir, mode+".duckdb")
	os.Remove(dbPath)
	limit := benchMemoryLimit
	if s := os.Getenv("SALESOPS_BENCH_MEMORY"); s != "" {
		limit = s
	}
	w, err := warehouse.Open(ctx, dbPath, warehouse.Options{MemoryLimit: limit}, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	defer func() {
		t0 := time.Now()
		if err := w.Close(); err != nil {
			t.Error(err)
		}
		fmt.Fprintf(os.Stderr, "%s closed (checkpoint) in %s, memory_limit %s\n", mode, time.Since(t0).Round(time.Millisecond), limit)
	}()
	if mode == "duckdb" {
		csvPath := filepath.Join(dir, "in", "sales.csv")
		if _, err := w.DB.ExecContext(ctx, fmt.Sprintf("CREATE TABLE raw_sales AS SELECT * FROM read_csv(%s)", lit(csvPath))); err != nil {
			t.Fatal(err)
		}
	} else {
		rep, err := Ingest(ctx, w, crashConfig(t, dir), Options{Log: log})
		if err != nil {
			t.Fatal(err)
		}
		rep.WriteText(os.Stderr)
	}
	fmt.Fprintf(os.Stderr, "%s took %s\n", mode, time.Since(start).Round(time.Millisecond))
}
