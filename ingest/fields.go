package ingest

import (
	"strings"
	"unicode"
)

// fieldType says how a field's text is parsed.
type fieldType int

const (
	tText fieldType = iota
	tMoney
	tDate
	tTimestamp
	tBool
	tInt
	tWord     // one of a fixed vocabulary (status, channel, stage, ticket kind)
	tCurrency // ISO 4217 code
	tMonth    // YYYY-MM
	tRate     // exact decimal, up to 8 places
)

type field struct {
	name     string
	typ      fieldType
	required bool // every row needs a value (and the file needs the column)
	column   bool // the file needs the column though some rows may leave it empty
	aliases  []string
}

type kindSpec struct {
	name   string
	table  string
	key    []string // key fields, in table order
	fields []field
	// dateField names the field whose date locates a row in time (rejects.row_date).
	dateField string
}

func (k kindSpec) field(name string) (field, bool) {
	for _, f := range k.fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// kindOrder is the processing order inside a batch: rates before sales, so a
// conversion sees the rates loaded in the same batch.
var kindOrder = []string{"reps", "customers", "fx_rates", "sales", "followups", "surveys", "tickets"}

// specs transcribes the kinds of exports.md.
var specs = map[string]kindSpec{
	"reps": {name: "reps", table: "reps", key: []string{"rep_id"}, dateField: "hire_date", fields: []field{
		{name: "rep_id", required: true, aliases: []string{"销售编号", "工号", "员工编号", "employee_id", "sales_agent_id"}},
		{name: "name", aliases: []string{"姓名", "销售姓名", "rep_name", "sales_agent"}},
		{name: "team", aliases: []string{"团队", "部门", "销售团队", "department"}},
		{name: "region", aliases: []string{"区域", "大区", "regional_office"}},
		{name: "manager_id", aliases: []string{"主管", "经理", "manager"}},
		{name: "hire_date", typ: tDate, aliases: []string{"入职日期"}},
		{name: "leave_date", typ: tDate, aliases: []string{"离职日期"}},
	}},
	"customers": {name: "customers", table: "customers", key: []string{"customer_id"}, dateField: "created_date", fields: []field{
		{name: "customer_id", required: true, aliases: []string{"客户编号", "客户ID", "account_id"}},
		{name: "company_name", aliases: []string{"公司名称", "客户名称", "企业名称", "account", "company"}},
		{name: "contact_name", aliases: []string{"联系人"}},
		{name: "phone", aliases: []string{"联系电话", "电话", "手机", "mobile"}},
		{name: "email", aliases: []string{"邮箱", "电子邮箱"}},
		{name: "industry", aliases: []string{"行业", "sector"}},
		{name: "region", aliases: []string{"地区", "区域", "office_location"}},
		{name: "source", aliases: []string{"客户来源", "来源", "lead_source"}},
		{name: "owner_rep_id", aliases: []string{"负责销售", "客户负责人", "owner"}},
		{name: "created_date", typ: tDate, aliases: []string{"创建日期", "建档日期"}},
	}},
	"sales": {name: "sales", table: "deals", key: []string{"deal_id"}, dateField: "close_date", fields: []field{
		{name: "deal_id", required: true, aliases: []string{"合同编号", "订单编号", "商机编号", "opportunity_id", "order_id", "contract_id"}},
		{name: "customer_id", column: true, aliases: []string{"客户编号", "客户ID", "account"}},
		{name: "rep_id", required: true, aliases: []string{"销售编号", "工号", "负责销售", "sales_agent"}},
		{name: "status", typ: tWord, required: true, aliases: []string{"状态", "合同状态", "deal_stage", "stage"}},
		{name: "amount", typ: tMoney, column: true, aliases: []string{"金额", "合同金额", "销售额", "成交金额", "close_value", "value"}},
		{name: "currency", typ: tCurrency, aliases: []string{"币种", "货币"}},
		{name: "created_date", typ: tDate, aliases: []string{"商机创建日期", "立项日期", "engage_date", "create_date"}},
		{name: "close_date", typ: tDate, aliases: []string{"签约日期", "成交日期", "关闭日期"}},
		{name: "cancel_date", typ: tDate, aliases: []string{"取消日期", "作废日期", "退款日期"}},
		{name: "product", aliases: []string{"产品", "产品名称"}},
		{name: "contract_archived", typ: tBool, aliases: []string{"合同归档", "是否归档", "已存档"}},
	}},
	"followups": {name: "followups", table: "followups", key: []string{"followup_id"}, dateField: "followup_at", fields: []field{
		{name: "followup_id", aliases: []string{"记录编号", "跟进编号"}},
		{name: "customer_id", required: true, aliases: []string{"客户编号", "客户ID"}},
		{name: "rep_id", required: true, aliases: []string{"销售编号", "工号", "跟进人"}},
		{name: "followup_at", typ: tTimestamp, required: true, aliases: []string{"跟进时间", "拜访时间", "沟通时间", "日期"}},
		{name: "channel", typ: tWord, aliases: []string{"方式", "跟进方式"}},
		{name: "stage", typ: tWord, aliases: []string{"阶段", "销售阶段"}},
		{name: "content", aliases: []string{"内容", "沟通内容", "跟进内容"}},
		{name: "result", aliases: []string{"结果", "跟进结果", "客户反馈"}},
		{name: "next_followup_date", typ: tDate, aliases: []string{"下次跟进日期", "计划回访日期"}},
	}},
	"surveys": {name: "surveys", table: "surveys", key: []string{"survey_id"}, dateField: "survey_date", fields: []field{
		{name: "survey_id", required: true, aliases: []string{"问卷编号", "调查编号", "response_id"}},
		{name: "customer_id", required: true, aliases: []string{"客户编号"}},
		{name: "rep_id", aliases: []string{"销售编号", "负责销售"}},
		{name: "survey_date", typ: tDate, required: true, aliases: []string{"调查日期", "回复日期"}},
		{name: "score", typ: tInt, required: true, aliases: []string{"评分", "满意度", "分数"}},
		{name: "comment", aliases: []string{"意见", "建议", "评价"}},
	}},
	"tickets": {name: "tickets", table: "tickets", key: []string{"ticket_id"}, dateField: "opened_at", fields: []field{
		{name: "ticket_id", required: true, aliases: []string{"工单编号"}},
		{name: "customer_id", required: true, aliases: []string{"客户编号"}},
		{name: "rep_id", aliases: []string{"处理人", "销售编号"}},
		{name: "kind", typ: tWord, aliases: []string{"类型"}},
		{name: "opened_at", typ: tTimestamp, required: true, aliases: []string{"创建时间", "投诉时间"}},
		{name: "resolved_at", typ: tTimestamp, aliases: []string{"解决时间", "关闭时间"}},
	}},
	"fx_rates": {name: "fx_rates", table: "fx_rates", key: []string{"currency", "month"}, fields: []field{
		{name: "currency", typ: tCurrency, required: true, aliases: []string{"币种", "货币"}},
		{name: "month", typ: tMonth, required: true, aliases: []string{"月份"}},
		{name: "rate", typ: tRate, required: true, aliases: []string{"汇率"}},
	}},
}

// normHeader folds a header for matching: case, surrounding space, a BOM,
// and the difference between '_', '-' and a space are ignored.
func normHeader(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	h = strings.TrimFunc(h, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
	h = strings.ToLower(h)
	var b strings.Builder
	space := false
	for _, r := range h {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
