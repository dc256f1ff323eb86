package ingest

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
)

// A CRM re-exports every row every day: history must grow by the rows
// that changed, not by the export (issue 11: a lean warehouse). The
// re-export comes in another row order and other spellings of the same
// values, so the comparison is of values, not of lines or text.
func TestReexportKeepsHistoryOfChangedRowsOnly(t *testing.T) {
	tests := []struct {
		name, kind, table, header string
		first, again              []string // rows of the first export and of the re-export
		wantHistory               [][]string
	}{
		{
			name: "deals, nothing changed", kind: "sales", table: "deals",
			header: "deal_id,customer_id,rep_id,status,amount,created_date,close_date",
			first:  []string{"D1,C1,R1,won,100.00,2026-01-02,2026-01-05", "D2,C1,R1,open,,2026-01-03,", "D3,C2,R2,lost,,2026-01-04,2026-01-09"},
			again:  []string{"D3,C2,R2,lost,,2026-01-04,2026-01-09", "D1,C1,R1,won,100,2026-01-02,2026-01-05", "D2,C1,R1,open,,2026-01-03,"},
		},
		{
			name: "deals, one amount corrected", kind: "sales", table: "deals",
			header:      "deal_id,customer_id,rep_id,status,amount,created_date,close_date",
			first:       []string{"D1,C1,R1,won,100.00,2026-01-02,2026-01-05", "D2,C1,R1,open,,2026-01-03,", "D3,C2,R2,lost,,2026-01-04,2026-01-09"},
			again:       []string{"D3,C2,R2,lost,,2026-01-04,2026-01-09", "D1,C1,R1,won,120.00,2026-01-02,2026-01-05", "D2,C1,R1,open,,2026-01-03,"},
			wantHistory: [][]string{{"D1", "100.00"}},
		},
		{
			name: "follow-ups, one result changed", kind: "followups", table: "followups",
			header:      "followup_id,customer_id,rep_id,followup_at,channel,stage,content,result",
			first:       []string{"F1,C1,R1,2026-01-02 10:00:00,email,development,hello,none", "F2,C1,R1,2026-01-03 11:30:00,call,development,again,none"},
			again:       []string{"F2,C1,R1,2026-01-03 11:30:00,call,development,again,interested", "F1,C1,R1,2026-01-02 10:00:00,email,development,hello,none"},
			wantHistory: [][]string{{"F2", "none"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := testConfig(t, dir, config.Source{Name: "s", Kind: tt.kind, Path: "in"})
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			ctx := context.Background()
			for i, rows := range [][]string{tt.first, tt.again} {
				writeFile(t, dir, filepath.Join("in", []string{"a.csv", "b.csv"}[i]), []byte(tt.header+"\n"+strings.Join(rows, "\n")+"\n"))
				if _, err := Ingest(ctx, w, cfg, Options{}); err != nil {
					t.Fatal(err)
				}
			}
			key, col := "deal_id", "amount"
			if tt.table == "followups" {
				key, col = "followup_id", "result"
			}
			got := queryStrings(t, w.DB, `SELECT "`+key+`", "`+col+`" FROM "`+tt.table+`_history" ORDER BY 1`)
			if diff := cmp.Diff(tt.wantHistory, got); diff != "" {
				t.Errorf("%s_history after the re-export (-want +got):\n%s", tt.table, diff)
			}
			if n := queryStrings(t, w.DB, `SELECT count(*) FROM "`+tt.table+`"`); n[0][0] != strconv.Itoa(len(tt.first)) {
				t.Errorf("%s holds %s rows; want %d", tt.table, n[0][0], len(tt.first))
			}
		})
	}
}
