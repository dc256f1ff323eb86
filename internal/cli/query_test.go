package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// queryWarehouse makes a project whose warehouse holds one rep and one run,
// and returns its folder and config file.
func queryWarehouse(t *testing.T) (dir, cfg string) {
	t.Helper()
	dir = t.TempDir()
	cfg = filepath.Join(dir, "salesops.yaml")
	for name, text := range map[string]string{
		cfg:                            "version: 1\nsources:\n  - {name: roster, kind: reps, path: reps.csv}\n",
		filepath.Join(dir, "reps.csv"): "rep_id,name\nS1,Ann\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if code, stdout, stderr := run(t, "--config", cfg, "--quiet", "ingest"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, stdout, stderr)
	}
	return dir, cfg
}

// snapshot is every file under dir with the hash of its bytes, so a test
// sees a file changed, created or removed anywhere in the project.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files[p] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Issue 9: `query` is documented read-only, yet a COPY TO overwrote the
// warehouse and exited 0, and files anywhere could be read or written.
// Every statement that is not one plain read is refused with exit 2, and
// nothing in the project changes.
func TestQueryRefusesAllButOneRead(t *testing.T) {
	dir, cfg := queryWarehouse(t)
	wh := filepath.Join(dir, "salesops.duckdb")
	other := filepath.Join(dir, "other.duckdb")
	b, err := os.ReadFile(wh)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, b, 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	const onlyReads = "query runs one read-only statement"
	const noFiles = "file system operations are disabled"
	tests := []struct{ name, sql, want string }{
		{"create table", "CREATE TABLE t (a INTEGER)", "CREATE statement"},
		{"create temp table", "CREATE TEMP TABLE t (a INTEGER)", "CREATE statement"},
		{"create macro", "CREATE MACRO m() AS 1", "CREATE statement"},
		{"drop", "DROP TABLE deals", "DROP statement"},
		{"alter", "ALTER TABLE deals ADD COLUMN z INTEGER", "ALTER statement"},
		{"insert", "INSERT INTO reps (rep_id, name) VALUES ('X', 'x')", "INSERT statement"},
		{"update", "UPDATE runs SET status = 'x'", "UPDATE statement"},
		{"delete", "DELETE FROM runs", "DELETE statement"},
		{"select then drop", "SELECT 1; DROP TABLE deals", "has 2 statements"},
		{"two selects", "SELECT 1; SELECT 2", "has 2 statements"},
		{"pivot without IN is two", "PIVOT runs ON status USING count(*)", "has 2 statements"},
		{"nothing", "/* nothing */", "no statement"},
		{"syntax error", "SELEC 1", "syntax error"},
		{"copy over the warehouse", "COPY (SELECT 'x' AS a) TO '" + wh + "' (FORMAT csv)", "COPY statement"},
		{"copy over the warehouse in place", "COPY (SELECT 'x' AS a) TO '" + wh + "' (FORMAT csv, USE_TMP_FILE false)", "COPY statement"},
		{"copy next to the warehouse", "COPY (SELECT 'x' AS a) TO '" + wh + ".wal' (FORMAT csv)", "COPY statement"},
		{"copy to a new file", "COPY deals TO '" + filepath.Join(dir, "deals.csv") + "'", noFiles},
		{"copy from", "COPY deals FROM '" + filepath.Join(dir, "salesops.yaml") + "'", noFiles},
		{"export database", "EXPORT DATABASE '" + filepath.Join(dir, "export") + "'", noFiles},
		{"attach read-write", "ATTACH '" + other + "' AS o", "ATTACH statement"},
		{"attach read-only", "ATTACH '" + other + "' AS o (READ_ONLY)", "ATTACH statement"},
		{"detach", "DETACH salesops", "DETACH statement"},
		{"install", "INSTALL httpfs", "LOAD statement"},
		{"load", "LOAD httpfs", "LOAD statement"},
		{"lift the sandbox", "SET enable_external_access = true", "SET statement"},
		{"unlock", "SET lock_configuration = false", "SET statement"},
		{"reset", "RESET enable_external_access", "SET statement"},
		{"use", "USE memory", "SET statement"},
		{"pragma", "PRAGMA enable_profiling", "PRAGMA statement"},
		{"pragma rewritten as a select", "PRAGMA version", "not a plain SELECT"},
		{"pragma show_tables", "PRAGMA show_tables", "not a plain SELECT"},
		{"call", "CALL pragma_version()", "CALL statement"},
		{"call checkpoint", "CALL checkpoint()", "CALL statement"},
		{"checkpoint", "CHECKPOINT", "CALL statement"},
		{"force checkpoint", "FORCE CHECKPOINT", "CALL statement"},
		{"vacuum", "VACUUM", "VACUUM statement"},
		{"analyze", "ANALYZE", "VACUUM statement"},
		{"transaction", "BEGIN TRANSACTION", "TRANSACTION statement"},
		{"prepare", "PREPARE p AS SELECT 1", "PREPARE statement"},
		{"read_csv", "SELECT * FROM read_csv('/etc/passwd')", noFiles},
		{"read_text", "SELECT * FROM read_text('/etc/passwd')", noFiles},
		{"read_blob", "SELECT * FROM read_blob('/etc/passwd')", noFiles},
		{"glob", "SELECT * FROM glob('/etc/*')", noFiles},
		{"a file as a table", "SELECT * FROM '/etc/passwd'", "/etc/passwd"},
		{"another duckdb file", "SELECT * FROM read_duckdb('" + other + "', table_name => 'runs')", noFiles},
		{"network", "SELECT * FROM read_parquet('https://example.com/x.parquet')", noFiles},
		{"select checkpoint()", "SELECT * FROM checkpoint()", "checkpoint() changes"},
		{"select force_checkpoint()", "SELECT * FROM main.force_checkpoint()", "force_checkpoint() changes"},
		{"select enable_logging()", "SELECT 1 WHERE 1 IN (SELECT 1 FROM enable_logging())", "enable_logging() changes"},
		{"sql as text", "SELECT * FROM query('SELECT * FROM checkpoint()')", "query() runs SQL"},
		{"explain analyze of a copy", "EXPLAIN ANALYZE COPY (SELECT 'x' AS a) TO '" + wh + "' (FORMAT csv, USE_TMP_FILE false)", "COPY statement"},
		{"explain of a copy", "EXPLAIN COPY deals TO '" + wh + "'", "COPY statement"},
		{"explain analyze of checkpoint()", "explain\tanalyze\nSELECT * FROM checkpoint()", "checkpoint() changes"},
		{"explain with options", "EXPLAIN (FORMAT json) SELECT 1", "EXPLAIN takes one SELECT"},
		{"explain after a comment", "/* c */ EXPLAIN SELECT 1", "put EXPLAIN first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "--config", cfg, "query", tt.sql)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tt.want)
			}
			if strings.Contains(stdout, "root:") {
				t.Errorf("printed a file: %s", stdout)
			}
			if after := snapshot(t, dir); !maps.Equal(before, after) {
				t.Fatalf("the project changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
	// The refusals of statements DuckDB parses say what query does run.
	if _, _, stderr := run(t, "--config", cfg, "query", "DROP TABLE deals"); !strings.Contains(stderr, onlyReads) {
		t.Errorf("refusal does not say what is allowed: %s", stderr)
	}
}

// What the docs show keeps working, in every format, and reads nothing
// but the warehouse.
func TestQueryReads(t *testing.T) {
	dir, cfg := queryWarehouse(t)
	before := snapshot(t, dir)
	tests := []struct{ name, format, sql, want string }{
		{"select", "csv", "SELECT count(*) AS n FROM runs", "n\n1\n"},
		{"select json", "json", "SELECT rep_id, name FROM reps", `{"name":"Ann","rep_id":"S1"}`},
		{"select table", "table", "SELECT job, status FROM runs", "ingest  ok"},
		{"system table", "csv", "SELECT count(*) AS n FROM rejects", "n\n0\n"},
		{"with", "csv", "WITH r AS (SELECT rep_id FROM reps) SELECT * FROM r", "rep_id\nS1\n"},
		{"from first", "csv", "FROM reps SELECT name", "name\nAnn\n"},
		{"show tables", "table", "SHOW TABLES", "closed_bonus_rows"},
		{"describe", "csv", "DESCRIBE reps", "rep_id,VARCHAR"},
		{"summarize", "csv", "SUMMARIZE reps", "rep_id,VARCHAR"},
		{"explain", "table", "EXPLAIN SELECT * FROM reps", "physical_plan"},
		{"explain analyze", "csv", "EXPLAIN ANALYZE SELECT * FROM reps", "analyzed_plan"},
		{"explain show", "csv", "explain show tables", "physical_plan"},
		{"pivot", "csv", "PIVOT runs ON status IN ('ok') USING count(*) GROUP BY job", "job,ok\ningest,1\n"},
		{"table function", "csv", "SELECT count(*) AS n FROM range(3)", "n\n3\n"},
		{"trailing semicolon", "csv", "SELECT 1 AS one;", "one\n1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "--config", cfg, "query", "--format", tt.format, tt.sql)
			stdout = strings.ReplaceAll(stdout, "\r\n", "\n") // CSV may end its records either way
			if code != 0 || !strings.Contains(stdout, tt.want) {
				t.Errorf("exit %d\nstdout %q\nstderr %q\nwant %q", code, stdout, stderr, tt.want)
			}
		})
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Fatalf("the project changed:\nbefore %v\nafter  %v", before, after)
	}
}
