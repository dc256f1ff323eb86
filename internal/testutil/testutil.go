// Package testutil holds the test helpers several packages share: a
// warehouse in the test's temporary folder and SQL fixtures loaded into it.
// It imports nothing above warehouse, so the tests of any package may use
// it without an import cycle.
package testutil

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesops/salesops/warehouse"
)

// OpenTemp opens a new warehouse in t.TempDir(), closed when t ends.
func OpenTemp(t testing.TB) *warehouse.Warehouse {
	t.Helper()
	w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// LoadSQL runs the SQL file at path (a fixture of INSERTs into the
// canonical tables) on w.
func LoadSQL(t testing.TB, w *warehouse.Warehouse, path string) {
	t.Helper()
	fixture, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.ExecContext(context.Background(), string(fixture)); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
}
