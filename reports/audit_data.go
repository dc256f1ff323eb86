package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/i18n"
)

// auditReport is one quarter's audit as the three files present it.
type auditReport struct {
	L                 auditLabels
	Period, Prev      string // Prev is empty when the quarter before has no data
	Start, End, Until time.Time
	Checks            []auditCheckRow
	Reps              []auditRepRow
	Findings          []auditFinding
	Pending           []auditFinding  // open windows: not findings, not counted
	FollowUp          auditFollowUp   // what became of the quarter before's findings
	Programme         *auditProgramme // the plan's cost against its gains; nil without a start
	Build             buildinfo.Info
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
	r := &auditReport{L: lb, Period: period}
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

func (r *auditReport) loadFindings(ctx context.Context, db *sql.DB) error {
	detail := "f.detail"
	if r.L.Lang == i18n.ZhCN {
		detail = "f.detail_zh"
	}
	rows, err := db.QueryContext(ctx, `SELECT f.finding_id, f.check_id, f.severity, f.rep_id, coalesce(d.name, f.rep_id),
		coalesce(f.customer_id, ''), coalesce(c.company_name, ''), coalesce(f.deal_id, ''), f.date, coalesce(`+detail+`, ''),
		f.owner_id, f.owner_name, f.due_date, f.waived, f.repeat,
		coalesce(f.response, ''), coalesce(f.response_by, ''), coalesce(f.response_note, ''), f.responded_at,
		coalesce(f.prev_response, ''), coalesce(f.prev_response_by, ''), coalesce(f.prev_response_note, ''), f.prev_responded_at,
		coalesce(f.prev_finding_id, '')
		FROM audit_findings f
		LEFT JOIN rep_dim d ON d.rep_id = f.rep_id
		LEFT JOIN audit_customers c ON c.customer_id = f.customer_id
		JOIN audit_checks k ON k.check_id = f.check_id
		WHERE f.period = ?
		ORDER BY k.sort, f.rep_id, f.customer_id NULLS FIRST, f.deal_id NULLS FIRST, f.date, f.opportunity_key`, r.Period)
	if err != nil {
		return fmt.Errorf("reading the findings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f auditFinding
		if err := rows.Scan(&f.ID, &f.Check, &f.Severity, &f.Rep, &f.RepName, &f.Customer, &f.Company, &f.Deal, &f.Date, &f.Detail,
			&f.Owner, &f.OwnerName, &f.Due, &f.Waived, &f.Repeat,
			&f.Response.Action, &f.Response.By, &f.Response.Note, &f.Response.At,
			&f.PrevResponse.Action, &f.PrevResponse.By, &f.PrevResponse.Note, &f.PrevResponse.At, &f.PrevResponse.FindingID); err != nil {
			return fmt.Errorf("reading the findings: %w", err)
		}
		f.Response.FindingID = f.ID
		f.RepName, f.Detail = repLabel(r.L.Lang, f.Rep, f.RepName), r.L.Lang.Reasons(f.Detail)
		r.Findings = append(r.Findings, f)
	}
	return rows.Err()
}

func (r *auditReport) loadFollowUp(ctx context.Context, db *sql.DB) error {
	if r.Prev == "" {
		return nil
	}
	f := &r.FollowUp
	err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE p.response = 'ack'),
		count(*) FILTER (WHERE p.response = 'waive'), count(*) FILTER (WHERE p.response IS NULL),
		count(*) FILTER (WHERE EXISTS (SELECT 1 FROM audit_findings c WHERE c.period = ? AND c.prev_finding_id = p.finding_id))
		FROM audit_findings p WHERE p.period = ?`, r.Period, r.Prev).Scan(&f.Findings, &f.Acked, &f.Waived, &f.Unanswered, &f.Repeated)
	if err != nil {
		return fmt.Errorf("reading the follow-up of %s: %w", r.Prev, err)
	}
	return nil
}

// loadPending reads the opportunities whose window was still open at the
// quarter's audit_end: listed with the day it closes, never counted.
func (r *auditReport) loadPending(ctx context.Context, db *sql.DB) error {
	detail := "o.detail"
	if r.L.Lang == i18n.ZhCN {
		detail = "o.detail_zh"
	}
	rows, err := db.QueryContext(ctx, `SELECT o.finding_id, o.check_id, k.severity, o.rep_id, coalesce(d.name, o.rep_id),
		coalesce(o.customer_id, ''), coalesce(c.company_name, ''), coalesce(o.deal_id, ''), o.date, coalesce(`+detail+`, ''), o.window_closes
		FROM audit_opportunities o
		LEFT JOIN rep_dim d ON d.rep_id = o.rep_id
		LEFT JOIN audit_customers c ON c.customer_id = o.customer_id
		JOIN audit_checks k ON k.check_id = o.check_id
		WHERE o.period = ? AND o.pending
		ORDER BY o.window_closes, k.sort, o.rep_id, o.opportunity_key`, r.Period)
	if err != nil {
		return fmt.Errorf("reading the pending windows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f auditFinding
		if err := rows.Scan(&f.ID, &f.Check, &f.Severity, &f.Rep, &f.RepName, &f.Customer, &f.Company, &f.Deal, &f.Date,
			&f.Detail, &f.WindowCloses); err != nil {
			return fmt.Errorf("reading the pending windows: %w", err)
		}
		f.Pending = true
		f.RepName, f.Detail = repLabel(r.L.Lang, f.Rep, f.RepName), r.L.Lang.Reasons(f.Detail)
		r.Pending = append(r.Pending, f)
	}
	return rows.Err()
}

// auditTrimDecimal shows a configured weight as written: "1", "0.25".
func auditTrimDecimal(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}
