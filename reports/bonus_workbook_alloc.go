package reports

import (
	"fmt"
	"github.com/salesops/salesops/bonus"
	"math/big"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/money"
)

// Columns of the Allocation sheet's rep table.
const (
	colRep = iota + 1
	colName
	colTeam
	colXSales
	colXNew
	colXSat
	colShareSales
	colShareNew
	colShareSat
	colScore
	colResponses
	colSatisfied
	colCSAT
	colMult
	colAdjusted
	colCapped
	colRaw
	colFloor
	colExtra
	colAlloc
	colRank
)

// Rows of the component block above the rep table.
const (
	rowCompName    = 1
	rowPlanWeight  = 2
	rowXTotal      = 3
	rowCounted     = 4
	rowEffWeight   = 5
	rowAllocHeader = 7
	allocFirstRow  = 8
)

// allocLayout places the eligible reps on the Allocation sheet. With no
// eligible rep the ranges still span one (empty) row, so every formula
// stays valid.
type allocLayout struct {
	eligible, excluded []bonus.Row
	first, last        int
}

func newAllocLayout(b bonus.Month) allocLayout {
	l := allocLayout{first: allocFirstRow}
	for _, r := range b.Rows {
		if r.Eligible {
			l.eligible = append(l.eligible, r)
		} else {
			l.excluded = append(l.excluded, r)
		}
	}
	l.last = l.first + max(len(l.eligible), 1) - 1
	return l
}

