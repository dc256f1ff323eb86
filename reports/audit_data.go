package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/salesops/salesops/buildinfo"
)

// auditReport is one quarter's audit as the three files present it.
type auditReport struct {
	L                 auditLabels
	Period, Prev      string // Prev is empty when the quarter before has no data
	Start, End, Until time.Time
	Checks            []auditCheckRow
	Reps              []auditRepRow
	// Findings and Pending hold the rows the page and the workbook list:
	// at most Shown of each check's findings and Shown pending windows
	// (audit_rows.go); the totals count them all, and the CSV streams them
	// all from the warehouse.
	Findings        []auditFinding
	Pending         []auditFinding // open windows: not findings, not counted
	Shown           int
	FindingsTotal   int64
	FindingsByCheck map[string]int64
	PendingTotal    int64
	FollowUp        auditFollowUp   // what became of the quarter before's findings
	Programme       *auditProgramme // the plan's cost against its gains; nil without a start
	Build           buildinfo.Info
	// db is the warehouse the report was read from: the CSV streams every
	// finding from it, which r does not hold, in the pages of groups, the
	// findings counted by check and rep.
	db     *sql.DB
	groups []auditGroup
}

type auditCheckRow struct {
	ID, Severity, Name, Weight      string
	Findings, Opportunities         int64
	Pending, Waived                 int64
	Rate                            sql.NullFloat64
	PrevFindings, PrevOpportunities sql.NullInt64
	PrevRate                        sql.NullFloat64
}

type auditCell struct {
	Findings, Opportunities         int64
	Rate                            sql.NullFloat64
	PrevFindings, PrevOpportunities sql.NullInt64
}

type auditRepRow struct {
	ID, Name, Team           string
	InRoster                 bool
	Findings, Opportunities  int64
	Score, PrevScore, Change sql.NullFloat64
	Rank, PrevRank           sql.NullInt64
	Cells                    map[string]auditCell // by check id
}

type auditFinding struct {
	ID, Check, Severity, Rep, RepName string
	Customer, Company, Deal           string
	Date                              sql.NullTime
	Detail                            string
	Owner, OwnerName                  string // "unassigned" when nobody can be asked
	Due, WindowCloses                 sql.NullTime
	Pending, Waived, Repeat           bool
	Response, PrevResponse            auditResponse
}

// auditFollowUp counts the quarter before's findings by their response and
// by whether they repeat in this quarter: the auditor's follow-up line.
type auditFollowUp struct {
	Findings, Acked, Waived, Unanswered, Repeated int64
}

// auditResponse is the latest ack or waiver of a finding (Action empty: none).
type auditResponse struct {
	Action, By, Note, FindingID string
	At                          sql.NullTime
}

func loadAudit(ctx context.Context, db *sql.DB, period string, lb auditLabels) (*auditReport, error) {
	return loadAuditShown(ctx, db, period, lb, auditShownRows)
}

