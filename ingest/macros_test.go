package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// TestMacrosAreDefinedOncePerConnection pins why a batch's session is
// cheap to open: a connection that already holds this text of the value
// parsers is not given them again, and one that does not gets them all.
func TestMacrosAreDefinedOncePerConnection(t *testing.T) {
	ctx := context.Background()
	w := openWarehouse(t, filepath.Join(t.TempDir(), "w.duckdb"))
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := defineMacros(ctx, conn); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := conn.QueryRowContext(ctx, `SELECT so_trim('  x ')`).Scan(&got); err != nil || got != "x" {
		t.Fatalf("so_trim after the first definition: %q, %v", got, err)
	}
	// Drop one parser: a second call that defined the macros again would
	// bring it back; the mark says they are there, so it is skipped.
	if _, err := conn.ExecContext(ctx, `DROP MACRO temp.so_trim`); err != nil {
		t.Fatal(err)
	}
	if err := defineMacros(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT so_trim('x')`).Scan(&got); err == nil {
		t.Errorf("the second definition on one connection ran again")
	}
	// Without the mark (another text of the macros, or a new
	// connection) every macro is defined.
	if _, err := conn.ExecContext(ctx, `DROP MACRO temp.`+macroMark()); err != nil {
		t.Fatal(err)
	}
	if err := defineMacros(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT so_trim('  x ')`).Scan(&got); err != nil || got != "x" {
		t.Errorf("so_trim after the mark was gone: %q, %v", got, err)
	}
}
