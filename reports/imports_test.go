package reports

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// importsOf lists the packages the non-test Go files of dir import.
func importsOf(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, path)
		}
	}
	return out
}

// reports renders what the pipeline computed: the bonus through
// bonus.Month, never by reaching back into transform (docs/architecture.md).
// The fixture shows the check can fail.
func TestReportsDoesNotImportTransform(t *testing.T) {
	const forbidden = "github.com/salesops/salesops/transform"
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "x.go"), []byte("package x\n\nimport _ \""+forbidden+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		dir  string
		want bool
	}{{".", false}, {bad, true}} {
		if got := slices.Contains(importsOf(t, tt.dir), forbidden); got != tt.want {
			t.Errorf("%s imports transform: %v, want %v", tt.dir, got, tt.want)
		}
	}
}
