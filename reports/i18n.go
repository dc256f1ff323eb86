package reports

// The labels of the dashboards, scorecards and index in English and
// Simplified Chinese (configuration "language"). A key missing from a
// language falls back to English, then to the key itself, so a gap shows
// as a readable key rather than an empty cell; TestI18nComplete keeps the
// two languages in step.

var i18nText = map[string]map[string]string{
	"en": {
		"dash.title": "Sales dashboard", "scorecards.title": "Rep scorecards", "index.title": "Sales reports",
		"asof": "As of", "currency": "Currency", "prev": "Previous month:", "yearago": "Same month last year:",
		"baseline": "Baseline:", "target": "Target", "provisional": "provisional",
		"target.met": "on target", "target.missed": "below target",
		"note.provisional": "Lead conversion is provisional: leads of this month can still convert within the lead window.",
		"sec.headline":     "This month", "sec.targets": "Lift against the baseline", "sec.trend": "Sales over 24 months",
		"sec.teams": "Sales by team", "sec.regions": "Sales by region", "sec.leaders": "Rep leaderboard",
		"sec.funnel": "Sales funnel", "sec.rates": "Win rate and lead conversion", "sec.satisfaction": "Customer satisfaction (CSAT)",
		"sec.scores": "Survey scores this month", "sec.risk": "Customers at risk", "sec.bonus": "Bonus pool and split",
		"sec.quality": "Data-quality notes", "chart.lifts": "Monthly lifts against their targets",
		"m.net_sales": "Net sales", "m.gross_sales": "Gross sales", "m.cancellations": "Cancellations",
		"m.won_deals": "Won deals", "m.lost_deals": "Lost deals",
		"m.win_rate": "Win rate", "m.new_customers": "New customers", "m.followups": "Follow-ups", "m.efficiency": "Sales per follow-up",
		"m.followups_per_won_deal": "Follow-ups per won deal", "m.avg_cycle_days": "Average cycle (days)",
		"m.leads": "Leads", "m.converted_leads": "Converted leads",
		"m.lead_conversion": "Lead conversion", "m.csat": "CSAT", "m.avg_score": "Average score", "m.nps": "NPS",
		"m.responses": "Survey responses", "m.coverage": "Follow-up coverage",
		"lift.efficiency": "Efficiency lift", "lift.win_rate": "Win-rate lift", "lift.none": "No baseline configured",
		"lift.note": "against the baseline",
		"col.rep":   "Rep", "col.team": "Team", "col.region": "Region", "col.won_lost": "Won / lost", "col.stage": "Stage",
		"col.customers": "Customers", "col.next": "Next stage", "col.conversion": "Conversion", "col.customer": "Customer",
		"col.owner": "Owner", "col.last_followup": "Last follow-up", "col.days": "Days since", "col.responses": "Responses",
		"col.rank": "Rank", "col.metric": "Metric", "col.month": "This month", "col.prev": "Previous month",
		"col.yearago": "Same month last year", "col.baseline": "Baseline", "col.period": "Period", "col.reports": "Reports",
		"stage.development": "Development", "stage.follow_up": "Follow-up", "stage.contract": "Contract", "stage.after_sales": "After-sales",
		"risk.explain": "Active customers without a follow-up in the last 30 days, longest gap first.",
		"risk.total":   "customers at risk", "risk.shown": "showing", "never": "never",
		"bonus.pool": "Pool", "bonus.allocated": "Allocated", "bonus.unallocated": "Unallocated",
		"none.bonus": "No bonus computed for this month.", "none.quality": "No data-quality problems found.",
		"none.responses": "No survey responses this month.", "none.reports": "No reports yet.",
		"dq.rejects": "Rejected rows", "dq.warnings": "Ingest warnings",
		"dq.unknown_rep_deals":     "Deals of reps not in the roster (counted under “unknown”)",
		"dq.unknown_rep_followups": "Follow-ups of reps not in the roster",
		"dq.unknown_rep_surveys":   "Survey responses of reps not in the roster",
		"dq.unattributed_surveys":  "Survey responses with neither a rep nor a customer owner",
		"dq.unknown_customers":     "Deals of customers missing from the customer list",
		"dq.cancel_date_missing":   "Cancellations without a cancel date (booked on the close date)",
		"sheet.summary":            "Summary", "sheet.trend": "Net sales, last 12 months", "sc.ranking": "Reps ranked by net sales",
		"sc.legend":      "Green: lift at or above target; red: below target.",
		"kind.dashboard": "Dashboard", "kind.scorecards": "Scorecards", "kind.kpis": "KPIs (CSV)", "kind.bonus": "Bonus",
		"kind.adjustments": "Adjustments", "kind.audit": "Audit", "kind.other": "File",
		"sec.more": "More figures", "m.bonus_pool": "Bonus pool", "m.audit_score": "Audit score",
		"bonus.open": "open", "bonus.closed": "closed", "bonus.others": "Others",
		"prevq": "Previous quarter:", "yearagoq": "Same quarter last year:", "audit.none": "No audit computed",
		"note.arrows":        "▲ ▼ ▬: up, down or flat against the previous month; green is good and red bad by each figure's direction of better (less is better for cancellations and cycle time); provisional figures stay neutral.",
		"funnel.explain":     "Customers first touched this month; of them, those followed up again, then won, then served after the sale (to date).",
		"funnel.development": "Leads (first touch)", "funnel.follow_up": "Followed up", "funnel.contract": "Won", "funnel.after_sales": "After-sales",
		// The programme section (dashboard_programme.go).
		"prog.title": "Programme: cost against gains", "prog.intro": "Since %s, through %s: %s.", "prog.months": "%d months", "prog.month": "1 month",
		"prog.against":     "Gains are the programme's months against the baseline %s.",
		"prog.not_started": "The programme starts in %s: nothing to measure yet.",
		"prog.no_baseline": "No baseline configured (targets.baseline): the lifts cannot be measured.",
		"prog.cost.crm":    "CRM", "prog.cost.data_entry": "Data entry", "prog.cost.training": "Training", "prog.total": "Total", "prog.sheet": "Programme",
		"prog.col.cost": "Cost", "prog.col.yearly": "Per year", "prog.col.to_date": "To date", "prog.col.measure": "Measure",
		"prog.col.programme": "Programme to date", "prog.col.lift": "Lift", "prog.col.status": "Status",
		"prog.col.extra_net": "Extra net sales", "prog.col.extra_bonus": "Extra bonus", "prog.col.ratio": "Gain ÷ cost",
		"prog.explain": "Costs: each year's budget pro rata by month. Extra net sales: the programme's net sales less what the baseline's figure would have given the same work, net × lift ÷ (1 + lift). The two rows are two views of the same sales (a higher win rate also raises sales per follow-up): do not add them. Extra bonus: the pool rate of those sales. Gain ÷ cost: extra net sales ÷ cost to date (sales, not margin).",
	},
	"zh-CN": {
		"dash.title": "销售仪表盘", "scorecards.title": "销售人员计分卡", "index.title": "销售报告",
		"asof": "截至", "currency": "币种", "prev": "上月：", "yearago": "去年同月：",
		"baseline": "基准：", "target": "目标", "provisional": "暂定",
		"target.met": "达标", "target.missed": "未达标",
		"note.provisional": "客户转化率为暂定值：本月线索在转化窗口期内仍可能成交。",
		"sec.headline":     "本月概览", "sec.targets": "相对基准的提升", "sec.trend": "近24个月销售额",
		"sec.teams": "各团队销售额", "sec.regions": "各区域销售额", "sec.leaders": "销售排行榜",
		"sec.funnel": "销售漏斗", "sec.rates": "成交率与客户转化率", "sec.satisfaction": "客户满意度（CSAT）",
		"sec.scores": "本月评分分布", "sec.risk": "流失风险客户", "sec.bonus": "奖金池及分配",
		"sec.quality": "数据质量说明", "chart.lifts": "各月提升与目标",
		"m.net_sales": "净销售额", "m.gross_sales": "销售总额", "m.cancellations": "退单金额",
		"m.won_deals": "成交单数", "m.lost_deals": "丢单数",
		"m.win_rate": "成交率", "m.new_customers": "新客户数", "m.followups": "跟进次数", "m.efficiency": "单次跟进销售额",
		"m.followups_per_won_deal": "每单跟进次数", "m.avg_cycle_days": "平均成交周期（天）",
		"m.leads": "线索数", "m.converted_leads": "已转化线索",
		"m.lead_conversion": "客户转化率", "m.csat": "满意度", "m.avg_score": "平均评分", "m.nps": "净推荐值",
		"m.responses": "问卷回复数", "m.coverage": "回访覆盖率",
		"lift.efficiency": "工作效率提升", "lift.win_rate": "成交率提升", "lift.none": "未配置基准期",
		"lift.note": "相对基准期",
		"col.rep":   "销售人员", "col.team": "团队", "col.region": "区域", "col.won_lost": "成交 / 丢单", "col.stage": "阶段",
		"col.customers": "客户数", "col.next": "下一阶段", "col.conversion": "转化率", "col.customer": "客户",
		"col.owner": "负责人", "col.last_followup": "最近跟进", "col.days": "间隔天数", "col.responses": "回复数",
		"col.rank": "排名", "col.metric": "指标", "col.month": "本月", "col.prev": "上月",
		"col.yearago": "去年同月", "col.baseline": "基准期", "col.period": "期间", "col.reports": "报告",
		"stage.development": "客户开发", "stage.follow_up": "客户跟进", "stage.contract": "合同签署", "stage.after_sales": "售后服务",
		"risk.explain": "近30天内没有跟进记录的活跃客户，按间隔从长到短排列。",
		"risk.total":   "位客户存在风险", "risk.shown": "显示", "never": "从未跟进",
		"bonus.pool": "奖金池", "bonus.allocated": "已分配", "bonus.unallocated": "未分配",
		"none.bonus": "本月尚未计算奖金。", "none.quality": "未发现数据质量问题。",
		"none.responses": "本月没有问卷回复。", "none.reports": "暂无报告。",
		"dq.rejects": "被拒绝的行", "dq.warnings": "导入警告",
		"dq.unknown_rep_deals":     "不在花名册中的销售人员的订单（计入“unknown”）",
		"dq.unknown_rep_followups": "不在花名册中的销售人员的跟进记录",
		"dq.unknown_rep_surveys":   "不在花名册中的销售人员的问卷回复",
		"dq.unattributed_surveys":  "既无销售人员也无客户负责人的问卷回复",
		"dq.unknown_customers":     "客户名单中缺失的客户的订单",
		"dq.cancel_date_missing":   "缺少退单日期的退单（按成交日期记账）",
		"sheet.summary":            "汇总", "sheet.trend": "近12个月净销售额", "sc.ranking": "按净销售额排名",
		"sc.legend":      "绿色：提升达到或超过目标；红色：低于目标。",
		"kind.dashboard": "仪表盘", "kind.scorecards": "计分卡", "kind.kpis": "KPI（CSV）", "kind.bonus": "奖金",
		"kind.adjustments": "调整", "kind.audit": "审计", "kind.other": "文件",
		"sec.more": "其他指标", "m.bonus_pool": "奖金池", "m.audit_score": "审计得分",
		"bonus.open": "未结账", "bonus.closed": "已结账", "bonus.others": "其他",
		"prevq": "上季度：", "yearagoq": "去年同季度：", "audit.none": "尚未进行审计",
		"note.arrows":        "▲ ▼ ▬：较上月上升、下降或持平；绿色为好、红色为差，依各指标的改善方向而定（退单金额和成交周期越低越好）；暂定值不着色。",
		"funnel.explain":     "本月首次接触的客户，及其中再次跟进、签约成交、接受售后服务的客户（截至目前）。",
		"funnel.development": "客户开发", "funnel.follow_up": "跟进", "funnel.contract": "签约", "funnel.after_sales": "售后",
		"prog.title": "推行方案：投入与收益", "prog.intro": "自%s起，截至%s，共%s。", "prog.months": "%d个月", "prog.month": "1个月",
		"prog.against":     "收益为方案期各月相对基准期%s的提升。",
		"prog.not_started": "方案自%s起实施：暂无可衡量的数据。",
		"prog.no_baseline": "未配置基准期（targets.baseline）：无法衡量提升。",
		"prog.cost.crm":    "CRM系统", "prog.cost.data_entry": "数据录入", "prog.cost.training": "培训", "prog.total": "合计", "prog.sheet": "推行方案",
		"prog.col.cost": "费用项目", "prog.col.yearly": "年度预算", "prog.col.to_date": "累计至今", "prog.col.measure": "指标",
		"prog.col.programme": "方案期累计", "prog.col.lift": "提升", "prog.col.status": "状态",
		"prog.col.extra_net": "新增净销售额", "prog.col.extra_bonus": "新增奖金", "prog.col.ratio": "收益÷投入",
		"prog.explain": "投入：年度预算按月分摊。新增净销售额：方案期净销售额减去按基准期水平、同等工作量应得的净销售额，即 净销售额 × 提升 ÷ (1 + 提升)。两行是同一笔销售的两种视角（成交率提高也会提高单次跟进销售额），不可相加。新增奖金：按奖金池比例计算的部分。收益÷投入：新增净销售额 ÷ 累计投入（为销售额，非利润）。",
	},
}

// i18nLabel is the label of key in lang ("en" or "zh-CN").
func i18nLabel(lang, key string) string {
	if s, ok := i18nText[reportLang(lang)][key]; ok {
		return s
	}
	if s, ok := i18nText["en"][key]; ok {
		return s
	}
	return key
}

// i18nLabels is every label of lang, for templates ({{index .L "key"}}).
func i18nLabels(lang string) map[string]string {
	out := make(map[string]string, len(i18nText["en"]))
	for k := range i18nText["en"] {
		out[k] = i18nLabel(lang, k)
	}
	return out
}
