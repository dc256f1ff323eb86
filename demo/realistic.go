package demo

import (
	"fmt"
	"time"
)

// realisticLayout writes the exports as the department's systems do: HR's
// roster spreadsheet, a CRM with BOM-prefixed and Chinese-headed CSV, last
// years' contracts from an old GB18030 ERP, this year's from the new CRM,
// the survey tool's workbook. Only aliases exports.md lists are used, so no
// column mapping is needed.
func realisticLayout(w *world) []*plan {
	reps := newPlan(File{Kind: "reps", Path: "roster/销售人员.xlsx", Format: "xlsx", Sheet: "销售人员",
		Note: "HR's roster spreadsheet: a merged title row above Chinese headers, Excel dates"},
		[]string{"销售编号", "姓名", "团队", "区域", "主管", "入职日期", "离职日期"})
	reps.title = "销售人员名册（截至 " + canonical.day(w.asOf) + "）"
	reps.firstLine = 3
	for _, r := range w.reps {
		reps.add([]any{r.id, r.name, r.team, r.region, r.manager, excelDate(r.hire), excelDate(r.leave)}, nil, 0, canonical)
	}

	custs := newPlan(File{Kind: "customers", Path: "crm/customers.csv", Encoding: "utf-8-bom",
		Note: "CRM customer export: UTF-8 with BOM, mixed English and Chinese headers"},
		[]string{"客户编号", "公司名称", "联系人", "联系电话", "邮箱", "sector", "地区", "lead_source", "客户负责人", "创建日期"})
	for _, c := range w.customers {
		custs.add(customerRow(c, chineseCRM), nil, 0, chineseCRM)
	}

	erpHeader := []string{"合同编号", "客户编号", "销售编号", "状态", "合同金额", "币种", "立项日期", "签约日期", "取消日期", "产品", "合同归档"}
	crmHeader := []string{"opportunity_id", "account", "sales_agent", "deal_stage", "close_value", "currency", "engage_date", "close_date", "cancel_date", "product", "contract_archived"}
	var sales []*plan
	byYear := map[int]*plan{}
	for y := w.start.Year(); y <= w.asOf.Year(); y++ {
		path := fmt.Sprintf("erp/contracts-%d.csv", y)
		p := newPlan(File{Kind: "sales", Path: path, Encoding: "utf-8",
			Note: fmt.Sprintf("deals created in %d from the new CRM: English headers, plain amounts, CNY implied", y)}, crmHeader)
		if y < w.asOf.Year() {
			p = newPlan(File{Kind: "sales", Path: path, Encoding: "gb18030",
				Note: fmt.Sprintf("contracts created in %d from the old ERP: GB18030, Chinese headers and dates, ¥ amounts", y)}, erpHeader)
			p.crlf = true
		}
		byYear[y] = p
		sales = append(sales, p)
	}
	corr := newPlan(File{Kind: "sales", Path: "erp/corrections-" + w.correctionMonth.String() + ".csv", Encoding: "utf-8",
		Note: "corrected re-export of a few " + w.correctionMonth.String() + " contracts: same ids, changed amounts"}, crmHeader)
	addSales(w, corr, crmDialect, func(d *deal) (*plan, dialect) {
		p := byYear[d.created.Year()]
		if p.file.Encoding == "gb18030" {
			return p, erpDialect
		}
		return p, crmDialect
	})
	sales = append(sales, corr)

	fus := newPlan(File{Kind: "followups", Path: "crm/followups.csv", Encoding: "utf-8",
		Note: "CRM follow-up log: Chinese headers, channel and stage words, minutes-only times"},
		[]string{"跟进编号", "客户编号", "跟进人", "跟进时间", "跟进方式", "销售阶段", "跟进内容", "跟进结果", "下次跟进日期"})
	for _, f := range w.followups {
		fus.add(followupRow(f, chineseCRM), nil, 0, chineseCRM)
	}

	svs := newPlan(File{Kind: "surveys", Path: "survey/responses.xlsx", Format: "xlsx", Sheet: "问卷结果",
		Note: "survey tool workbook: 5-point scores as numbers, Excel dates"},
		[]string{"问卷编号", "客户编号", "负责销售", "调查日期", "评分", "评价"})
	for _, s := range w.surveys {
		svs.add([]any{s.id, s.cust.id, id(s.rep), s.date, s.score, s.comment}, s.bad, w.badYear, canonical)
	}

	tickets := newPlan(File{Kind: "tickets", Path: "service/tickets.csv", Encoding: "utf-8",
		Note: "after-sales ticket system: Chinese headers and kinds"},
		[]string{"工单编号", "客户编号", "处理人", "类型", "创建时间", "解决时间"})
	tk := chineseCRM
	tk.stamp = "2006-01-02 15:04:05"
	ticketPlan(w, tickets, tk)

	fx := fxPlan(w)
	fx.file.Path = "finance/fx_rates.csv"
	fx.file.Note = "finance's monthly exchange rates to CNY"

	out := []*plan{reps, custs}
	out = append(out, sales...)
	return append(out, fus, svs, tickets, fx)
}

// excelDate is a date cell, or an empty cell for a missing date.
func excelDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}
