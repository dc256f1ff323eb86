package reports

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// drillCap is how many rows of each kind (deals, follow-ups, responses)
// the dashboard embeds per rep, the earliest of the month first; the page
// says when a rep had more. It bounds the file at any volume
// (docs/reports.md gives the size it allows).
const drillCap = 200

// exploreData is what the dashboard's filters and drill-down need beyond
// the company view: every rep's sums per month of the trend, the cohort
// funnel and the survey scores by rep, and the rep's rows of the month.
// It is part of dashData, so a closed month's record freezes it too.
type exploreData struct {
	// Sums are each rep's figures per month, aligned with dashData.Trend.
	Sums map[string][]repSums
	// Funnel counts the month's cohort by the rep of each customer's first
	// touch: development, followed up, won, after-sales.
	Funnel map[string][4]int64
	Scores map[string]map[int64]int64 // rep → score → responses
	// Rows are the month's rows, one slice per rep and kind, each made at
	// its final size (at most drillCap): grown by append, the 282,344 rows
	// of a month at 10M deals were copied and re-faulted in a third of a
	// second of the report step.
	Rows   [][]drillRow
	Totals map[string]map[string]int64 // rep → kind → rows of the month
	// Risk are each rep's customers at risk, the first riskLimit by the
	// at-risk table's order, so a filter lists its reps' own first
	// riskLimit; RiskTotals counts them all.
	Risk       []riskCustomer
	RiskTotals map[string]int64
}

// repSums are the additive figures behind a rep's KPIs in one month:
// a filter sums them over its reps and divides afterwards, as the roll-ups
// do (a ratio of sums).
type repSums struct {
	Gross, Cancel, Net                money.Cents
	Won, Lost, Followups, Leads, Conv int64
	Responses, Satisfied              int64
}

// drillRow is one row of drillQuery.
type drillRow struct {
	Rep, Kind, Item, Customer, Company, What, Note string
	Day                                            int // day of the month
	Amount                                         *money.Cents
	Score                                          *int64
}

func loadExplore(ctx context.Context, db *sql.DB, d *dashData) error {
	x := &exploreData{Sums: map[string][]repSums{}, Funnel: map[string][4]int64{},
		Scores: map[string]map[int64]int64{}, Totals: map[string]map[string]int64{}, RiskTotals: map[string]int64{}}
	steps := []func(context.Context, *sql.DB, *dashData, *exploreData) error{loadRepSums, loadRepFunnel, loadRepScores, loadDrillRows, loadRepRisk}
	for _, step := range steps {
		if err := step(ctx, db, d, x); err != nil {
			return err
		}
	}
	d.Explore = x
	return nil
}

func loadRepSums(ctx context.Context, db *sql.DB, d *dashData, x *exploreData) error {
	if len(d.Trend) == 0 {
		return nil
	}
	at := map[string]int{}
	for i, r := range d.Trend {
		at[r.Period] = i
	}
	rows, err := queryKPIs(ctx, db, kpiSelect+` WHERE k.level = 'rep' AND k.kind = 'month' AND k.start_date >= ? AND k.end_date <= ?
		ORDER BY k.key, k.start_date`, d.P.Shift(-23).Start(), d.P.End())
	if err != nil {
		return fmt.Errorf("loading the reps' monthly figures: %w", err)
	}
	for _, r := range rows {
		i, ok := at[r.Period]
		if !ok {
			continue
		}
		s := x.Sums[r.Key]
		if s == nil {
			s = make([]repSums, len(d.Trend))
			x.Sums[r.Key] = s
		}
		s[i] = repSums{Gross: r.GrossSales, Cancel: r.Cancellations, Net: r.NetSales, Won: r.WonDeals, Lost: r.LostDeals,
			Followups: r.Followups, Leads: r.Leads, Conv: r.ConvertedLeads, Responses: r.Responses, Satisfied: r.Satisfied}
	}
	return nil
}

// loadRepFunnel is loadFunnel's cohort split by rep, which loadFunnel
// has read already (its counts are the sums of these).
func loadRepFunnel(ctx context.Context, db *sql.DB, d *dashData, x *exploreData) error {
	if d.repFunnel == nil {
		var err error
		if d.repFunnel, err = queryRepFunnel(ctx, db, d.P); err != nil {
			return err
		}
	}
	x.Funnel = d.repFunnel
	return nil
}

