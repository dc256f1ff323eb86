package reports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// statementTitleRows repeat at the top of every printed page.
const statementTitleRows = 2

// buildStatementXLSX renders the statement as a one-sheet workbook: the
// same figures as the page, the steps from net sales to the allocation
// as number cells whose arithmetic (net, adjusted score, rounding, the
// leftover cent) is a live formula carrying its exact value.
func buildStatementXLSX(s Statement, v statementView, opt WorkbookOptions) ([]byte, error) {
	wb := newBook(opt)
	defer wb.f.Close()
	sh := wb.t("stmt.sheet")
	if wb.err == nil {
		wb.err = wb.f.SetSheetName("Sheet1", sh)
	}
	row := 1
	put := func(text string, style int) {
		wb.str(sh, 1, row, text, style)
		row++
	}
	put(v.Title, wb.st.title)
	put(v.Who, wb.st.bold)
	put(v.Status, 0)
	put(v.Priv, 0)
	row++
	bonusRow := row
	wb.str(sh, 1, row, wb.t("stmt.your_bonus"), wb.st.bold)
	wb.str(sh, 2, row, v.Rank, 0)
	row += 2

	cells := map[string]string{} // figure or step key → its cell
	block := func(title string, items []kv, keys []string) {
		wb.str(sh, 1, row, title, wb.st.header)
		wb.str(sh, 2, row, "", wb.st.header)
		wb.str(sh, 3, row, "", wb.st.header)
		row++
		for i, it := range items {
			wb.str(sh, 1, row, it.K, 0)
			wb.str(sh, 3, row, it.V, 0)
			if i < len(keys) && keys[i] != "" {
				cells[keys[i]] = cellRef(3, row)
			}
			row++
		}
		row++
	}
	r := s.Row
	block(wb.t("stmt.figures"), v.Figures, nil)
	figRow := row - len(v.Figures) - 1
	// The sales figures as numbers, so the net-sales step can subtract them.
	wb.money(sh, 3, figRow, r.GrossSales, wb.st.money)
	wb.money(sh, 3, figRow+1, r.Cancellations, wb.st.money)
	wb.money(sh, 3, figRow+2, r.NetSales, wb.st.money)
	cells["gross"], cells["cancel"] = cellRef(3, figRow), cellRef(3, figRow+1)
	block(wb.t("stmt.plan"), v.Plan, nil)
	block(wb.t("stmt.company"), v.Company, nil)
	wb.str(sh, 1, row-1, v.PoolNote, 0)
	row++

	wb.header(sh, row, "stmt.col.step", "stmt.col.calc", "stmt.col.result")
	row++
	for _, st := range v.Steps {
		wb.str(sh, 1, row, st.Label, 0)
		wb.str(sh, 2, row, st.Calc, wb.st.wrap)
		cells[st.Key] = cellRef(3, row)
		style := wb.st.share
		if st.Style == "money" {
			style = wb.st.money
		}
		if st.Key == "raw" {
			style = wb.st.raw
		}
		if f := statementFormula(s, st.Key, cells); f != "" && st.Value != "" {
			wb.formula(sh, 3, row, f, numVal(st.Value), style)
		} else if st.Value != "" {
			wb.num(sh, 3, row, st.Value, style)
		} else {
			wb.str(sh, 3, row, st.Shown, 0)
		}
		row++
	}
	wb.formula(sh, 3, bonusRow, cells["allocation"], numVal(r.Allocation.String()), wb.st.moneyBold)
	row++

	list := func(title string, head []string, rows [][]string) {
		wb.str(sh, 1, row, title, wb.st.bold)
		row++
		if len(rows) == 0 {
			wb.str(sh, 1, row, v.None, 0)
			row += 2
			return
		}
		for c, h := range head {
			wb.str(sh, c+1, row, h, wb.st.header)
		}
		row++
		for _, cols := range rows {
			for c, text := range cols {
				wb.str(sh, c+1, row, text, 0)
			}
			row++
		}
		row++
	}
	// The sheet has four columns, so each list puts its first two fields
	// in column A.
	fold := func(rows [][]string) [][]string {
		out := make([][]string, len(rows))
		for i, c := range rows {
			out[i] = append([]string{c[0] + " · " + c[1]}, c[2:]...)
		}
		return out
	}
	foldHead := func(h []string) []string { return append([]string{h[0] + " · " + h[1]}, h[2:]...) }
	list(wb.t("stmt.deals"), foldHead(v.DealHead), fold(v.Deals))
	list(wb.t("stmt.new"), foldHead(v.NewHead), fold(v.New))
	list(wb.t("stmt.responses"), foldHead(v.RspHead), fold(v.Responses))
	if len(v.Adjustments) > 0 {
		list(wb.t("stmt.adjustments"), v.AdjHead, v.Adjustments)
		wb.str(sh, 1, row-1, wb.t("stmt.adjustments_note"), 0)
	}
	wb.str(sh, 1, row, generatorLabel(opt.Build), 0)
	statementPage(wb, sh, row)
	if wb.err != nil {
		return nil, fmt.Errorf("the statement of %s: %w", r.RepID, wb.err)
	}
	if err := stampWorkbook(wb.f, opt.Build); err != nil {
		return nil, err
	}
	buf, err := wb.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("rendering the statement of %s: %w", r.RepID, err)
	}
	return setCachedValues(buf.Bytes(), wb.cached, nil)
}

// statementFormula is the live formula of a step, "" for a step whose
// value is a recorded figure (a share, the score's inputs, the raw amount
// of the cap loop).
func statementFormula(s Statement, key string, cells map[string]string) string {
	switch key {
	case "net":
		return cells["gross"] + "-" + cells["cancel"]
	case "score":
		var parts []string
		for k, name := range []string{"share_sales", "share_new", "share_sat"} {
			if s.Month.Active[k] {
				parts = append(parts, s.Month.Weights[k].String()+"*"+cells[name])
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return strings.Join(parts, "+")
	case "adjusted":
		return cells["score"] + "*" + cells["multiplier"]
	case "floor":
		return "ROUNDDOWN(" + cells["raw"] + ",2)"
	case "allocation":
		if _, ok := cells["floor"]; !ok {
			return ""
		}
		return cells["floor"] + "+" + cells["extra"]
	}
	return ""
}

// fitRows is the longest statement sheet printed on one page: the busiest
// rep of a month of the demo (about 80 rows) prints at about the HTML
// page's type size. A longer one prints one page wide at a readable size
// and runs on, the title rows repeated on every page.
const fitRows = 100

// statementPage sets up printing (printSheet): A4 portrait, one page (wide),
// the title rows repeated on every page, columns sized for the figures.
func statementPage(wb *book, sh string, lastRow int) {
	widths := []float64{30, 58, 16, 12}
	for i, w := range widths {
		if wb.err == nil {
			c, _ := excelize.ColumnNumberToName(i + 1)
			wb.err = wb.f.SetColWidth(sh, c, c, w)
		}
	}
	if wb.err == nil {
		wb.err = printSheet(wb.f, wb.lang, sh, sheetPrint{Cols: len(widths), TitleFirst: 1, TitleLast: statementTitleRows,
			Headings: wb.headings[sh], OnePage: lastRow <= fitRows, Portrait: true})
	}
	if wb.err == nil {
		wb.err = wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
			RefersTo: fmt.Sprintf("%s!$A$1:$D$%d", quoteSheet(sh), lastRow), Scope: sh})
	}
}
