package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/warehouse"
)

// signOff is a run's sign-off as runs shows it.
type signOff jobs.SignOffRecord

// signOffOf reads the sign-off of a close, approve or reopen run from its
// detail; the zero value for any other run or an older one without it.
func signOffOf(r warehouse.Run) signOff {
	var d struct {
		SignOff *jobs.SignOffRecord `json:"sign_off"`
	}
	if r.Detail == "" || json.Unmarshal([]byte(r.Detail), &d) != nil || d.SignOff == nil {
		return signOff{}
	}
	return signOff(*d.SignOff)
}

// summary is the table's one-line sign-off: who did what, and why. A run
// that did not end ok signed nothing: it says who tried.
func (s signOff) summary(status string) string {
	if s.Action == "" {
		return ""
	}
	if status != "ok" {
		return fmt.Sprintf("%s by %s: not done (%s)", s.Action, s.By, status)
	}
	var out string
	switch s.Action {
	case "close":
		out = "closed by " + s.By
		if s.Forced {
			out += ", forced: " + s.Reason
		}
	case "approve":
		out = "approved by " + s.By
		if s.ClosedBy != "" {
			out += " (closed by " + s.ClosedBy + ")"
		}
	case "reopen":
		out = "reopened by " + s.By
		if s.ApprovedBy != "" {
			out += ", cleared the approval by " + s.ApprovedBy
		}
		out += ": " + s.Reason
	}
	return out
}

// printSignOff prints the sign-off of a run that ended with status for
// runs --show, its time in loc.
func (a *app) printSignOff(s jobs.SignOffRecord, status string, loc *time.Location) {
	at := s.At
	if t, err := time.Parse(time.RFC3339, s.At); err == nil {
		at = t.In(loc).Format(shownTime)
	}
	if status != "ok" {
		fmt.Fprintf(a.stdout, "sign-off:    %s by %s at %s: not done (%s)\n", s.Action, s.By, at, status)
		return
	}
	verb := map[string]string{"close": "closed by", "approve": "approved by", "reopen": "reopened by"}[s.Action]
	fmt.Fprintf(a.stdout, "%-13s%s at %s\n", verb+":", s.By, at)
	if s.Forced {
		fmt.Fprintln(a.stdout, "forced:      closed before the month had ended")
	}
	if s.Reason != "" {
		fmt.Fprintf(a.stdout, "reason:      %s\n", s.Reason)
	}
	if s.ClosedBy != "" && s.Action != "close" {
		fmt.Fprintf(a.stdout, "closed by:   %s\n", s.ClosedBy)
	}
	if s.ApprovedBy != "" {
		fmt.Fprintf(a.stdout, "approval:    by %s, cleared by this reopen\n", s.ApprovedBy)
	}
}
