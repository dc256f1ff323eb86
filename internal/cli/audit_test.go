package cli

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/warehouse"
)

// salesops audit ack|waive on a warehouse whose one won deal (2026-08-03,
// contract not archived) is an A4 finding of 2026-Q3: usage errors exit 2
// before touching the warehouse, an unknown id exits 2 naming it, a held
// lock exits 4, and a response lands in audit_responses and the run history.
func TestAuditRespond(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	cfg := filepath.Join(dir, "salesops.yaml")
	for path, text := range map[string]string{
		"drop/reps/reps.csv":   "rep_id,name\nS1,Ann\n",
		"drop/sales/sales.csv": "deal_id,customer_id,rep_id,status,amount,close_date,contract_archived\nD1,C1,S1,won,100.00,2026-08-03,false\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, path), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := run(t, "--config", cfg, "run", "quarterly-audit", "--period", "2026-Q3"); code != 0 {
		t.Fatalf("audit run: exit %d: %s", code, stderr)
	}
	id := "A4-2026Q3-" + md5Hex12("deal:D1")

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"waive needs a note", []string{"audit", "waive", "--finding", id, "--by", "Lee"}, 2, "--note must say why"},
		{"by is required", []string{"audit", "ack", "--finding", id}, 2, `"by" not set`},
		{"unknown finding", []string{"audit", "ack", "--finding", "A4-2026Q3-000000000000", "--by", "Lee"}, 2, `no such audit finding "A4-2026Q3-000000000000"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, append([]string{"--config", cfg}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}

	lock, err := jobs.AcquireLock(context.Background(), filepath.Join(dir, "salesops.duckdb"), jobs.Holder{Job: "monthly-bonus", Period: "2026-10"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "--config", cfg, "audit", "ack", "--finding", id, "--by", "Lee", "--note", "x")
	lock.Release()
	if code != 4 {
		t.Fatalf("ack under a held lock: exit %d, %s", code, stderr)
	}
	code, stdout, stderr := run(t, "--config", cfg, "audit", "ack", "--finding", id, "--by", "Lee", "--note", "archiving on Monday")
	if code != 0 || !strings.Contains(stdout, id+": ack recorded by Lee") || !strings.Contains(stdout, "2026-Q3") {
		t.Fatalf("ack: exit %d\n%s\n%s", code, stdout, stderr)
	}
	w, err := warehouse.Open(context.Background(), filepath.Join(dir, "salesops.duckdb"), warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var got string
	if err := w.DB.QueryRow(`SELECT r.finding_id || ' ' || r.action || ' ' || r.by_name || ' ' || r.note || ' ' || h.job
		FROM audit_responses r JOIN runs h ON h.run_id = r.run_id`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := id + " ack Lee archiving on Monday audit-ack"; got != want {
		t.Errorf("recorded %q, want %q", got, want)
	}
}

// md5Hex12 is how sql/models/audit_opportunities.sql derives a finding id's
// tail from the thing checked.
func md5Hex12(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])[:12]
}
