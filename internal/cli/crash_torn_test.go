package cli

import (
	"bytes"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
)

// crashBatchTables are what one ingest batch writes, in one transaction;
// crashRecordTables what a job records once its reports are out, in
// another; every other table a job changes is the transform's, in a third.
var (
	crashBatchTables  = map[string]bool{"ingest_batches": true, "ingest_files": true, "rejects": true, "ingest_warnings": true}
	crashRecordTables = map[string]bool{"audit_scores": true}
)

func init() {
	for _, kind := range []string{"reps", "customers", "deals", "followups", "surveys", "tickets", "fx_rates"} {
		crashBatchTables[kind], crashBatchTables[kind+"_history"] = true, true
	}
}

// torn says how the warehouse and reports right after a kill (got) are
// something a reader must never see: a table neither as before the job nor
// as after it, an ingest batch or a transform applied in part, or a report
// file that is neither the old one nor the whole new one. A temporary file
// of a killed write (a dot name) is allowed here; the rerun removes it.
func (got crashState) torn(before, after crashState) string {
	var out []string
	sides := map[string]map[string][]string{} // ingest|transform → before|after → tables
	for _, table := range slices.Sorted(maps.Keys(after.tables)) {
		a := after.tables[table]
		b, had := before.tables[table]
		if !had {
			b = "0 rows, hash 0" // created by the job, or empty since the schema
		}
		if a == b || table == "schema_version" { // the schema is created when the warehouse is opened
			continue
		}
		group := "transform"
		switch {
		case crashBatchTables[table]:
			group = "ingest"
		case crashRecordTables[table]:
			group = "record"
		}
		if sides[group] == nil {
			sides[group] = map[string][]string{}
		}
		switch g, ok := got.tables[table]; {
		case g == a:
			sides[group]["after"] = append(sides[group]["after"], table)
		case g == b || !ok && !had:
			sides[group]["before"] = append(sides[group]["before"], table)
		default:
			out = append(out, fmt.Sprintf("table %s holds %s: neither %s (before) nor %s (after)", table, g, b, a))
		}
	}
	for _, group := range slices.Sorted(maps.Keys(sides)) {
		if s := sides[group]; len(s["before"]) > 0 && len(s["after"]) > 0 {
			out = append(out, fmt.Sprintf("the %s is half applied: %v as before, %v as after", group, s["before"], s["after"]))
		}
	}
	for _, f := range slices.Sorted(maps.Keys(got.outputs)) {
		if strings.HasPrefix(filepath.Base(f), ".") {
			continue
		}
		g := got.outputs[f]
		old, hadOld := before.outputs[f]
		if !bytes.Equal(g, after.outputs[f]) && !(hadOld && bytes.Equal(g, old)) {
			out = append(out, fmt.Sprintf("file %s (%d bytes) is neither the old nor the new one", f, len(g)))
		}
	}
	return strings.Join(out, "\n")
}
