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
// bonus pools of the months compared with, and the audit score. Both are
// optional tables (a refresh has no pools; the audit may not have run).
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
	if ok, err = has("audit_check_summary"); err != nil {
		return fmt.Errorf("looking for the audit: %w", err)
	}
	if !ok {
		return nil
	}
	q := lastQuarter(d.P)
	// The monthly job does not build the audit (jobs/define.go): the audit
	// tables are what the last quarterly audit left. Its score of q is the
	// one auditors were given only if that audit ran for q; otherwise the
	// rows of q were computed mid-quarter, or by a bare transform, and the
	// card says no audit rather than show them.
	if ok, err = audited(ctx, db, q); err != nil || !ok {
		return err
	}
	a := &auditHeadline{Quarter: q.String()}
	for _, x := range []struct {
		q   period.Period
		dst **big.Rat
	}{{q, &a.Score}, {q.Prev(), &a.Prev}, {q.YearAgo(), &a.YearAgo}} {
		if *x.dst, err = companyAuditScore(ctx, db, x.q); err != nil {
			return err
		}
	}
	d.Audit = a
	return nil
}

// audited says whether a quarterly audit of q finished.
func audited(ctx context.Context, db *sql.DB, q period.Period) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM runs WHERE job = 'quarterly-audit' AND period = ? AND status = 'ok'`, q.String()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("looking for the audit of %s: %w", q, err)
	}
	return n > 0, nil
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
// opportunities in q, exactly; nil when there are none.
func companyAuditScore(ctx context.Context, db *sql.DB, q period.Period) (*big.Rat, error) {
	rs, err := db.QueryContext(ctx, `SELECT CAST(weight AS VARCHAR), findings, opportunities
		FROM audit_check_summary WHERE period = ? AND opportunities > 0`, q.String())
	if err != nil {
		return nil, fmt.Errorf("reading the audit score of %s: %w", q, err)
	}
	defer rs.Close()
	num, den := new(big.Rat), new(big.Rat)
	for rs.Next() {
		var ws string
		var f, o int64
		if err := rs.Scan(&ws, &f, &o); err != nil {
			return nil, fmt.Errorf("reading the audit score of %s: %w", q, err)
		}
		w, ok := new(big.Rat).SetString(ws)
		if !ok {
			return nil, fmt.Errorf("reading the audit score of %s: weight %q is not a decimal", q, ws)
		}
		den.Add(den, w)
		num.Add(num, new(big.Rat).Mul(w, big.NewRat(f, o)))
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("reading the audit score of %s: %w", q, err)
	}
	if den.Sign() == 0 {
		return nil, nil
	}
	s := new(big.Rat).Quo(num, den)
	s.Sub(big.NewRat(1, 1), s)
	return s.Mul(s, big.NewRat(100, 1)), nil
}
