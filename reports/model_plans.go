package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
)

// plansSheet lists the current and the modelled plan side by side, one
// setting a row under its configuration key, and highlights the settings
// that differ: what finance changed is what the figures answer to.
func (wb *book) plansSheet(m bonus.Model) {
	sh := wb.t("model.plans_sheet")
	if wb.err == nil {
		_, wb.err = wb.f.NewSheet(sh)
	}
	var changedStyle int
	if wb.err == nil {
		changedStyle, wb.err = wb.f.NewStyle(inFont(wb.lang, &excelize.Style{Font: &excelize.Font{Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFE699"}}}))
	}
	wb.str(sh, 1, 1, fmt.Sprintf(wb.t("model.plans_title"), m.Period), wb.st.title)
	for i, k := range []string{"model.col.setting", "model.col.current_plan", "model.col.modelled_plan", "model.col.changed"} {
		wb.str(sh, i+1, 3, wb.t(k), wb.st.header)
	}
	cur, mod, changed := m.CurrentPlan.Settings(), m.ModelPlan.Settings(), m.Changed()
	for i := range cur {
		row, style := 4+i, 0
		if changed[i] {
			style = changedStyle
		}
		wb.str(sh, 1, row, "bonus."+cur[i].Key, style)
		wb.planValue(sh, 2, row, cur[i].Value, style)
		wb.planValue(sh, 3, row, mod[i].Value, style)
		if changed[i] {
			wb.str(sh, 4, row, wb.t("yes"), style)
		}
	}
	wb.str(sh, 1, 5+len(cur), wb.t("model.plans_note"), wb.st.wrap)
	if wb.err == nil {
		wb.err = wb.f.SetColWidth(sh, "A", "A", 30)
	}
	if wb.err == nil {
		wb.err = wb.f.SetColWidth(sh, "B", "D", 16)
	}
	if wb.err == nil {
		wb.err = wrapAcross(wb.f, wb.lang, sh, 5+len(cur), 4)
	}
	if wb.err == nil {
		wb.err = printSheet(wb.f, wb.lang, sh, sheetPrint{Cols: 4, TitleFirst: 3, TitleLast: 3})
	}
}

// planValue writes a setting as the exact number it is, or its word when
// it is null (no cap).
func (wb *book) planValue(sheet string, col, row int, v string, style int) {
	if v == "null" {
		wb.str(sheet, col, row, wb.t("model.no_cap"), style)
		return
	}
	wb.num(sheet, col, row, v, style)
}
