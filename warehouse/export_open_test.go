package warehouse

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// An export's database writes Parquet under its folder and nowhere else,
// on every connection of the pool, and cannot be talked out of it.
func TestExportOpenWritesOnlyUnderItsFolder(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	path := filepath.Join(root, "w.duckdb")
	w, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.ExecContext(ctx, "INSERT INTO reps (rep_id) VALUES ('A')"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	lake := filepath.Join(root, "lake")
	sibling := filepath.Join(root, "lake2") // shares lake's prefix
	for _, d := range []string{lake, sibling} {
		if err := os.Mkdir(d, 0o750); err != nil {
			t.Fatal(err)
		}
	}
	w, err = Open(ctx, path, Options{WriteUnder: lake, MemoryLimit: "300MB", Threads: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var conns []*sql.Conn
	for range 2 {
		c, err := w.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	tests := []struct {
		name, stmt string
		ok         bool
	}{
		{"copy under the folder", "COPY reps TO '" + filepath.Join(lake, "reps.parquet") + "' (FORMAT parquet)", true},
		{"copy next to it", "COPY reps TO '" + filepath.Join(root, "out.parquet") + "' (FORMAT parquet)", false},
		{"copy to a folder sharing its prefix", "COPY reps TO '" + filepath.Join(sibling, "out.parquet") + "' (FORMAT parquet)", false},
		{"copy out with ..", "COPY reps TO '" + lake + "/../out.parquet' (FORMAT parquet)", false},
		{"read another file", "SELECT * FROM read_text('/etc/passwd')", false},
		{"widen the folders", "SET allowed_directories = ['/']", false},
		{"external access back", "SET enable_external_access = true", false},
		{"unlock", "SET lock_configuration = false", false},
		{"write the warehouse", "INSERT INTO reps (rep_id) VALUES ('B')", false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := conns[i%2].ExecContext(ctx, tt.stmt)
			if (err == nil) != tt.ok {
				t.Fatalf("%s: err %v, want ok=%v", tt.stmt, err, tt.ok)
			}
		})
	}
	for _, f := range []string{filepath.Join(root, "out.parquet"), filepath.Join(sibling, "out.parquet")} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written", f)
		}
	}
}

func TestSchemaTablesNameTheCanonicalOnes(t *testing.T) {
	got := SchemaTables()
	for _, c := range append(CanonicalTables(), "deals_history", "runs", "ingest_files") {
		if !slices.Contains(got, c) {
			t.Errorf("SchemaTables() = %s: no %s", strings.Join(got, ","), c)
		}
	}
}
