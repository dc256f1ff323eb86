package reports

import "fmt"

// t is the label of key in the workbook's language. A missing label is an
// error (it sticks), so no sheet ships with a raw key in it.
func (wb *book) t(key string) string {
	l, ok := workbookLabels[key]
	if !ok {
		if wb.err == nil {
			wb.err = fmt.Errorf("workbook label %q is missing", key)
		}
		return key
	}
	if wb.lang == "zh-CN" {
		return l[1]
	}
	return l[0]
}

// reason translates bonus_inputs.excluded_reason.
func (wb *book) reason(r string) string {
	if _, ok := workbookLabels["reason."+r]; ok {
		return wb.t("reason." + r)
	}
	return r
}

func (wb *book) yesNo(v bool) string {
	if v {
		return wb.t("yes")
	}
	return wb.t("no")
}

func (wb *book) satisfiedWord(v bool) string {
	if v {
		return wb.t("st.satisfied")
	}
	return wb.t("st.not_satisfied")
}

// workbookLabels: English, Simplified Chinese. Sheet names are at most 31
// characters and avoid []:*?/\ as Excel requires.
var workbookLabels = map[string][2]string{
	"sheet.summary":      {"Summary", "汇总"},
	"sheet.allocation":   {"Allocation", "分配计算"},
	"sheet.deals":        {"Deals", "成交明细"},
	"sheet.newcustomers": {"New customers", "新客户"},
	"sheet.responses":    {"Responses", "满意度回复"},
	"sheet.adjustments":  {"Adjustments", "已结月份调整"},
	"sheet.quality":      {"Data quality", "数据质量"},
	"sheet.statements":   {"Statements", "个人奖金说明"},

	"summary.title":       {"Monthly bonus %s: finance workbook", "%s 月度绩效奖金：财务工作簿"},
	"summary.plan":        {"Plan", "奖金方案"},
	"plan.pool_rate":      {"Pool rate (share of net sales)", "奖金池比例（占净销售额）"},
	"plan.weight_sales":   {"Weight: sales", "权重：销售额"},
	"plan.weight_new":     {"Weight: new customers", "权重：新客户"},
	"plan.weight_sat":     {"Weight: satisfaction", "权重：满意度"},
	"plan.min_responses":  {"Minimum survey responses", "最少问卷回复数"},
	"plan.floor":          {"Satisfaction floor", "满意度下限"},
	"plan.gate":           {"Gate multiplier", "满意度门槛系数"},
	"plan.max_share":      {"Maximum share of the pool (cap)", "个人上限（占奖金池）"},
	"plan.no_cap":         {"no cap", "不设上限"},
	"summary.period":      {"Period", "期间"},
	"summary.status":      {"Status", "状态"},
	"summary.open":        {"open: figures can still change until the month is closed", "未结账：结账前数字仍可能变化"},
	"summary.closed":      {"closed: frozen figures", "已结账：数字已冻结"},
	"summary.closed_at":   {"Closed at", "结账时间"},
	"summary.fingerprint": {"Input fingerprint", "输入数据指纹"},
	"summary.pool_block":  {"Pool", "奖金池"},
	"pool.gross":          {"Gross sales (deals won in the month)", "销售总额（本月成交）"},
	"pool.cancellations":  {"Cancellations in the month", "本月取消金额"},
	"pool.net":            {"Net sales", "净销售额"},
	"pool.rate":           {"Pool rate", "奖金池比例"},
	"pool.pool":           {"Pool = ROUND(rate × MAX(net sales, 0), 2)", "奖金池 = ROUND(比例 × MAX(净销售额, 0), 2)"},
	"pool.cap":            {"Cap per rep (rounded down to the cent)", "个人上限（向下取整到分）"},
	"pool.allocated":      {"Allocated (Σ raw, rounded half-up)", "已分配（Σ 原始金额，四舍五入）"},
	"pool.unallocated":    {"Unallocated", "未分配"},
	"pool.alloc_total":    {"Sum of the allocations", "各人分配金额合计"},
	"pool.check":          {"Check: allocations = allocated", "校验：分配合计 = 已分配"},
	"pool.mismatch":       {"MISMATCH", "不一致"},
	"pool.check_note":     {"OK when the allocations add up to the allocated total to the cent", "分配合计与已分配金额精确到分一致时显示 OK"},
	"summary.currency":    {"Currency", "币种"},
	"note.exact": {"salesops computes every figure exactly (rational arithmetic); the allocations in cents are the figures to pay.",
		"salesops 以精确有理数运算计算所有数字；以分为单位的分配金额为实际发放金额。"},
	"note.float": {"Excel recalculates the formulas in floating point, so raw amounts can differ in the last digits; the check cell shows whether the allocations still add up.",
		"Excel 以浮点数重新计算公式，原始金额末位可能略有差异；校验单元格显示分配合计是否仍然一致。"},
	"note.sheets": {"Sheets: Allocation (formulas), Deals, New customers, Responses, Adjustments, Data quality, Statements.",
		"工作表：分配计算（公式）、成交明细、新客户、满意度回复、已结月份调整、数据质量、个人奖金说明。"},

	"alloc.component":      {"Component", "组成部分"},
	"alloc.plan_weight":    {"Plan weight", "方案权重"},
	"alloc.x_total":        {"Σ x over eligible reps", "合格人员 x 合计"},
	"alloc.counted_weight": {"Weight if the component counts", "计入的权重"},
	"alloc.eff_weight":     {"Effective weight (scaled to sum to 1)", "有效权重（归一化）"},
	"alloc.dropped_note": {"A component with weight 0 or Σ x = 0 drops out: its shares show —.",
		"权重为 0 或 x 合计为 0 的部分不计入：其占比显示为 —。"},
	"comp.sales":        {"sales", "销售额"},
	"comp.new":          {"new customers", "新客户"},
	"comp.sat":          {"satisfaction", "满意度"},
	"alloc.none":        {"No eligible rep this month: nothing is allocated.", "本月没有合格人员：不分配奖金。"},
	"alloc.total":       {"Total", "合计"},
	"alloc.excluded":    {"Excluded from the allocation", "不参与分配的人员"},
	"alloc.no_excluded": {"None.", "无。"},
	"col.rep_id":        {"Rep ID", "销售编号"},
	"col.name":          {"Name", "姓名"},
	"col.team":          {"Team", "团队"},
	"col.x_sales":       {"x sales (net, ≥ 0)", "x 销售额（净额，≥0）"},
	"col.x_new":         {"x new customers", "x 新客户"},
	"col.x_sat":         {"x satisfaction", "x 满意度"},
	"col.share_sales":   {"Share: sales", "占比：销售额"},
	"col.share_new":     {"Share: new customers", "占比：新客户"},
	"col.share_sat":     {"Share: satisfaction", "占比：满意度"},
	"col.score":         {"Score (before gate)", "得分（门槛前）"},
	"col.responses":     {"Responses", "回复数"},
	"col.satisfied":     {"Satisfied", "满意数"},
	"col.csat":          {"CSAT", "满意率"},
	"col.multiplier":    {"Multiplier", "系数"},
	"col.adjusted":      {"Adjusted score", "调整后得分"},
	"col.capped":        {"Capped", "是否封顶"},
	"col.raw":           {"Raw allocation", "原始分配金额"},
	"col.floor":         {"Rounded down", "向下取整"},
	"col.extra_cent":    {"Extra cent", "补分"},
	"col.allocation":    {"Allocation", "分配金额"},
	"col.rank":          {"Rank", "排名"},
	"col.net_sales":     {"Net sales", "净销售额"},
	"col.reason":        {"Reason", "原因"},
	"note.capped": {"Capped: the outcome of the cap loop (computed exactly by salesops): reps whose share exceeded the cap are fixed at the cap and the rest of the pool is shared again among the others.",
		"是否封顶：上限循环的结果（salesops 精确计算）：超过上限的人员固定为上限，其余奖金池在其他人员之间按调整后得分重新分配。"},
	"note.extra_cent": {"Extra cent: the cents missing to reach the allocated total go one each to the largest remainders, ties to the smallest rep id (exact computation).",
		"补分：为达到已分配总额所缺的分，按余数从大到小逐一分配，余数相同则给编号最小者（精确计算）。"},
	"note.raw": {"Raw = cap if capped, else (pool − cap × number capped) × adjusted ÷ Σ adjusted of the uncapped reps.",
		"原始金额 = 封顶者为上限，否则 (奖金池 − 上限 × 封顶人数) × 调整后得分 ÷ 未封顶者调整后得分合计。"},
	"reason.not in the roster":     {"not in the roster", "不在人员名单中"},
	"reason.hired after month end": {"hired after month end", "月末之后入职"},
	"reason.left before month end": {"left before month end", "月末之前离职"},

	"col.deal_id":              {"Deal ID", "商机编号"},
	"col.customer_id":          {"Customer ID", "客户编号"},
	"col.company":              {"Company", "公司名称"},
	"col.event":                {"Event", "事件"},
	"col.date":                 {"Date", "日期"},
	"col.amount":               {"Amount", "金额"},
	"col.net_effect":           {"Effect on net sales", "对净销售额的影响"},
	"col.source_rep":           {"Rep ID in the export", "导出文件中的销售编号"},
	"col.note":                 {"Note", "备注"},
	"event.won":                {"won", "成交"},
	"event.cancelled":          {"cancelled", "取消"},
	"note.cancel_date_missing": {"no cancel date: counted on the close date", "缺少取消日期：按成交日期计入"},
	"col.first_win_deal":       {"First won deal", "首次成交商机"},
	"col.survey_id":            {"Survey ID", "问卷编号"},
	"col.survey_score":         {"Score", "评分"},
	"col.satisfied_flag":       {"Satisfied", "满意"},
	"col.comment":              {"Comment", "评论"},
	"yes":                      {"yes", "是"},
	"no":                       {"no", "否"},
	"col.closed_period":        {"Closed month", "已结账月份"},
	"col.frozen":               {"Frozen allocation", "冻结的分配金额"},
	"col.current":              {"Allocation now", "当前计算的分配金额"},
	"col.difference":           {"Difference (to approve)", "差额（待审批）"},
	"adj.none":                 {"No adjustments to closed months.", "已结账月份没有调整。"},
	"adj.note":                 {"Adjustments do not change this month's pool; finance approves them separately.", "调整不影响本月奖金池，由财务单独审批。"},
	"col.problem":              {"Problem", "问题类型"},
	"col.source":               {"Source", "来源"},
	"col.file":                 {"File", "文件"},
	"col.sheet":                {"Sheet", "工作表"},
	"col.line":                 {"Line", "行号"},
	"col.column":               {"Column / code", "列 / 代码"},
	"col.value":                {"Value / row key", "值 / 行键"},
	"col.row_date":             {"Row date", "数据日期"},
	"dq.reject":                {"rejected row", "拒收行"},
	"dq.warning":               {"warning", "警告"},
	"dq.undated":               {"undated", "无日期"},
	"dq.none":                  {"No rejected rows or warnings touch this month.", "本月没有相关的拒收行或警告。"},

	"st.heading": {"Explain my bonus: %s", "奖金说明：%s"},
	"st.title":   {"%s (%s), team %s", "%s（%s），团队 %s"},
	"st.sales": {"In %s you won %d deal(s) for %s; cancellations in the month were %s; your net sales are %s.",
		"%s 您成交 %d 笔，金额 %s；本月取消金额 %s；净销售额 %s。"},
	"st.sales_share": {"Counted for the bonus: %s, which is %s of the eligible reps' net sales counted (%s).",
		"计入奖金的销售额 %[1]s，占合格人员计入销售额（%[3]s）的 %[2]s。"},
	"st.sales_negative": {"Negative net sales count as 0 in the sales component (eligible reps' total %s).",
		"净销售额为负，在销售额部分按 0 计（合格人员合计 %s）。"},
	"st.sales_dropped": {"The sales component dropped out this month: no eligible rep had positive net sales.",
		"本月销售额部分不计入：没有合格人员的净销售额为正。"},
	"st.new":         {"New customers: %d, which is %s of the eligible reps' %s.", "新客户 %d 个，占合格人员新客户总数的 %s（共 %s 个）。"},
	"st.new_dropped": {"New customers: %d; the new-customer component dropped out this month.", "新客户 %d 个；本月新客户部分不计入。"},
	"st.sat_none":    {"No survey responses this month: satisfaction counts as 0 and no gate applies.", "本月没有问卷回复：满意度按 0 计，不适用满意度门槛。"},
	"st.sat_few": {"Survey responses: %d, %d satisfied (csat %s); fewer than %d, so satisfaction counts as 0 and no gate applies.",
		"问卷回复 %d 份，满意 %d 份（满意率 %s）；少于 %d 份，满意度按 0 计，不适用满意度门槛。"},
	"st.sat": {"Survey responses: %d, %d satisfied: csat %s. With at least %d responses it counts: %s of the eligible reps' satisfaction total.",
		"问卷回复 %d 份，满意 %d 份：满意率 %s。回复不少于 %d 份，计入满意度：占合格人员满意度合计的 %s。"},
	"st.sat_dropped": {"Survey responses: %d, %d satisfied: csat %s; the satisfaction component dropped out this month.",
		"问卷回复 %d 份，满意 %d 份：满意率 %s；本月满意度部分不计入。"},
	"st.score":     {"Score = %s = %s (effective weight × share).", "得分 = %s = %s（有效权重 × 占比）。"},
	"st.gated":     {"Your csat %s is below the floor of %s with at least %d responses, so the score is multiplied by %s: adjusted score %s.", "满意率 %s 低于下限 %s 且回复不少于 %d 份，得分乘以 %s：调整后得分 %s。"},
	"st.not_gated": {"No satisfaction gate applies (multiplier 1): adjusted score %s.", "不适用满意度门槛（系数 1）：调整后得分 %s。"},
	"st.capped": {"Your share of the pool exceeded the cap of %s (%s of the pool of %s), so you receive the cap.",
		"您的奖金份额超过上限 %s（奖金池 %[3]s 的 %[2]s），按上限发放。"},
	"st.raw_cap":       {"Your share of the pool of %s before rounding: %s (below the cap of %s).", "奖金池 %s 中您的份额（取整前）：%s（未超过上限 %s）。"},
	"st.raw_nocap":     {"Your share of the pool of %s before rounding: %s (no cap).", "奖金池 %s 中您的份额（取整前）：%s（不设上限）。"},
	"st.floor":         {"Rounded down to the cent: %s", "向下取整到分：%s"},
	"st.extra_cent":    {"; plus one cent of the cents left over (largest remainders, ties to the smallest rep id).", "；另得一分余数补分（按余数从大到小，相同者给编号最小者）。"},
	"st.allocation":    {"Your allocation: %s (rank %d of %d).", "您的奖金：%s（%[3]d 人中第 %[2]d 名）。"},
	"st.deals":         {"Your deals in the month:", "本月您的成交与取消："},
	"st.responses":     {"Your survey responses in the month:", "本月您的问卷回复："},
	"st.none":          {"none", "无"},
	"st.satisfied":     {"satisfied", "满意"},
	"st.not_satisfied": {"not satisfied", "不满意"},
}