// loadAuditShown is loadAudit listing at most shown rows; tests pass a
// small one to build a quarter over the cap.
func loadAuditShown(ctx context.Context, db *sql.DB, period string, lb auditLabels, shown int) (*auditReport, error) {
	r := &auditReport{L: lb, Period: period, Shown: shown, db: db}
	var prev sql.NullString
	err := db.QueryRowContext(ctx, `SELECT start_date, end_date, audit_end, prev_period FROM audit_quarters WHERE period = ?`, period).
		Scan(&r.Start, &r.End, &r.Until, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no audit for %s in the warehouse: the quarter has no data or has not begun (run the transform first)", period)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the audited quarter: %w", err)
	}
	r.Prev = prev.String
	if err := r.loadChecks(ctx, db); err != nil {
		return nil, err
	}
	if err := r.loadReps(ctx, db); err != nil {
		return nil, err
	}
	if err := r.loadFindings(ctx, db); err != nil {
		return nil, err
	}
	if err := r.loadPending(ctx, db); err != nil {
		return nil, err
	}
	if err := r.loadFollowUp(ctx, db); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *auditReport) loadChecks(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT check_id, severity, CAST(weight AS VARCHAR), findings, opportunities, pending, waived, rate,
		prev_findings, prev_opportunities, prev_rate
		FROM audit_check_summary WHERE period = ? ORDER BY sort`, r.Period)
	if err != nil {
		return fmt.Errorf("reading the check summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c auditCheckRow
		if err := rows.Scan(&c.ID, &c.Severity, &c.Weight, &c.Findings, &c.Opportunities, &c.Pending, &c.Waived, &c.Rate,
			&c.PrevFindings, &c.PrevOpportunities, &c.PrevRate); err != nil {
			return fmt.Errorf("reading the check summary: %w", err)
		}
		c.Name = r.L.CheckName(c.ID)
		c.Weight = auditTrimDecimal(c.Weight)
		r.Checks = append(r.Checks, c)
	}
	return rows.Err()
}

func (r *auditReport) loadReps(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT rep_id, coalesce(name, rep_id), coalesce(team, ''), in_roster, findings, opportunities,
		score, rank, prev_score, prev_rank, score_change
		FROM audit_rep_summary WHERE period = ?
		ORDER BY rank NULLS LAST, score DESC NULLS LAST, in_roster DESC, rep_id`, r.Period)
	if err != nil {
		return fmt.Errorf("reading the rep summary: %w", err)
	}
	defer rows.Close()
	byID := map[string]int{}
	for rows.Next() {
		var p auditRepRow
		if err := rows.Scan(&p.ID, &p.Name, &p.Team, &p.InRoster, &p.Findings, &p.Opportunities,
			&p.Score, &p.Rank, &p.PrevScore, &p.PrevRank, &p.Change); err != nil {
			return fmt.Errorf("reading the rep summary: %w", err)
		}
		p.Cells = map[string]auditCell{}
		p.Name = repLabel(r.L.Lang, p.ID, p.Name)
		byID[p.ID] = len(r.Reps)
		r.Reps = append(r.Reps, p)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading the rep summary: %w", err)
	}
	cells, err := db.QueryContext(ctx, `SELECT rep_id, check_id, findings, opportunities, rate, prev_findings, prev_opportunities
		FROM audit_rep_scores WHERE period = ?`, r.Period)
	if err != nil {
		return fmt.Errorf("reading the rep scores: %w", err)
	}
	defer cells.Close()
	for cells.Next() {
		var rep, check string
		var c auditCell
		if err := cells.Scan(&rep, &check, &c.Findings, &c.Opportunities, &c.Rate, &c.PrevFindings, &c.PrevOpportunities); err != nil {
			return fmt.Errorf("reading the rep scores: %w", err)
		}
		if i, ok := byID[rep]; ok {
			r.Reps[i].Cells[check] = c
		}
	}
	return cells.Err()
}

// A finding of the quarter before repeats when a link of
// audit_finding_repeats names it: a link joins a finding to the one of the
// quarter before its own, so a link to the quarter before's is from this
// quarter's. Read from the links, not by looking for each finding among
// this quarter's (the view scanned again: 2.3 s against 0.8 s at ten
// million deals).
func (r *auditReport) loadFollowUp(ctx context.Context, db *sql.DB) error {
	if r.Prev == "" {
		return nil
	}
	f := &r.FollowUp
	err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE p.response = 'ack'),
		count(*) FILTER (WHERE p.response = 'waive'), count(*) FILTER (WHERE p.response IS NULL),
		count(*) FILTER (WHERE p.finding_id IN (SELECT prev_finding_id FROM audit_finding_repeats))
		FROM audit_findings p WHERE p.period = ?`, r.Prev).Scan(&f.Findings, &f.Acked, &f.Waived, &f.Unanswered, &f.Repeated)
	if err != nil {
		return fmt.Errorf("reading the follow-up of %s: %w", r.Prev, err)
	}
	return nil
}

// auditTrimDecimal shows a configured weight as written: "1", "0.25".
func auditTrimDecimal(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}
