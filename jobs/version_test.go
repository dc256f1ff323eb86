package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/warehouse"
)

// TestRunRecordsItsBuild: the runner's build identity goes into the run
// history, the journal, and the metadata of the files the run writes.
func TestRunRecordsItsBuild(t *testing.T) {
	ctx := context.Background()
	r, _, out := testRunner(t)
	r.Build = buildinfo.Info{Version: "test", Revision: "0123456789abcdef", Dirty: true}
	const label = "salesops test (revision 0123456789ab, modified)"
	o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
	if err != nil {
		t.Fatal(err)
	}

	w, err := warehouse.Open(ctx, r.Config.WarehousePath(), warehouse.Options{ReadOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := w.Runs(ctx, 0)
	w.Close()
	if err != nil || len(runs) != 1 || runs[0].Version != label {
		t.Fatalf("run history %+v (%v); want one run of version %q", runs, err, label)
	}
	journal, err := JournalRuns(r.Config.WarehousePath(), Holder{})
	if err != nil || len(journal) != 1 || journal[0].Version != label {
		t.Fatalf("journal %+v (%v); want one run of version %q", journal, err, label)
	}

	month := filepath.Join(out, "2026-10")
	for _, name := range []string{"dashboard-2026-10.html", "../index.html"} {
		if page := string(read(t, filepath.Join(month, name))); !strings.Contains(page, `<footer class="generator">`+label+`</footer>`) {
			t.Errorf("%s has no footer naming the build", name)
		}
	}
	var doc struct {
		Generator string `json:"generator"`
	}
	if err := json.Unmarshal(read(t, filepath.Join(month, "bonus-2026-10.json")), &doc); err != nil || doc.Generator != label {
		t.Errorf("bonus JSON generator %q (%v); want %q", doc.Generator, err, label)
	}
	for _, name := range []string{"bonus-2026-10.xlsx", "scorecards-2026-10.xlsx"} {
		f, err := excelize.OpenFile(filepath.Join(month, name))
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetDocProps()
		f.Close()
		if err != nil || props.Description != label {
			t.Errorf("%s description %q (%v); want %q", name, props.Description, err, label)
		}
	}
	if len(o.Outputs) == 0 {
		t.Fatal("the run wrote nothing")
	}
}

// TestSchedulerFailureRecordsItsBuild: a failure the scheduler records
// itself (a panic, a refused lock) names the build too.
func TestSchedulerFailureRecordsItsBuild(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	h := WarehouseHistory{Path: path, Build: buildinfo.Info{Version: "test"}}
	now := time.Now()
	if err := h.RecordFailure(ctx, Request{Job: JobRefresh, Period: "2026-10", Trigger: TriggerSchedule}, now, now, errors.New("boom")); err != nil {
		t.Fatal(err)
	}
	w, err := warehouse.Open(ctx, path, warehouse.Options{ReadOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	runs, err := w.Runs(ctx, 0)
	if err != nil || len(runs) != 1 || runs[0].Version != "salesops test revision unknown" {
		t.Fatalf("runs %+v (%v); want one failure of version salesops test revision unknown", runs, err)
	}
}
