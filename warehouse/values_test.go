package warehouse

import (
	"context"
	"path/filepath"
	"testing"
)

func TestFormatValueIsExact(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	tests := []struct{ sql, want string }{
		{"SELECT 92233720368547758.07::DECIMAL(38,2)", "92233720368547758.07"},
		{"SELECT 0.1::DECIMAL(18,2) + 0.2::DECIMAL(18,2)", "0.30"},
		{"SELECT -1234.5::DECIMAL(18,2)", "-1234.50"},
		{"SELECT DATE '2026-10-31'", "2026-10-31"},
		{"SELECT TIMESTAMP '2026-10-31 14:30:00'", "2026-10-31 14:30:00"},
		{"SELECT TIMESTAMP '2026-10-31 14:30:00.25'", "2026-10-31 14:30:00.25"},
		{"SELECT NULL", ""},
		{"SELECT '上海'", "上海"},
		{"SELECT 42", "42"},
	}
	for _, tt := range tests {
		var v any
		if err := w.DB.QueryRowContext(ctx, tt.sql).Scan(&v); err != nil {
			t.Fatalf("%s: %v", tt.sql, err)
		}
		if got := FormatValue(v); got != tt.want {
			t.Errorf("%s: FormatValue = %q, want %q", tt.sql, got, tt.want)
		}
	}
}
