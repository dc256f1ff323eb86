package reports

import "fmt"

// auditLabels are the words of the audit report in one language. Data (names,
// details) is never translated; only the report's own words are.
type auditLabels struct {
	Lang                                                        string
	Title, Covers, ComparedWith, NoPrevious, Generated          string
	ByCheck, Ranking, Comparison, Findings, ChartChecks, Charts string
	ChartScores                                                 string
	Check, Name, Severity, Weight, FindingsN, Opportunities     string
	Rate, Prev, Change, Rank, Rep, Team, Score, PrevScore       string
	PrevRank, Customer, Company, Deal, Date, Detail             string
	All, Search, Shown, Of, NotRanked, NoOpportunities          string
	NoFindings, HowToRead                                       string
	HowToReadText                                               []string
	SheetSummary, SheetReps                                     string
	Severities                                                  map[string]string
	Checks                                                      map[string]string
}

// CheckName is the check's name in this language ("A1" when unknown).
func (l auditLabels) CheckName(id string) string {
	if n, ok := l.Checks[id]; ok {
		return n
	}
	return id
}

// SeverityName is the severity in this language.
func (l auditLabels) SeverityName(s string) string {
	if n, ok := l.Severities[s]; ok {
		return n
	}
	return s
}

func auditLabelsFor(lang string) (auditLabels, error) {
	switch lang {
	case "", "en":
		return auditEN, nil
	case "zh-CN":
		return auditZH, nil
	}
	return auditLabels{}, fmt.Errorf("report language %q is not en or zh-CN", lang)
}

var auditEN = auditLabels{
	Lang: "en", Title: "Quarterly audit", Covers: "Covers", ComparedWith: "compared with", NoPrevious: "no previous quarter to compare with",
	Generated: "Rates are findings ÷ opportunities; the score is 100 × (1 − weighted mean of a rep's rates).",
	ByCheck:   "Summary by check", Ranking: "Reps ranked by compliance score", Comparison: "Against the quarter before",
	Findings: "Findings", ChartChecks: "Findings by check", ChartScores: "Compliance score by rep", Charts: "Charts",
	Check: "Check", Name: "Name", Severity: "Severity", Weight: "Weight", FindingsN: "Findings", Opportunities: "Opportunities",
	Rate: "Rate", Prev: "Previous", Change: "Change", Rank: "Rank", Rep: "Rep", Team: "Team", Score: "Score", PrevScore: "Previous score",
	PrevRank: "Previous rank", Customer: "Customer", Company: "Company", Deal: "Deal", Date: "Date", Detail: "Detail",
	All: "All", Search: "Search", Shown: "shown", Of: "of", NotRanked: "not ranked", NoOpportunities: "nothing to check",
	NoFindings: "No findings this quarter.", HowToRead: "How to read this report",
	HowToReadText: []string{
		"Each check looks at its opportunities (for example A4: the deals won in the quarter) and every opportunity that fails is a finding. The rate is findings ÷ opportunities.",
		"A rep's compliance score is 100 × (1 − the weighted mean of the rep's rates), over the checks in which the rep had something to check; 100 means no findings. Reps with equal scores share a rank. \"unknown\" collects reps missing from the roster and \"unattributed\" what names no rep; they are scored but not ranked.",
		"Cells show findings/opportunities; hover a cell for the quarter before. Use the filters above the findings table to narrow it by check, rep, severity or any text.",
	},
	SheetSummary: "Summary", SheetReps: "Reps",
	Severities: map[string]string{"high": "high", "medium": "medium", "low": "low"},
	Checks: map[string]string{
		"A1": "Customer record complete", "A2": "Regular follow-up", "A3": "Follow-up recorded properly",
		"A4": "Contract archived", "A5": "Process followed before signing", "A6": "Complaints handled",
		"A7": "Satisfaction surveyed", "A8": "Planned follow-up kept", "A9": "Data quality",
	},
}

var auditZH = auditLabels{
	Lang: "zh-CN", Title: "季度检查", Covers: "检查期间", ComparedWith: "对比", NoPrevious: "无上一季度可对比",
	Generated: "比率 = 问题数 ÷ 检查项数；合规得分 = 100 × (1 − 各项比率的加权平均)。",
	ByCheck:   "按检查项汇总", Ranking: "销售合规得分排名", Comparison: "与上一季度对比",
	Findings: "问题明细", ChartChecks: "各检查项问题数", ChartScores: "各销售合规得分", Charts: "图表",
	Check: "检查项", Name: "名称", Severity: "严重程度", Weight: "权重", FindingsN: "问题数", Opportunities: "检查项数",
	Rate: "比率", Prev: "上季度", Change: "变化", Rank: "排名", Rep: "销售", Team: "团队", Score: "得分", PrevScore: "上季度得分",
	PrevRank: "上季度排名", Customer: "客户", Company: "公司名称", Deal: "合同", Date: "日期", Detail: "说明",
	All: "全部", Search: "搜索", Shown: "条显示", Of: "共", NotRanked: "不参与排名", NoOpportunities: "无检查项",
	NoFindings: "本季度没有发现问题。", HowToRead: "阅读说明",
	HowToReadText: []string{
		"每个检查项针对其检查对象（例如 A4：本季度成交的合同），每个不合格的对象是一条问题。比率 = 问题数 ÷ 检查项数。",
		"销售的合规得分 = 100 × (1 − 该销售各项比率的加权平均)，只计该销售有检查对象的检查项；100 表示没有问题。得分相同者排名相同。\"unknown\" 汇总不在销售名册中的销售，\"unattributed\" 汇总未指明销售的记录；二者有得分但不参与排名。",
		"单元格显示 问题数/检查项数；鼠标悬停可见上一季度。可用问题明细上方的筛选按检查项、销售、严重程度或任意文字过滤。",
	},
	SheetSummary: "汇总", SheetReps: "销售排名",
	Severities: map[string]string{"high": "高", "medium": "中", "low": "低"},
	Checks: map[string]string{
		"A1": "客户资料完整", "A2": "定期回访", "A3": "跟进记录规范",
		"A4": "合同归档", "A5": "签约前按流程跟进", "A6": "投诉及时处理",
		"A7": "满意度回访", "A8": "按计划回访", "A9": "数据质量",
	},
}
