package cli

import (
	"encoding/json"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// signOffStarter is a starter folder with one October and one November
// deal, its configuration edited by edit (old → new text).
func signOffStarter(t *testing.T, edit ...string) (cfg, reports string) {
	t.Helper()
	sales := salesCSV + "D2,C2,S1,won,300.00,2026-11-05\n"
	cfg = starter(t, map[string]string{"drop/reps/reps.csv": repsCSV, "drop/sales/deals.csv": sales})
	if len(edit) > 0 {
		text, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		s := string(text)
		for i := 0; i+1 < len(edit); i += 2 {
			if !strings.Contains(s, edit[i]) {
				t.Fatalf("the starter lacks %q", edit[i])
			}
			s = strings.Replace(s, edit[i], edit[i+1], 1)
		}
		if err := os.WriteFile(cfg, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cfg, filepath.Join(filepath.Dir(cfg), "reports")
}

// closeObject is the close object of the published bonus-M.json.
func closeObject(t *testing.T, reports, period string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(reports, period, "bonus-"+period+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Close map[string]string `json:"close"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m.Close
}

// On 30 November 2026 (17:00 in Shanghai) `close --period 2026-11`
// succeeded: a month that had not ended was frozen, by nobody, at a UTC
// time. (The close records the real time, not the test's business clock,
// so only its offset is checked.) Now it is refused with the moment it may be closed, unless forced
// with a reason; the close names who and says when in the configured zone.
func TestCloseSignOff(t *testing.T) {
	nov30 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) // 17:00 in Shanghai
	dec1 := time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC) // 00:00 on 1 December in Shanghai
	cfg, reports := signOffStarter(t)
	tests := []struct {
		name     string
		now      time.Time
		args     []string
		code     int
		want     []string // in stdout + stderr
		closedBy string   // the close object's closed_by after an accepted close
		reason   string
	}{
		{"not ended", nov30, []string{"close", "--period", "2026-11"}, 2,
			[]string{"2026-11 ends at 2026-12-01 00:00 +08:00; close it then, or use --force --reason TEXT"}, "", ""},
		{"force without reason", nov30, []string{"close", "--period", "2026-11", "--force"}, 2,
			[]string{"--force needs --reason TEXT"}, "", ""},
		{"reason without force", nov30, []string{"close", "--period", "2026-11", "--reason", "cutoff"}, 2,
			[]string{"--reason goes with --force"}, "", ""},
		{"forced with a reason", nov30, []string{"close", "--period", "2026-11", "--force", "--reason", "payroll cutoff", "--by", "fin"}, 0,
			[]string{"2026-11 closed by fin at 20", " +08:00 (forced: payroll cutoff)"}, "fin", "payroll cutoff"},
		{"ended, default closer", dec1, []string{"close", "--period", "2026-10"}, 0,
			[]string{"2026-10 closed by " + defaultSigner() + " at "}, defaultSigner(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runAt(t, tt.now, append([]string{"--config", cfg, "--quiet"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("no %q in\n%s%s", w, stdout, stderr)
				}
			}
			if tt.code != 0 {
				return
			}
			period := tt.args[2]
			c := closeObject(t, reports, period)
			if c["closed_by"] != tt.closedBy || c["reason"] != tt.reason || !strings.HasSuffix(c["closed_at"], "+08:00") {
				t.Errorf("close object %v: want closed_by %q, reason %q, closed_at at +08:00", c, tt.closedBy, tt.reason)
			}
		})
	}
	// runs shows who closed, why, and its times at the configured offset.
	code, stdout, _ := runAt(t, dec1, "--config", cfg, "runs")
	if code != 0 || !strings.Contains(stdout, "closed by fin, forced: payroll cutoff") ||
		!strings.Contains(stdout, "closed by "+defaultSigner()) || strings.Count(stdout, " +08:00") < 4 {
		t.Errorf("runs (exit %d):\n%s", code, stdout)
	}
	code, stdout, _ = runAt(t, dec1, "--config", cfg, "runs", "--show", "1")
	if code != 0 || !strings.Contains(stdout, "closed by:   fin at 20") || !strings.Contains(stdout, "reason:      payroll cutoff") ||
		!strings.Contains(stdout, "forced:") || strings.Count(stdout, " +08:00") < 3 {
		t.Errorf("runs --show 1 (exit %d):\n%s", code, stdout)
	}
}

// With bonus.require_approval a closed month's payroll files (bonus CSV
// and JSON) wait for a second person; the closer cannot approve; a reopen
// clears the approval, and the files of the reopened month are withheld
// again until it is closed and approved anew.
func TestApproveGatesPayrollFiles(t *testing.T) {
	dec5 := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC)
	cfg, reports := signOffStarter(t, "require_approval: false", "require_approval: true")
	dir := filepath.Join(reports, "2026-10")
	payroll := func() (csv, js bool) {
		_, e1 := os.Stat(filepath.Join(dir, "bonus-2026-10.csv"))
		_, e2 := os.Stat(filepath.Join(dir, "bonus-2026-10.json"))
		return e1 == nil, e2 == nil
	}
	step := func(code int, args ...string) string {
		t.Helper()
		got, stdout, stderr := runAt(t, dec5, append([]string{"--config", cfg, "--quiet"}, args...)...)
		if got != code {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, got, code, stdout, stderr)
		}
		return stdout + stderr
	}
	step(0, "run", "monthly-bonus", "--period", "2026-10")
	if c, j := payroll(); c || j {
		t.Fatalf("an open month's payroll files were written (csv %v, json %v)", c, j)
	}
	if out := step(2, "approve", "--period", "2026-10", "--by", "boss"); !strings.Contains(out, "is not closed") {
		t.Errorf("approving an open month: %s", out)
	}
	out := step(0, "close", "--period", "2026-10", "--by", "fin")
	if c, j := payroll(); c || j || !strings.Contains(out, "awaits approval (closed by fin)") {
		t.Fatalf("after the close: csv %v, json %v\n%s", c, j, out)
	}
	workbook := filepath.Join(dir, "bonus-2026-10.xlsx")
	if !workbookSays(t, workbook, "Awaiting approval") {
		t.Error("the workbook of the closed month does not say it awaits approval")
	}
	// The dashboard of the same month says so too, not just "closed".
	if dash, err := os.ReadFile(filepath.Join(dir, "dashboard-2026-10.html")); err != nil || !strings.Contains(string(dash), "Awaiting approval") {
		t.Errorf("the dashboard of the closed month does not say it awaits approval (%v)", err)
	}
	if out := step(2, "approve", "--period", "2026-10", "--by", "FIN"); !strings.Contains(out, "fin closed 2026-10; the approval must come from a second person") {
		t.Errorf("approval by the closer: %s", out)
	}
	if c, j := payroll(); c || j {
		t.Fatal("a refused approval wrote the payroll files")
	}
	step(0, "approve", "--period", "2026-10", "--by", "boss")
	if c, j := payroll(); !c || !j {
		t.Fatalf("after the approval: csv %v, json %v", c, j)
	}
	if !workbookSays(t, workbook, "Approved on ") || workbookSays(t, workbook, "Awaiting approval") {
		t.Error("the workbook of the approved month does not say so")
	}
	if c := closeObject(t, reports, "2026-10"); c["closed_by"] != "fin" || c["approved_by"] != "boss" || !strings.HasSuffix(c["approved_at"], "+08:00") {
		t.Errorf("close object after the approval: %v", c)
	}
	if out := step(5, "approve", "--period", "2026-10", "--by", "carol"); !strings.Contains(out, "already approved by boss at ") {
		t.Errorf("a second approval: %s", out)
	}
	step(0, "run", "monthly-bonus", "--period", "2026-10")
	if c, j := payroll(); !c || !j {
		t.Fatal("a rerun of the approved month withheld its payroll files")
	}

	// A reopen clears the approval: the month is open again, its payroll
	// files go, and the next close needs a new approval.
	if out := step(0, "reopen", "--period", "2026-10", "--reason", "late deal", "--by", "fin"); !strings.Contains(out, "the approval by boss is cleared") {
		t.Errorf("reopen: %s", out)
	}
	step(0, "run", "monthly-bonus", "--period", "2026-10")
	if c, j := payroll(); c || j {
		t.Fatalf("the reopened month kept its payroll files (csv %v, json %v)", c, j)
	}
	step(0, "close", "--period", "2026-10", "--by", "fin")
	if c, j := payroll(); c || j {
		t.Fatal("the approval of the first close carried over to the second")
	}
	step(0, "approve", "--period", "2026-10", "--by", "boss")
	out = step(0, "runs")
	for _, w := range []string{"approved by boss (closed by fin)", "reopened by fin, cleared the approval by boss: late deal", "closed by fin",
		"approve by FIN: not done (failed)"} {
		if !strings.Contains(out, w) {
			t.Errorf("runs lacks %q:\n%s", w, out)
		}
	}
	// A refused approval signed nothing; the history must not say it did.
	if strings.Contains(out, "approved by FIN") {
		t.Errorf("runs shows the closer's refused approval as an approval:\n%s", out)
	}
}

func TestSignerFrom(t *testing.T) {
	known := func() (*user.User, error) { return &user.User{Username: "ann"}, nil }
	unknown := func() (*user.User, error) { return nil, errors.New("no such user") }
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	tests := []struct {
		name    string
		current func() (*user.User, error)
		env     map[string]string
		want    string
	}{
		{"the OS user", known, map[string]string{"USER": "bob"}, "ann"},
		{"no OS user: $USER", unknown, map[string]string{"USER": "bob", "LOGNAME": "cy"}, "bob"},
		{"no $USER: $LOGNAME", unknown, map[string]string{"USER": " ", "LOGNAME": "cy"}, "cy"},
		{"nobody", unknown, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := signerFrom(tt.current, env(tt.env)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// workbookSays reports whether a cell of the workbook at path holds text.
func workbookSays(t *testing.T, path, text string) bool {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if strings.Contains(cell, text) {
					return true
				}
			}
		}
	}
	return false
}
