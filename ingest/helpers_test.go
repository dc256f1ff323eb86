package ingest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/warehouse"
)

// testConfig is the default configuration with sources and Dir set.
func testConfig(t testing.TB, dir string, sources ...config.Source) config.Config {
	t.Helper()
	c := config.Default()
	c.Dir = dir
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	c.Location = loc
	c.Sources = sources
	return c
}

func openWarehouse(t *testing.T, path string) *warehouse.Warehouse {
	t.Helper()
	w, err := warehouse.Open(context.Background(), path, warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// queryStrings runs q and renders every cell as text.
func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			rec[i] = render(v)
		}
		out = append(out, rec)
	}
	return out
}

func render(v any) string {
	if v == nil {
		return "NULL"
	}
	return warehouse.FormatValue(v)
}

func stringsReplace(s, old, new string) string { return strings.ReplaceAll(s, old, new) }
