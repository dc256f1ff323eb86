package ingest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/salesops/salesops/config"
)

// BenchmarkPlainRows measures the Go side of the plain path alone: read,
// split, check and build Arrow batches of a million generated deals (the
// DuckDB side runs on other cores during a load).
func BenchmarkPlainRows(b *testing.B) {
	const rows = 1_000_000
	path := filepath.Join(b.TempDir(), "sales.csv")
	writeSales(b, path, 0, rows)
	st, _ := os.Stat(path)
	cfg := testConfig(b, b.TempDir(), config.Source{Name: "s", Kind: "sales"})
	b.SetBytes(st.Size())
	b.ResetTimer()
	for range b.N {
		f, r, head, err := openPlain(path)
		if err != nil {
			b.Fatal(err)
		}
		pl, why, err := newPlainLoad(path, specs["sales"], cfg.Sources[0], cfg, ',', head)
		if why != "" || err != nil {
			b.Fatal(why, err)
		}
		pl.size = st.Size()
		ps := &plainSource{pl: pl, r: r, line: 1}
		rb := array.NewRecordBuilder(memory.DefaultAllocator, pl.schema())
		for n := 1; ; n++ {
			err := ps.next(rb)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err, pl.decline)
			}
			if n%batchRows == 0 {
				rb.NewRecordBatch().Release()
			}
		}
		rb.Release()
		f.Close()
		if pl.rows != rows || pl.repeated {
			b.Fatalf("%d rows, repeated %v", pl.rows, pl.repeated)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
