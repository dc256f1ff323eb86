package reports

import (
	"fmt"
	"strings"

	"github.com/salesops/salesops/i18n"
)

// auditLabels are the words of the audit report in one language, looked up
// once from the catalog (i18n) for its templates and sheets. Data (names,
// details) is never translated; only the report's own words are.
type auditLabels struct {
	Lang                                                        i18n.Lang
	Title, Covers, ComparedWith, NoPrevious, Generated          string
	ByCheck, Ranking, Comparison, Findings, ChartChecks, Charts string
	ChartScores                                                 string
	Check, Name, Severity, Weight, FindingsN, Opportunities     string
	Rate, Prev, Change, Rank, Rep, Team, Score, PrevScore       string
	PrevRank, Customer, Company, Deal, Date, Detail             string
	All, Search, Shown, Of, NotRanked, NoOpportunities          string
	NoFindings, HowToRead                                       string
	HowToReadText                                               []string
	SheetSummary, SheetReps                                     string
	// Pending windows and responses to findings (docs/audit.md).
	ID, Status, Owner, Due, Repeat, Response, WindowCloses string
	PendingTitle, PendingNote, NoPending, SheetPending     string
	PendingN, WaivedN, Unassigned                          string
	StatusFinding, StatusWaived, StatusPending             string
	AckFmt, WaiveFmt, PrevFmt                              string // by, date; finding id
	FollowUpFmt                                            string // quarter, findings, acked, waived, unanswered, repeated
	// A capped list: shown, total, the CSV's name (audit_rows.go).
	CappedFmt, CappedCheckFmt, CappedPendingFmt string
}

// CheckName is the check's name in this language ("A1" when unknown).
func (l auditLabels) CheckName(id string) string {
	if i18n.Has("audit.check." + id) {
		return l.Lang.T("audit.check." + id)
	}
	return id
}

// OwnerName shows a finding's owner, "unassigned" in this language.
func (l auditLabels) OwnerName(id, name string) string {
	if id == "unassigned" {
		return l.Unassigned
	}
	if name != "" && name != id {
		return id + " " + name
	}
	return id
}

// ResponseText is "acknowledged by X on DATE: note" (or waived), and for
// the quarter before's response of a repeat, prefixed with that finding's id.
func (l auditLabels) ResponseText(r auditResponse, prev bool) string {
	if r.Action == "" {
		return ""
	}
	f := l.AckFmt
	if r.Action == "waive" {
		f = l.WaiveFmt
	}
	date := ""
	if r.At.Valid {
		date = r.At.Time.Format("2006-01-02")
	}
	s := fmt.Sprintf(f, r.By, date)
	if note := strings.TrimSpace(r.Note); note != "" {
		s += l.Lang.T("punct.colon") + note
	}
	if prev {
		s = fmt.Sprintf(l.PrevFmt, r.FindingID) + s
	}
	return s
}

// FollowUpText is the line on the quarter before's findings; empty when
// there is no quarter before.
func (l auditLabels) FollowUpText(prev string, f auditFollowUp) string {
	if prev == "" {
		return ""
	}
	return fmt.Sprintf(l.FollowUpFmt, prev, f.Findings, f.Acked, f.Waived, f.Unanswered, f.Repeated)
}

// StatusName is a finding's status in this language.
func (l auditLabels) StatusName(f auditFinding) string {
	switch {
	case f.Pending:
		return l.StatusPending
	case f.Waived:
		return l.StatusWaived
	}
	return l.StatusFinding
}

// SeverityName is the severity in this language.
func (l auditLabels) SeverityName(s string) string {
	if i18n.Has("audit.severity." + s) {
		return l.Lang.T("audit.severity." + s)
	}
	return s
}

func auditLabelsFor(l i18n.Lang) auditLabels {
	return auditLabels{
		Lang:             l,
		Title:            l.T("audit.title"),
		Covers:           l.T("audit.covers"),
		ComparedWith:     l.T("audit.compared_with"),
		NoPrevious:       l.T("audit.no_previous"),
		Generated:        l.T("audit.generated"),
		ByCheck:          l.T("audit.by_check"),
		Ranking:          l.T("audit.ranking"),
		Comparison:       l.T("audit.comparison"),
		Findings:         l.T("audit.findings"),
		ChartChecks:      l.T("audit.chart_checks"),
		Charts:           l.T("audit.charts"),
		ChartScores:      l.T("audit.chart_scores"),
		Check:            l.T("audit.check"),
		Name:             l.T("audit.name"),
		Severity:         l.T("audit.severity"),
		Weight:           l.T("audit.weight"),
		FindingsN:        l.T("audit.findings_n"),
		Opportunities:    l.T("audit.opportunities"),
		Rate:             l.T("audit.rate"),
		Prev:             l.T("audit.prev"),
		Change:           l.T("audit.change"),
		Rank:             l.T("audit.rank"),
		Rep:              l.T("audit.rep"),
		Team:             l.T("audit.team"),
		Score:            l.T("audit.score"),
		PrevScore:        l.T("audit.prev_score"),
		PrevRank:         l.T("audit.prev_rank"),
		Customer:         l.T("audit.customer"),
		Company:          l.T("audit.company"),
		Deal:             l.T("audit.deal"),
		Date:             l.T("audit.date"),
		Detail:           l.T("audit.detail"),
		All:              l.T("audit.all"),
		Search:           l.T("audit.search"),
		Shown:            l.T("audit.shown"),
		Of:               l.T("audit.of"),
		NotRanked:        l.T("audit.not_ranked"),
		NoOpportunities:  l.T("audit.no_opportunities"),
		NoFindings:       l.T("audit.no_findings"),
		HowToRead:        l.T("audit.how_to_read"),
		SheetSummary:     l.T("audit.sheet_summary"),
		SheetReps:        l.T("audit.sheet_reps"),
		ID:               l.T("audit.id"),
		Status:           l.T("audit.status"),
		Owner:            l.T("audit.owner"),
		Due:              l.T("audit.due"),
		Repeat:           l.T("audit.repeat"),
		Response:         l.T("audit.response"),
		WindowCloses:     l.T("audit.window_closes"),
		PendingTitle:     l.T("audit.pending_title"),
		PendingNote:      l.T("audit.pending_note"),
		NoPending:        l.T("audit.no_pending"),
		SheetPending:     l.T("audit.sheet_pending"),
		PendingN:         l.T("audit.pending_n"),
		WaivedN:          l.T("audit.waived_n"),
		Unassigned:       l.T("audit.unassigned"),
		StatusFinding:    l.T("audit.status_finding"),
		StatusWaived:     l.T("audit.status_waived"),
		StatusPending:    l.T("audit.status_pending"),
		AckFmt:           l.T("audit.ack_fmt"),
		WaiveFmt:         l.T("audit.waive_fmt"),
		PrevFmt:          l.T("audit.prev_fmt"),
		FollowUpFmt:      l.T("audit.follow_up_fmt"),
		CappedFmt:        l.T("audit.capped"),
		CappedCheckFmt:   l.T("audit.capped_check"),
		CappedPendingFmt: l.T("audit.capped_pending"),
		HowToReadText:    []string{l.T("audit.howto.1"), l.T("audit.howto.2"), l.T("audit.howto.3"), l.T("audit.howto.4"), l.T("audit.howto.5")},
	}
}
