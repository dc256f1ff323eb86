package i18n

// dataText: the words of the data itself. Reject reasons and warning
// messages are stored in the warehouse in English as ingest writes them
// (ingest/parse.go, transform.go, csvread.go, jsonl.go, upsert.go), as are
// the excluded reasons of bonus_inputs.sql (in workbookText); Reason reads
// a stored text back against these templates, so an English template must
// stay byte for byte what ingest writes (ingest's TestRejectReasons checks
// every reason it produces is known here). Their placeholders are all %s:
// the values come back out of stored text.
var dataText = map[string][2]string{
	// Reject reasons (the rejects table's reason).
	"reason.amount":           {"not an amount", "不是金额"},
	"reason.cents":            {"an amount with non-zero digits past the cent", "金额在分以下还有非零数字"},
	"reason.too_large":        {"amount too large", "金额过大"},
	"reason.date":             {"not a date", "不是日期"},
	"reason.timestamp":        {"not a date and time", "不是日期时间"},
	"reason.bool":             {"not a yes/no value", "不是“是/否”值"},
	"reason.int":              {"not a whole number", "不是整数"},
	"reason.rate":             {"not a positive exchange rate with at most 8 decimal places", "不是最多 8 位小数的正汇率"},
	"reason.month":            {"not a month (YYYY-MM)", "不是月份（年-月）"},
	"reason.currency":         {"unknown currency", "未知币种"},
	"reason.nul":              {"contains a NUL byte (shown as ␀), which no name or id may hold", "含有空字符（显示为 ␀），名称和编号中不允许出现"},
	"reason.missing":          {"missing %s", "缺少 %s"},
	"reason.won_close":        {"a won deal needs a close_date", "已成交的商机缺少成交日期"},
	"reason.lost_close":       {"a lost deal needs a close_date", "已丢单的商机缺少成交日期"},
	"reason.won_amount":       {"a won deal needs an amount", "已成交的商机缺少金额"},
	"reason.won_customer":     {"a won deal needs a customer_id", "已成交的商机缺少客户编号"},
	"reason.cancel_amount":    {"a cancelled deal with a close_date (won, then cancelled) needs an amount", "有成交日期的已取消商机（先成交后取消）缺少金额"},
	"reason.cancel_customer":  {"a cancelled deal with a close_date (won, then cancelled) needs a customer_id", "有成交日期的已取消商机（先成交后取消）缺少客户编号"},
	"reason.fx_month":         {"no close_date or created_date to choose the month of the fx rate", "没有成交日期或创建日期，无法确定汇率的月份"},
	"reason.fx_rate":          {"no fx rate for %s in %s (load it as an fx_rates export)", "没有 %s 在 %s 的汇率（请导入汇率导出文件）"},
	"reason.score":            {"score %s is outside the %s–%s scale", "评分 %s 超出 %s–%s 分的范围"},
	"reason.word":             {"unknown %s word (map it under values: %s: in the source)", "未知的 %s 取值（请在数据源的 values: %s: 下映射）"},
	"reason.fields":           {"the row has %s fields; the header has %s", "该行有 %s 个字段，表头有 %s 个"},
	"reason.csv":              {"malformed CSV record: %s", "CSV 记录格式错误：%s"},
	"reason.json":             {"malformed JSON record: %s", "JSON 记录格式错误：%s"},
	"reason.repeated_key_msg": {"key %s appears on line %s and again on line %s; line %s wins", "键 %s 出现在第 %s 行，又出现在第 %s 行；以第 %s 行为准"},

	// Ingest warning codes (ingest_warnings.code).
	"warn.repeated_key":       {"repeated key", "重复的键"},
	"warn.source_not_fetched": {"source not fetched", "数据源未能获取"},

	// Export kinds (config.Kinds), as the data-quality notes name them.
	"data.kind.reps":      {"reps", "销售人员"},
	"data.kind.customers": {"customers", "客户"},
	"data.kind.sales":     {"sales", "销售"},
	"data.kind.followups": {"followups", "跟进"},
	"data.kind.surveys":   {"surveys", "问卷"},
	"data.kind.tickets":   {"tickets", "工单"},
	"data.kind.fx_rates":  {"fx_rates", "汇率"},

	// The reserved rep ids of rep_dim.sql, shown in place of a name.
	"rep.unknown":      {"unknown", "名册外销售"},
	"rep.unattributed": {"unattributed", "未归属"},
}