// queryRepFunnel counts the month's cohort (docs/metrics.md "Dashboard
// funnel") by the rep of each customer's first touch: development,
// followed up, won, after-sales. Every customer goes to one rep, so the
// reps' counts add up to the company's. A win counts from the customer's
// first touch on, which is in the month, and a won event's day is its
// deal's close_date: so only deals closed since the month began can hold
// one. Saying so filters the deals' scan (an eleventh of them at L, 0.19
// s against 0.39 to 0.42 s); the join with the cohort alone came after
// deal_events had met every deal with the roster.
func queryRepFunnel(ctx context.Context, db *sql.DB, p period.Period) (map[string][4]int64, error) {
	rs, err := db.QueryContext(ctx, `WITH touches AS (
		SELECT customer_id, followup_date, stage FROM followup_facts WHERE customer_id IS NOT NULL
	), cohort AS (
		SELECT customer_id, first_touch_date AS first_touch, touches, rep_id FROM lead_facts
		WHERE first_touch_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
	), staged AS (
		SELECT c.customer_id, c.rep_id, c.touches >= 2 AS followed, w.first_win
		FROM cohort c LEFT JOIN (
			SELECT e.customer_id, min(e.event_date) AS first_win FROM deal_events e JOIN cohort c USING (customer_id)
			WHERE e.event = 'won' AND e.close_date >= CAST($from AS DATE) AND e.event_date >= c.first_touch GROUP BY e.customer_id
		) w USING (customer_id)
	)
	SELECT rep_id, count(*), count(*) FILTER (WHERE followed), count(*) FILTER (WHERE followed AND first_win IS NOT NULL),
		count(*) FILTER (WHERE followed AND first_win IS NOT NULL AND EXISTS (
			SELECT 1 FROM touches t WHERE t.customer_id = s.customer_id AND t.stage = 'after_sales' AND t.followup_date >= s.first_win))
	FROM staged s GROUP BY rep_id`, monthArgs(p.Start(), p.End())...)
	if err != nil {
		return nil, fmt.Errorf("loading the funnel by rep: %w", err)
	}
	defer rs.Close()
	byRep := map[string][4]int64{}
	for rs.Next() {
		var rep string
		var f [4]int64
		if err := rs.Scan(&rep, &f[0], &f[1], &f[2], &f[3]); err != nil {
			return nil, fmt.Errorf("loading the funnel by rep: %w", err)
		}
		byRep[rep] = f
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("loading the funnel by rep: %w", err)
	}
	return byRep, nil
}

