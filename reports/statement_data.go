package reports

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/money"
)

// Statement is one rep's private statement: everything their file shows
// and nothing more. It keeps a copy of the month whose Rows and
// Adjustments hold this rep alone, so no renderer can reach another rep's
// pay; what it needs of the others is only the company-level sums below.
type Statement struct {
	Month bonus.Month // Rows is [Row], Adjustments are the rep's
	Row   bonus.Row
	// Company-level figures a step of the computation divides by.
	XTotals   [3]*big.Rat // Σ x over the eligible reps, per component
	Eligible  int         // how many eligible reps share the pool (rank r of n)
	Uncapped  *big.Rat    // Σ adjusted score of the eligible reps not capped
	Shareable money.Cents // the pool less what capped reps receive
	Deals     []dealLine
	New       []newCustomerLine
	Responses []responseLine
}

// statementRow reports whether a row gets a statement: every rep of the
// roster, eligible or not. The row that collects deals of reps missing
// from the roster is nobody to hand a statement to.
func statementRow(r bonus.Row) bool {
	return r.RowDetail == nil || r.ExcludedReason != "not in the roster"
}

// statementOf is rep repID's statement of month b, with the detail lines
// d that the finance workbook shows for the month (loadWorkbookDetail):
// one set of inputs for both, so when the workbook renders a closed month
// from its snapshot the statements follow.
func statementOf(ctx context.Context, b bonus.Month, d workbookDetail, repID string) (Statement, error) {
	s, err := statementFigures(b, repID)
	if err != nil {
		return s, err
	}
	sheets := openRepSheets(ctx, d)
	defer sheets.close()
	s.Deals, s.New, s.Responses, err = sheets.of(repID)
	return s, err
}

// statementFigures is rep repID's statement of month b without its lines.
func statementFigures(b bonus.Month, repID string) (Statement, error) {
	s := Statement{Uncapped: new(big.Rat), Shareable: b.Pool}
	for k := range s.XTotals {
		s.XTotals[k] = new(big.Rat)
	}
	found := false
	for _, r := range b.Rows {
		if r.RepID == repID {
			s.Row, found = r, true
		}
		if !r.Eligible {
			continue
		}
		s.Eligible++
		if r.RowDetail == nil {
			continue
		}
		for k, x := range [3]bonus.Rate{r.XSales, r.XNewCustomers, r.XSatisfaction} {
			s.XTotals[k].Add(s.XTotals[k], x.OrZero())
		}
		if r.Capped {
			s.Shareable -= b.Cap
		} else {
			s.Uncapped.Add(s.Uncapped, r.Adjusted.OrZero())
		}
	}
	if !found {
		return s, fmt.Errorf("%w: %s has no rep %q", faults.ErrData, b.Period, repID)
	}
	if s.Row.RowDetail == nil {
		return s, fmt.Errorf("%w: the bonus of %s carries no derivation for rep %q", faults.ErrData, b.Period, repID)
	}
	s.Month = b
	s.Month.Rows = []bonus.Row{s.Row}
	s.Month.Adjustments = nil
	for _, a := range b.Adjustments {
		if a.RepID == repID {
			s.Month.Adjustments = append(s.Month.Adjustments, a)
		}
	}
	return s, nil
}

// maxStatementName bounds a file name's rep part, far below the 255 bytes
// of common file systems once the period and extension are added.
const maxStatementName = 100

// StatementName is the file name (without extension) of a rep's
// statement: statement-<period>-<id>, the id reduced to [A-Za-z0-9._-]
// (anything else becomes "_", a leading dot too, so a rep id can never
// name a folder, climb out of one or hide a file).
func StatementName(period, repID string) string {
	var b strings.Builder
	for i, c := range repID {
		if i >= maxStatementName {
			break
		}
		ok := c == '-' || c == '_' || (c == '.' && i > 0) || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if ok {
			b.WriteRune(c)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		b.WriteByte('_')
	}
	return "statement-" + period + "-" + b.String()
}

// statementNames names each statement row's file, refusing two reps whose
// names collide: the same after sanitising, or differing only in case
// (which a Windows or macOS share would merge into one file).
func statementNames(b bonus.Month) (map[string]string, error) {
	names := map[string]string{}
	owner := map[string]string{} // lower-cased name → rep id
	for _, r := range b.Rows {
		if !statementRow(r) {
			continue
		}
		n := StatementName(b.Period, r.RepID)
		key := strings.ToLower(n)
		if other, ok := owner[key]; ok {
			return nil, fmt.Errorf("%w: reps %q and %q would share the statement file %s: rename one in the roster", faults.ErrData, other, r.RepID, n)
		}
		owner[key] = r.RepID
		names[r.RepID] = n
	}
	return names, nil
}
