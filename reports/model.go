package reports

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

// ModelCSVHeader is the column list of model-YYYY-MM.csv. line says what
// a row is: "rep" (one per rep of the month), then "pool", "allocated"
// and "unallocated", whose amounts are in current, modelled and
// difference. The shares, score, multiplier, capped and modelled_rank are
// the modelled plan's; an ineligible rep has them empty.
var ModelCSVHeader = []string{"period", "line", "rep_id", "rep_name", "team", "eligible", "current", "modelled", "difference",
	"share_sales", "share_new_customers", "share_satisfaction", "score", "multiplier", "capped", "current_rank", "modelled_rank"}

// ModelTotalLines are the total lines of the model files, in order.
var ModelTotalLines = []string{"pool", "allocated", "unallocated"}

// modelRecord renders one rep as ModelCSVHeader lists it.
func modelRecord(period string, r bonus.ModelRow) []string {
	rank := func(k bonus.Rank) string {
		if k == 0 {
			return ""
		}
		return strconv.Itoa(int(k))
	}
	derived := []string{r.ShareSales.String(), r.ShareNew.String(), r.ShareSat.String(), r.Score.String(), r.Multiplier.String(),
		strconv.FormatBool(r.Capped)}
	if !r.Eligible {
		derived = []string{"", "", "", "", "", ""}
	}
	rec := []string{period, "rep", SafeText(r.RepID), SafeText(r.RepName), SafeText(r.Team), strconv.FormatBool(r.Eligible),
		r.Current.String(), r.Modelled.String(), r.Difference().String()}
	return append(append(rec, derived...), rank(r.CurrentRank), rank(r.Rank))
}

// modelTotals are the amounts of ModelTotalLines: current and modelled.
func modelTotals(m bonus.Model) [][2]money.Cents {
	c, x := m.CurrentTotals, m.ModelTotals
	return [][2]money.Cents{{c.Pool, x.Pool}, {c.Allocated, x.Allocated}, {c.Unallocated, x.Unallocated}}
}

// WriteModelCSV writes model-YYYY-MM.csv: each rep under the current and
// the modelled plan, then the totals.
func WriteModelCSV(ctx context.Context, path string, m bonus.Model) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, ModelCSVHeader)
		if err != nil {
			return err
		}
		for _, r := range m.Rows {
			if err := c.Row(modelRecord(m.Period, r)); err != nil {
				return err
			}
		}
		for i, t := range modelTotals(m) {
			rec := make([]string, len(ModelCSVHeader))
			rec[0], rec[1] = m.Period, ModelTotalLines[i]
			rec[6], rec[7], rec[8] = t[0].String(), t[1].String(), (t[1] - t[0]).String()
			if err := c.Row(rec); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

// WriteModelWorkbook writes model-YYYY-MM.xlsx: a sheet of the reps and
// totals under both plans (the same figures as the CSV) and a sheet of the
// two plans side by side, the settings that differ highlighted.
func WriteModelWorkbook(ctx context.Context, path string, m bonus.Model, opt WorkbookOptions) error {
	wb := newBook(opt)
	defer wb.f.Close()
	wb.modelSheet(m)
	wb.plansSheet(m)
	if wb.err == nil {
		wb.f.SetActiveSheet(0)
		wb.err = stampWorkbook(wb.f, opt.Build)
	}
	if wb.err != nil {
		return fmt.Errorf("writing the plan model of %s: %w", m.Period, wb.err)
	}
	return writeWorkbook(ctx, path, wb.f, nil)
}

// Columns of the model sheet, 1-based as excelize counts them.
const (
	modelColRep = 1 + iota
	modelColName
	modelColTeam
	modelColEligible
	modelColCurrent
	modelColModelled
	modelColDifference
	modelColShareSales
	modelColShareNew
	modelColShareSat
	modelColScore
	modelColMultiplier
	modelColCapped
	modelColCurrentRank
	modelColRank
)

// modelHeaderRow is where the model sheet's column headers are; the
// reps follow it, a blank row, then the total lines.
func modelHeaderRow(m bonus.Model) int { return 4 + len(m.Notes) }

func (wb *book) modelSheet(m bonus.Model) {
	sh := wb.t("model.sheet")
	if wb.err == nil {
		wb.err = wb.f.SetSheetName("Sheet1", sh)
	}
	wb.str(sh, 1, 1, fmt.Sprintf(wb.t("model.title"), m.Period), wb.st.title)
	basis := wb.t("model.basis_open")
	if m.InputsFromRecord {
		basis = fmt.Sprintf(wb.t("model.basis_closed"), m.Current.ClosedAt)
	}
	wb.str(sh, 1, 2, basis, 0)
	for i, n := range m.Notes {
		wb.str(sh, 1, 3+i, n, wb.st.bold)
	}
	row := modelHeaderRow(m)
	for i, k := range []string{"model.col.rep", "model.col.name", "model.col.team", "model.col.eligible", "model.col.current",
		"model.col.modelled", "model.col.difference", "model.col.share_sales", "model.col.share_new", "model.col.share_sat",
		"model.col.score", "model.col.multiplier", "model.col.capped", "model.col.current_rank", "model.col.rank"} {
		wb.str(sh, i+1, row, wb.t(k), wb.st.header)
	}
	for _, r := range m.Rows {
		row++
		wb.str(sh, modelColRep, row, r.RepID, 0)
		wb.str(sh, modelColName, row, r.RepName, 0)
		wb.str(sh, modelColTeam, row, r.Team, 0)
		wb.str(sh, modelColEligible, row, wb.yesNo(r.Eligible), 0)
		wb.money(sh, modelColCurrent, row, r.Current, wb.st.money)
		wb.money(sh, modelColModelled, row, r.Modelled, wb.st.money)
		wb.money(sh, modelColDifference, row, r.Difference(), wb.st.moneyBold)
		if r.Eligible {
			for col, v := range map[int]bonus.Rate{modelColShareSales: r.ShareSales, modelColShareNew: r.ShareNew,
				modelColShareSat: r.ShareSat, modelColScore: r.Score} {
				wb.num(sh, col, row, v.String(), wb.st.share)
			}
			wb.num(sh, modelColMultiplier, row, r.Multiplier.String(), wb.st.mult)
			wb.str(sh, modelColCapped, row, wb.yesNo(r.Capped), 0)
		}
		if r.CurrentRank != 0 {
			wb.num(sh, modelColCurrentRank, row, strconv.Itoa(int(r.CurrentRank)), wb.st.integer)
		}
		if r.Rank != 0 {
			wb.num(sh, modelColRank, row, strconv.Itoa(int(r.Rank)), wb.st.integer)
		}
	}
	row++
	for i, t := range modelTotals(m) {
		row++
		wb.str(sh, modelColRep, row, wb.t("model.total."+ModelTotalLines[i]), wb.st.bold)
		wb.money(sh, modelColCurrent, row, t[0], wb.st.moneyBold)
		wb.money(sh, modelColModelled, row, t[1], wb.st.moneyBold)
		wb.money(sh, modelColDifference, row, t[1]-t[0], wb.st.moneyBold)
	}
	if wb.err == nil {
		wb.err = wb.f.SetColWidth(sh, "A", "O", 14)
	}
	h := modelHeaderRow(m)
	if wb.err == nil {
		wb.err = wb.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: h, TopLeftCell: cellRef(1, h+1), ActivePane: "bottomLeft"})
	}
	if wb.err == nil {
		wb.err = printSheet(wb.f, wb.lang, sh, sheetPrint{Cols: modelColRank, TitleFirst: h, TitleLast: h, Headings: wb.headings[sh]})
	}
}
