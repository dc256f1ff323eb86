package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

// Rows of the Summary sheet (column B holds the values). Fixed, so that
// the defined names below and the Allocation sheet's formulas agree.
const (
	sumPlanRow    = 3  // "Plan" heading; rows 4-11 the plan
	sumPeriodRow  = 13 // period, status, closed at, fingerprint
	sumPoolRow    = 18 // "Pool" heading; rows 19-28 the pool block
	sumGross      = 19
	sumCancel     = 20
	sumNet        = 21
	sumRate       = 22
	sumPool       = 23
	sumCap        = 24
	sumAllocated  = 25
	sumUnalloc    = 26
	sumAllocTotal = 27
	sumCheck      = 28
	sumCurrency   = 30
	sumNotes      = 32
)

// planNames are the defined names of the plan cells (rows 4-11, column B),
// so the allocation formulas read "GateMultiplier" rather than "Summary!$B$10".
var planNames = []string{"PoolRate", "WeightSales", "WeightNewCustomers", "WeightSatisfaction",
	"MinResponses", "SatisfactionFloor", "GateMultiplier", "MaxShare"}

func (wb *book) summarySheet(b bonus.Month, lay allocLayout) {
	s := wb.sheet("summary")
	alloc := quoteSheet(wb.sheet("allocation"))
	wb.str(s, 1, 1, fmt.Sprintf(wb.t("summary.title"), b.Period), wb.st.title)

	wb.str(s, 1, sumPlanRow, wb.t("summary.plan"), wb.st.header)
	wb.str(s, 2, sumPlanRow, "", wb.st.header)
	p := b.Plan
	plan := []struct {
		key, v string
		style  int
	}{
		{"plan.pool_rate", p.PoolRate.String(), wb.st.rate},
		{"plan.weight_sales", p.Weights[0].String(), wb.st.share},
		{"plan.weight_new", p.Weights[1].String(), wb.st.share},
		{"plan.weight_sat", p.Weights[2].String(), wb.st.share},
		{"plan.min_responses", fmt.Sprint(p.MinResponses), wb.st.integer},
		{"plan.floor", p.SatisfactionFloor.String(), wb.st.rate},
		{"plan.gate", p.GateMultiplier.String(), wb.st.mult},
		{"plan.max_share", p.MaxShare.String(), wb.st.rate},
	}
	for i, x := range plan {
		row := sumPlanRow + 1 + i
		wb.str(s, 1, row, wb.t(x.key), 0)
		if x.key == "plan.max_share" && !b.CapEnabled {
			wb.str(s, 2, row, wb.t("plan.no_cap"), 0)
		} else {
			wb.num(s, 2, row, x.v, x.style)
		}
		wb.define(planNames[i], s, row)
	}

	status := wb.t("summary.open")
	closedAt, fp := "—", "—"
	if b.Closed {
		status, closedAt, fp = StatusOf(b).Text(wb.lang), b.ClosedAt, b.Fingerprint
	} else if st := wb.status.Text(wb.lang); st != "" {
		status = st
	}
	for i, kv := range [][2]string{{"summary.period", b.Period}, {"summary.status", status},
		{"summary.closed_at", closedAt}, {"summary.fingerprint", fp}} {
		wb.str(s, 1, sumPeriodRow+i, wb.t(kv[0]), 0)
		wb.str(s, 2, sumPeriodRow+i, kv[1], 0)
	}

	wb.str(s, 1, sumPoolRow, wb.t("summary.pool_block"), wb.st.header)
	wb.str(s, 2, sumPoolRow, "", wb.st.header)
	label := func(row int, key string) { wb.str(s, 1, row, wb.t(key), 0) }
	b2 := func(row int) string { return cellRef(2, row) }
	label(sumGross, "pool.gross")
	wb.money(s, 2, sumGross, b.GrossSales, wb.st.money)
	label(sumCancel, "pool.cancellations")
	wb.money(s, 2, sumCancel, b.Cancellations, wb.st.money)
	label(sumNet, "pool.net")
	wb.formula(s, 2, sumNet, b2(sumGross)+"-"+b2(sumCancel), numVal(b.NetSales.String()), wb.st.money)
	label(sumRate, "pool.rate")
	wb.formula(s, 2, sumRate, "PoolRate", numVal(p.PoolRate.String()), wb.st.rate)
	label(sumPool, "pool.pool")
	// Excel's ROUND rounds halves away from zero: the spec's half-up.
	wb.formula(s, 2, sumPool, fmt.Sprintf("ROUND(%s*MAX(%s,0),2)", b2(sumRate), b2(sumNet)), numVal(b.Pool.String()), wb.st.moneyBold)
	wb.define("Pool", s, sumPool)
	label(sumCap, "pool.cap")
	if b.CapEnabled {
		// ROUND(…,6) first: binary floating point can land a hair below a
		// whole cent (0.3 × 950 = 284.999…), which ROUNDDOWN would cut.
		wb.formula(s, 2, sumCap, fmt.Sprintf("ROUNDDOWN(ROUND(MaxShare*%s,6),2)", b2(sumPool)), numVal(b.Cap.String()), wb.st.money)
	} else {
		wb.str(s, 2, sumCap, wb.t("plan.no_cap"), 0)
	}
	wb.define("Cap", s, sumCap)
	label(sumAllocated, "pool.allocated")
	wb.formula(s, 2, sumAllocated, fmt.Sprintf("ROUND(SUM(%s!%s:%s),2)", alloc, cellRef(colRaw, lay.first), cellRef(colRaw, lay.last)),
		numVal(b.Allocated.String()), wb.st.moneyBold)
	wb.define("Allocated", s, sumAllocated)
	label(sumUnalloc, "pool.unallocated")
	wb.formula(s, 2, sumUnalloc, b2(sumPool)+"-"+b2(sumAllocated), numVal(b.Unallocated.String()), wb.st.money)
	label(sumAllocTotal, "pool.alloc_total")
	var total money.Cents
	for _, r := range lay.eligible {
		total += r.Allocation
	}
	wb.formula(s, 2, sumAllocTotal, fmt.Sprintf("SUM(%s!%s:%s)", alloc, cellRef(colAlloc, lay.first), cellRef(colAlloc, lay.last)),
		numVal(total.String()), wb.st.money)
	label(sumCheck, "pool.check")
	check := "OK"
	if total != b.Allocated {
		check = wb.t("pool.mismatch")
	}
	wb.formula(s, 2, sumCheck, fmt.Sprintf(`IF(ROUND(%s,2)=ROUND(%s,2),"OK","%s")`, b2(sumAllocTotal), b2(sumAllocated), wb.t("pool.mismatch")),
		strVal(check), wb.st.bold)
	wb.str(s, 3, sumCheck, wb.t("pool.check_note"), 0)

	wb.str(s, 1, sumCurrency, wb.t("summary.currency"), 0)
	wb.str(s, 2, sumCurrency, wb.cur, 0)
	for i, k := range []string{"note.exact", "note.float", "note.sheets"} {
		wb.str(s, 1, sumNotes+i, wb.t(k), 0)
	}
	wb.layout(s, 0, 34, 22, 60)
	for i := range 3 {
		if wb.err == nil {
			wb.err = wrapAcross(wb.f, wb.lang, s, sumNotes+i, 3)
		}
	}
}

// define names column B of row on sheet s for the whole workbook.
func (wb *book) define(name, s string, row int) {
	if wb.err == nil {
		wb.err = wb.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: quoteSheet(s) + "!" + absRef(2, row)})
	}
}
