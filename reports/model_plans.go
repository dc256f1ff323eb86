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

// modelLabels join the workbook's catalog (workbookLabels): English,
// Simplified Chinese.
var modelLabels = map[string][2]string{
	"model.sheet":             {"Model", "方案模拟"},
	"model.plans_sheet":       {"Plans", "方案对比"},
	"model.title":             {"Plan model %s: current against modelled", "%s 奖金方案模拟：现行与模拟对比"},
	"model.basis_open":        {"Current: the month as the last run computed it. Nothing was written to the warehouse.", "现行：最近一次运行计算的本月结果。未向数据仓库写入任何内容。"},
	"model.basis_closed":      {"Current: the month as closed on %s (its frozen record); modelled on the inputs frozen with it. Nothing was written to the warehouse.", "现行：%s 结账时冻结的本月记录；模拟使用结账时冻结的输入。未向数据仓库写入任何内容。"},
	"model.col.rep":           {"Rep id", "销售编号"},
	"model.col.name":          {"Name", "姓名"},
	"model.col.team":          {"Team", "团队"},
	"model.col.eligible":      {"Eligible", "符合资格"},
	"model.col.current":       {"Current", "现行"},
	"model.col.modelled":      {"Modelled", "模拟"},
	"model.col.difference":    {"Difference", "差额"},
	"model.col.share_sales":   {"Share: sales", "份额：销售额"},
	"model.col.share_new":     {"Share: new customers", "份额：新客户"},
	"model.col.share_sat":     {"Share: satisfaction", "份额：满意度"},
	"model.col.score":         {"Score", "得分"},
	"model.col.multiplier":    {"Multiplier", "系数"},
	"model.col.capped":        {"Capped", "封顶"},
	"model.col.current_rank":  {"Current rank", "现行排名"},
	"model.col.rank":          {"Modelled rank", "模拟排名"},
	"model.total.pool":        {"Pool", "奖金池"},
	"model.total.allocated":   {"Allocated", "已分配"},
	"model.total.unallocated": {"Unallocated", "未分配"},
	"model.plans_title":       {"Plans of the model of %s", "%s 模拟所用方案"},
	"model.col.setting":       {"Setting", "设置"},
	"model.col.current_plan":  {"Current plan", "现行方案"},
	"model.col.modelled_plan": {"Modelled plan", "模拟方案"},
	"model.col.changed":       {"Changed", "已更改"},
	"model.no_cap":            {"no cap", "不封顶"},
	"model.plans_note":        {"Settings are the keys of bonus: in salesops.yaml. The current plan is the one the month was computed (or closed) with.", "设置即 salesops.yaml 中 bonus: 下的键。现行方案为本月计算（或结账）时所用方案。"},
}

func init() {
	for k, v := range modelLabels {
		if _, dup := workbookLabels[k]; dup {
			panic("reports: workbook label " + k + " is defined twice")
		}
		workbookLabels[k] = v
	}
}