func (wb *book) allocationSheet(b bonus.Month, lay allocLayout) {
	s := wb.sheet("allocation")
	col := func(c int) string { n, _ := excelize.ColumnNumberToName(c); return n }
	rng := func(c int) string { return absRef(c, lay.first) + ":" + absRef(c, lay.last) }

	// The component block: plan weight, Σ x, and the renormalised weight.
	wb.str(s, 1, rowCompName, wb.t("alloc.component"), wb.st.header)
	wb.str(s, 1, rowPlanWeight, wb.t("alloc.plan_weight"), 0)
	wb.str(s, 1, rowXTotal, wb.t("alloc.x_total"), 0)
	wb.str(s, 1, rowCounted, wb.t("alloc.counted_weight"), 0)
	wb.str(s, 1, rowEffWeight, wb.t("alloc.eff_weight"), wb.st.bold)
	xStyles := [3]int{wb.st.money, wb.st.integer, wb.st.share}
	xs := func(r bonus.Row) [3]bonus.Rate { return [3]bonus.Rate{r.XSales, r.XNewCustomers, r.XSatisfaction} }
	for k, name := range []string{"comp.sales", "comp.new", "comp.sat"} {
		c := colXSales + k
		x := col(c)
		wb.str(s, c, rowCompName, wb.t(name), wb.st.header)
		wb.formula(s, c, rowPlanWeight, planNames[1+k], numVal(b.Plan.Weights[k].String()), wb.st.share)
		total := new(big.Rat)
		for _, r := range lay.eligible {
			total.Add(total, xs(r)[k].OrZero())
		}
		wb.formula(s, c, rowXTotal, fmt.Sprintf("SUM(%s%d:%s%d)", x, lay.first, x, lay.last), numVal(bonus.RateString(total)), xStyles[k])
		counted := "0"
		if b.Active[k] {
			counted = b.Plan.Weights[k].String()
		}
		wb.formula(s, c, rowCounted, fmt.Sprintf("IF(AND(%s%d>0,%s%d>0),%s%d,0)", x, rowPlanWeight, x, rowXTotal, x, rowPlanWeight),
			numVal(counted), wb.st.share)
		counts := fmt.Sprintf("SUM($%s$%d:$%s$%d)", col(colXSales), rowCounted, col(colXSat), rowCounted)
		wb.formula(s, c, rowEffWeight, fmt.Sprintf("IF(%s=0,0,%s%d/%s)", counts, x, rowCounted, counts),
			numVal(orZero(b.Weights[k].String())), wb.st.share)
	}
	wb.str(s, colShareSales, rowEffWeight, wb.t("alloc.dropped_note"), 0)

	wb.header(s, rowAllocHeader, "col.rep_id", "col.name", "col.team", "col.x_sales", "col.x_new", "col.x_sat",
		"col.share_sales", "col.share_new", "col.share_sat", "col.score", "col.responses", "col.satisfied", "col.csat",
		"col.multiplier", "col.adjusted", "col.capped", "col.raw", "col.floor", "col.extra_cent", "col.allocation", "col.rank")
	for _, c := range []struct {
		col int
		key string
	}{{colCapped, "note.capped"}, {colExtra, "note.extra_cent"}, {colRaw, "note.raw"}} {
		if wb.err == nil {
			wb.err = wb.f.AddComment(s, excelize.Comment{Author: "salesops", Cell: cellRef(c.col, rowAllocHeader), Text: wb.t(c.key)})
		}
	}
	if len(lay.eligible) == 0 {
		wb.str(s, 1, lay.first, wb.t("alloc.none"), 0)
	}
	var rawFormula string
	if b.CapEnabled {
		uncapped := fmt.Sprintf("SUMIF(%s,FALSE,%s)", rng(colCapped), rng(colAdjusted))
		rawFormula = fmt.Sprintf("IF(%%[1]s,Cap,IF(%[1]s=0,0,(Pool-Cap*COUNTIF(%[2]s,TRUE))*%%[2]s/%[1]s))", uncapped, rng(colCapped))
	} else {
		sum := fmt.Sprintf("SUM(%s)", rng(colAdjusted))
		rawFormula = fmt.Sprintf("IF(%[1]s=0,0,Pool*%%[2]s/%[1]s)", sum)
	}
	rawTotal := new(big.Rat)
	var allocTotal money.Cents
	for i, r := range lay.eligible {
		row := lay.first + i
		at := func(c int) string { return cellRef(c, row) }
		wb.str(s, colRep, row, r.RepID, 0)
		wb.str(s, colName, row, r.RepName, 0)
		wb.str(s, colTeam, row, r.Team, 0)
		shares := [3]bonus.Rate{r.ShareSales, r.ShareNew, r.ShareSat}
		for k, x := range xs(r) {
			wb.num(s, colXSales+k, row, x.String(), xStyles[k])
			xc := col(colXSales + k)
			v := strVal("—")
			if b.Active[k] {
				v = numVal(shares[k].String())
			}
			wb.formula(s, colShareSales+k, row, fmt.Sprintf(`IF(%s$%d=0,"—",%s%d/%s$%d)`, xc, rowEffWeight, xc, row, xc, rowXTotal), v, wb.st.share)
		}
		wb.formula(s, colScore, row, fmt.Sprintf("SUMPRODUCT($%s$%d:$%s$%d,%s:%s)", col(colXSales), rowEffWeight, col(colXSat), rowEffWeight,
			at(colShareSales), at(colShareSat)), numVal(r.Score.String()), wb.st.share)
		wb.num(s, colResponses, row, strconv.FormatInt(r.Responses, 10), wb.st.integer)
		wb.num(s, colSatisfied, row, strconv.FormatInt(r.Satisfied, 10), wb.st.integer)
		wb.num(s, colCSAT, row, r.CSAT.String(), wb.st.rate)
		wb.formula(s, colMult, row, fmt.Sprintf("IF(AND(%s>=MinResponses,%s<SatisfactionFloor),GateMultiplier,1)", at(colResponses), at(colCSAT)),
			numVal(r.Multiplier.String()), wb.st.mult)
		wb.formula(s, colAdjusted, row, at(colScore)+"*"+at(colMult), numVal(r.Adjusted.String()), wb.st.share)
		wb.boolean(s, colCapped, row, r.Capped)
		wb.formula(s, colRaw, row, fmt.Sprintf(rawFormula, at(colCapped), at(colAdjusted)), numVal(r.Raw.String()), wb.st.raw)
		// ROUND(…,6) first, for the same reason as the cap on the Summary sheet.
		wb.formula(s, colFloor, row, fmt.Sprintf("ROUNDDOWN(ROUND(%s,6),2)", at(colRaw)), numVal(r.Floor.String()), wb.st.money)
		extra := money.Cents(0)
		if r.ExtraCent {
			extra = 1
		}
		wb.money(s, colExtra, row, extra, wb.st.money)
		wb.formula(s, colAlloc, row, at(colFloor)+"+"+at(colExtra), numVal(r.Allocation.String()), wb.st.moneyBold)
		wb.formula(s, colRank, row, fmt.Sprintf("RANK(%s,%s)", at(colAlloc), rng(colAlloc)), numVal(strconv.Itoa(int(r.Rank))), wb.st.integer)
		rawTotal.Add(rawTotal, r.Raw.OrZero())
		allocTotal += r.Allocation
	}
	totalRow := lay.last + 1
	wb.str(s, 1, totalRow, wb.t("alloc.total"), wb.st.bold)
	wb.formula(s, colRaw, totalRow, fmt.Sprintf("SUM(%s)", rng(colRaw)), numVal(bonus.RateString(rawTotal)), wb.st.raw)
	wb.formula(s, colAlloc, totalRow, fmt.Sprintf("SUM(%s)", rng(colAlloc)), numVal(allocTotal.String()), wb.st.moneyBold)

	row := wb.excludedBlock(s, lay, totalRow+2)
	for i, k := range []string{"note.capped", "note.extra_cent", "note.raw", "note.float"} {
		wb.str(s, 1, row+1+i, wb.t(k), 0)
	}
	wb.layout(s, allocFirstRow, 16, 20, 10, 20, 10, 10, 10, 10, 10, 10, 10, 10, 9, 10, 10, 8, 16, 14, 10, 14, 7)
}

// excludedBlock lists the reps outside the allocation, with the reason, and
// returns the row after it.
func (wb *book) excludedBlock(s string, lay allocLayout, row int) int {
	wb.str(s, 1, row, wb.t("alloc.excluded"), wb.st.bold)
	row++
	wb.header(s, row, "col.rep_id", "col.name", "col.team", "col.net_sales", "col.reason", "col.allocation")
	for _, r := range lay.excluded {
		row++
		wb.str(s, 1, row, r.RepID, 0)
		wb.str(s, 2, row, r.RepName, 0)
		wb.str(s, 3, row, r.Team, 0)
		wb.money(s, 4, row, r.NetSales, wb.st.money)
		// Wrapped: the column is as narrow as the figures above it, and
		// the next cell cut the reason off ("not in the ros").
		wb.str(s, 5, row, wb.reason(r.ExcludedReason), wb.st.wrap)
		wb.money(s, 6, row, r.Allocation, wb.st.money)
	}
	if len(lay.excluded) == 0 {
		row++
		wb.str(s, 1, row, wb.t("alloc.no_excluded"), 0)
	}
	return row + 1
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}
