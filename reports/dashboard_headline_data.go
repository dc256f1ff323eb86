package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// auditHeadline is the company's audit score of the last complete quarter
// up to the month, with the quarter before and the same quarter a year
// earlier: audit.md's rep score formula over the company's check rates.
type auditHeadline struct {
	Quarter              string
	Score, Prev, YearAgo *big.Rat // nil: no counted opportunity that quarter
}

// lastQuarter is the last quarter that has ended by the end of p.
func lastQuarter(p period.Period) period.Period {
	q := period.QuarterOf(p.Start())
	if !q.End().Equal(p.End()) {
		q = q.Prev()
	}
	return q
}

// loadHeadline reads what the headline row needs beyond the KPI rows: the
// bonus pools of the months compared with (a refresh has none), and the
// audit score (none until the quarter's audit has run).
func loadHeadline(ctx context.Context, db *sql.DB, d *dashData) error {
	has := func(table string) (bool, error) {
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_name = ?`, table).Scan(&n)
		return n > 0, err
	}
	ok, err := has("bonus_pools")
	if err != nil {
		return fmt.Errorf("looking for the bonus pools: %w", err)
	}
	if ok {
		if d.PrevPool, err = loadPool(ctx, db, d.P.Prev()); err != nil {
			return err
		}
		if d.YearAgoPool, err = loadPool(ctx, db, d.P.YearAgo()); err != nil {
			return err
		}
	}
	q := lastQuarter(d.P)
	// The audit's figures are what each quarterly audit reported
	// (warehouse.RecordAuditScores), not the audit tables, which hold
	// what the last transform computed: mid-quarter at best for the
	// monthly job, which does not build the audit (jobs/define.go). No
	// card until the audit of q has run; the quarter before is as that
	// audit's report compares with it, the same quarter a year earlier
	// as its own audit reported it.
	a := &auditHeadline{Quarter: q.String()}
	found := false
	for i, x := range []struct {
		audit, q period.Period
		dst      **big.Rat
	}{{q, q, &a.Score}, {q, q.Prev(), &a.Prev}, {q.YearAgo(), q.YearAgo(), &a.YearAgo}} {
		var n int
		if *x.dst, n, err = companyAuditScore(ctx, db, x.audit, x.q); err != nil {
			return err
		}
		found = found || (i == 0 && n > 0)
	}
	if found {
		d.Audit = a
	}
	return nil
}

func loadPool(ctx context.Context, db *sql.DB, p period.Period) (*money.Cents, error) {
	var v duckdb.Decimal
	err := db.QueryRowContext(ctx, `SELECT pool FROM bonus_pools WHERE period = ?`, p.String()).Scan(&v)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("loading the bonus pool of %s: %w", p, err)
	}
	c, err := money.FromUnscaled(v.Value, v.Scale)
	if err != nil {
		return nil, fmt.Errorf("loading the bonus pool of %s: %w", p, err)
	}
	return &c, nil
}

// companyAuditScore is 100 × (1 − Σ wᵢ·rateᵢ / Σ wᵢ) over the checks with counted
// opportunities in q as the audit of audit reported them, exactly; nil when
// there are none. rows is how many checks that audit recorded for q.
func companyAuditScore(ctx context.Context, db *sql.DB, audit, q period.Period) (s *big.Rat, rows int, err error) {
	rs, err := db.QueryContext(ctx, `SELECT CAST(weight AS VARCHAR), findings, opportunities
		FROM audit_scores WHERE audit_period = ? AND period = ?`, audit.String(), q.String())
	if err != nil {
		return nil, 0, fmt.Errorf("reading the audit score of %s: %w", q, err)
	}
	defer rs.Close()
	num, den := new(big.Rat), new(big.Rat)
	for rs.Next() {
		var ws string
		var f, o int64
		if err := rs.Scan(&ws, &f, &o); err != nil {
			return nil, 0, fmt.Errorf("reading the audit score of %s: %w", q, err)
		}
		rows++
		if o == 0 {
			continue
		}
		w, ok := new(big.Rat).SetString(ws)
		if !ok {
			return nil, 0, fmt.Errorf("reading the audit score of %s: weight %q is not a decimal", q, ws)
		}
		den.Add(den, w)
		num.Add(num, new(big.Rat).Mul(w, big.NewRat(f, o)))
	}
	if err := rs.Err(); err != nil {
		return nil, 0, fmt.Errorf("reading the audit score of %s: %w", q, err)
	}
	if den.Sign() == 0 {
		return nil, rows, nil
	}
	s = new(big.Rat).Quo(num, den)
	s.Sub(big.NewRat(1, 1), s)
	return s.Mul(s, big.NewRat(100, 1)), rows, nil
}
