package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesops/salesops/config"
)

// BenchmarkPlainRows measures the Go side of the plain path alone: read,
// split, check and build Arrow batches of a million generated deals (the
// DuckDB side shares the cores during a load).
func BenchmarkPlainRows(b *testing.B) {
	const rows = 1_000_000
	path := filepath.Join(b.TempDir(), "sales.csv")
	writeSales(b, path, 0, rows)
	st, _ := os.Stat(path)
	cfg := testConfig(b, b.TempDir(), config.Source{Name: "s", Kind: "sales"})
	b.SetBytes(st.Size())
	sf, err := openSource(path, "", false)
	if err != nil {
		b.Fatal(err)
	}
	defer sf.close()
	b.ResetTimer()
	for range b.N {
		f, head, err := openPlain(sf)
		if err != nil {
			b.Fatal(err)
		}
		pl, why, err := newPlainLoad(path, specs["sales"], cfg.Sources[0], cfg, ',', head)
		if why != "" || err != nil {
			b.Fatal(why, err)
		}
		rdr := newChanReader(pl.schema())
		go streamPlain(context.Background(), rdr, pl, f, int64(len(head)), st.Size())
		for rdr.Next() {
		}
		rdr.Release()
		f.Close()
		if pl.rows != rows || pl.repeated || pl.decline != "" {
			b.Fatalf("%d rows, repeated %v, %s", pl.rows, pl.repeated, pl.decline)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