func loadRepScores(ctx context.Context, db *sql.DB, d *dashData, x *exploreData) error {
	rs, err := db.QueryContext(ctx, `SELECT rep_id, score, count(*) FROM survey_facts WHERE survey_date BETWEEN ? AND ? GROUP BY ALL`,
		d.P.Start(), d.P.End())
	if err != nil {
		return fmt.Errorf("loading the survey scores by rep: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var rep string
		var score, n int64
		if err := rs.Scan(&rep, &score, &n); err != nil {
			return fmt.Errorf("loading the survey scores by rep: %w", err)
		}
		if x.Scores[rep] == nil {
			x.Scores[rep] = map[int64]int64{}
		}
		x.Scores[rep][score] = n
	}
	return rs.Err()
}

// drillQuery lists what each rep did in the month, in drill order (by
// day, then id; a deal won and cancelled the same day lists the win
// first), with how many rows of its kind the rep had; loadDrillRows keeps
// the first drillCap. The rows are the fact views', attributed as the KPI
// models attribute them (roster rep, "unknown" or "unattributed"), so a
// rep's rows of a month add up to its KPI row:
//
//	deal      each deal event; what: won, cancelled or lost; amount
//	followup  what: the stage; note: channel and result
//	response  score; note: the comment
//
// Each kind is read through its month's subquery (month_facts.go), whose
// filters reach the scans. A rep×kind's first drillCap rows all fall on
// or before its drillCap-th earliest day (last_day, a top-N per group, no
// sort), so only those rows are sorted, and only they are joined with the
// customers' names (joined before the cap, 1.6M rows at L met them).
const drillQuery = `WITH month AS (
	SELECT e.rep_id, 'deal' AS kind, e.event_date AS day, e.deal_id AS item_id, e.customer_id,
		e.event AS what, e.amount, NULL::INTEGER AS score, NULL::VARCHAR AS note
	FROM ` + monthDealEvents + ` e
	UNION ALL
	SELECT f.rep_id, 'followup', f.followup_date, f.followup_id, f.customer_id,
		f.stage, NULL, NULL, nullif(concat_ws(' · ', f.channel, f.result), '')
	FROM ` + monthFollowups + ` f
	UNION ALL
	SELECT s.rep_id, 'response', s.survey_date, s.survey_id, s.customer_id, NULL, NULL, s.score, s.comment
	FROM survey_facts s
	WHERE s.survey_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
), groups AS (
	SELECT rep_id, kind, count(*) AS n, list_max(min_by(day, day, $cap)) AS last_day FROM month GROUP BY rep_id, kind
)
SELECT m.rep_id, m.kind, m.day, m.item_id, coalesce(m.customer_id, ''), coalesce(c.company_name, ''), coalesce(m.what, ''),
	m.amount IS NOT NULL, CAST(coalesce(m.amount, 0) AS DECIMAL(18,2)), m.score, coalesce(m.note, ''), g.n
FROM month m JOIN groups g ON g.rep_id IS NOT DISTINCT FROM m.rep_id AND g.kind = m.kind AND m.day <= g.last_day
LEFT JOIN customers c ON c.customer_id = m.customer_id
ORDER BY m.rep_id, m.kind, m.day, m.item_id, m.what DESC`

func loadDrillRows(ctx context.Context, db *sql.DB, d *dashData, x *exploreData) error {
	rs, err := db.QueryContext(ctx, drillQuery, append(monthArgs(d.P.Start(), d.P.End()), sql.Named("cap", drillCap))...)
	if err != nil {
		return fmt.Errorf("loading the reps' rows of the month: %w", err)
	}
	defer rs.Close()
	var lastRep, lastKind string
	kept := 0
	for rs.Next() {
		var r drillRow
		var day sql.NullTime
		var hasAmount bool
		var amount duckdb.Decimal
		var score sql.NullInt64
		var n int64
		if err := rs.Scan(&r.Rep, &r.Kind, &day, &r.Item, &r.Customer, &r.Company, &r.What, &hasAmount, &amount, &score, &r.Note, &n); err != nil {
			return fmt.Errorf("loading the reps' rows of the month: %w", err)
		}
		if r.Rep != lastRep || r.Kind != lastKind {
			lastRep, lastKind, kept = r.Rep, r.Kind, 0
			x.Rows = append(x.Rows, make([]drillRow, 0, min(n, drillCap)))
		}
		if kept++; kept > drillCap {
			continue
		}
		r.Rep, r.Kind, r.What = canon(r.Rep), canon(r.Kind), canon(r.What)
		r.Day = day.Time.Day()
		if hasAmount {
			c, err := money.FromUnscaled(amount.Value, amount.Scale)
			if err != nil {
				return fmt.Errorf("loading the reps' rows of the month: %s %s: %w", r.Kind, r.Item, err)
			}
			r.Amount = &c
		}
		if score.Valid {
			r.Score = &score.Int64
		}
		if x.Totals[r.Rep] == nil {
			x.Totals[r.Rep] = map[string]int64{}
		}
		x.Totals[r.Rep][r.Kind] = n
		g := &x.Rows[len(x.Rows)-1]
		*g = append(*g, r)
	}
	return rs.Err()
}

// loadRepRisk reads loadRisk's table per rep: the same order, the same
// limit, and each rep's total.
func loadRepRisk(ctx context.Context, db *sql.DB, _ *dashData, x *exploreData) error {
	rs, err := db.QueryContext(ctx, `SELECT customer_id, company_name, rep_id, last_followup_date, days_since_followup, n
		FROM (SELECT *, row_number() OVER (PARTITION BY rep_id ORDER BY last_followup_date NULLS FIRST, customer_id) AS seq,
				count(*) OVER (PARTITION BY rep_id) AS n
			FROM coverage_customers WHERE NOT covered)
		WHERE seq <= ? ORDER BY rep_id, seq`, riskLimit)
	if err != nil {
		return fmt.Errorf("loading the customers at risk by rep: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var c riskCustomer
		var n int64
		if err := rs.Scan(&c.CustomerID, &c.Name, &c.RepID, &c.LastFollowup, &c.DaysSince, &n); err != nil {
			return fmt.Errorf("loading the customers at risk by rep: %w", err)
		}
		x.Risk, x.RiskTotals[c.RepID] = append(x.Risk, c), n
	}
	return rs.Err()
}
