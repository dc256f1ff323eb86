package reports

import (
	"fmt"
	"strings"
)

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
	// Pending windows and responses to findings (docs/audit.md).
	ID, Status, Owner, Due, Repeat, Response, WindowCloses string
	PendingTitle, PendingNote, NoPending, SheetPending     string
	PendingN, WaivedN, Unassigned                          string
	StatusFinding, StatusWaived, StatusPending             string
	AckFmt, WaiveFmt, PrevFmt                              string // by, date; finding id
	FollowUpFmt                                            string // quarter, findings, acked, waived, unanswered, repeated
	Severities                                             map[string]string
	Checks                                                 map[string]string
}

// CheckName is the check's name in this language ("A1" when unknown).
func (l auditLabels) CheckName(id string) string {
	if n, ok := l.Checks[id]; ok {
		return n
	}
	return id
}

// OwnerName shows a finding's owner, "unassigned" in this language.
func (l auditLabels) OwnerName(id, name string) string {
	if id == "unassigned" {
		return l.Unassigned
	}
	if name != "" && name != id {
		return id + " " + name
	}
	return id
}

// ResponseText is "acknowledged by X on DATE: note" (or waived), and for
// the quarter before's response of a repeat, prefixed with that finding's id.
func (l auditLabels) ResponseText(r auditResponse, prev bool) string {
	if r.Action == "" {
		return ""
	}
	f := l.AckFmt
	if r.Action == "waive" {
		f = l.WaiveFmt
	}
	date := ""
	if r.At.Valid {
		date = r.At.Time.Format("2006-01-02")
	}
	s := fmt.Sprintf(f, r.By, date)
	if note := strings.TrimSpace(r.Note); note != "" {
		s += map[bool]string{true: "：", false: ": "}[l.Lang == "zh-CN"] + note
	}
	if prev {
		s = fmt.Sprintf(l.PrevFmt, r.FindingID) + s
	}
	return s
}

// FollowUpText is the line on the quarter before's findings; empty when
// there is no quarter before.
func (l auditLabels) FollowUpText(prev string, f auditFollowUp) string {
	if prev == "" {
		return ""
	}
	return fmt.Sprintf(l.FollowUpFmt, prev, f.Findings, f.Acked, f.Waived, f.Unanswered, f.Repeated)
}

// StatusName is a finding's status in this language.
func (l auditLabels) StatusName(f auditFinding) string {
	switch {
	case f.Pending:
		return l.StatusPending
	case f.Waived:
		return l.StatusWaived
	}
	return l.StatusFinding
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
		"A check with a window after an event (A6 complaint handled in 168 h, A7 survey within 60 days, A8 planned follow-up within 3 days) judges a window only once it has closed by the quarter's last audited day; until then it is pending, not counted, and judged in the quarter in which it closes.",
		"Each finding has an id, an owner (the rep's manager when the roster names one, else the rep) and a due date. Respond with salesops audit ack --finding ID --by NAME --note TEXT, or waive --finding ID --by NAME --note WHY: the response shows from the next run; a waived finding is not counted, an acknowledged one is. A repeat failed the same check on the same record the quarter before.",
	},
	SheetSummary: "Summary", SheetReps: "Reps",
	ID: "Finding id", Status: "Status", Owner: "Owner", Due: "Due", Repeat: "repeat", Response: "Response", WindowCloses: "Window closes",
	PendingTitle: "Pending: windows still open", PendingNote: "Not counted in any rate or score; judged in the quarter in which the window closes.",
	NoPending: "No window is still open.", SheetPending: "Pending", PendingN: "Pending", WaivedN: "Waived", Unassigned: "unassigned",
	StatusFinding: "finding", StatusWaived: "waived", StatusPending: "pending",
	AckFmt: "acknowledged by %s on %s", WaiveFmt: "waived by %s on %s", PrevFmt: "last quarter (%s): ",
	FollowUpFmt: "%s's %d findings: %d acknowledged, %d waived, %d unanswered; %d repeat this quarter.",
	Severities:  map[string]string{"high": "high", "medium": "medium", "low": "low"},
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
		"有期限的检查项（A6 投诉 168 小时内处理、A7 成交后 60 天内满意度调查、A8 计划回访 3 天内完成）只在期限于本季度最后检查日之前届满时才判定；未届满的列为待到期，不计入比率和得分，在期限届满的季度判定。",
		"每条问题有编号、负责人（名册中有主管时为其主管，否则为该销售）和整改期限。用 salesops audit ack --finding 编号 --by 姓名 --note 说明 确认，或用 waive --finding 编号 --by 姓名 --note 理由 豁免：回复在下次运行后显示；豁免的问题不计入得分，确认的仍计入。重复：上季度同一记录的同一检查项也不合格。",
	},
	SheetSummary: "汇总", SheetReps: "销售排名",
	ID: "问题编号", Status: "状态", Owner: "负责人", Due: "整改期限", Repeat: "重复", Response: "处理回复", WindowCloses: "期限截止",
	PendingTitle: "待到期：期限尚未届满", PendingNote: "不计入任何比率和得分；在期限届满的季度判定。",
	NoPending: "没有尚未届满的期限。", SheetPending: "待到期", PendingN: "待到期", WaivedN: "已豁免", Unassigned: "未分配",
	StatusFinding: "问题", StatusWaived: "已豁免", StatusPending: "待到期",
	AckFmt: "%s 于 %s 确认", WaiveFmt: "%s 于 %s 豁免", PrevFmt: "上季度（%s）：",
	FollowUpFmt: "%s 共 %d 条问题：已确认 %d 条，已豁免 %d 条，未回复 %d 条；本季度重复 %d 条。",
	Severities:  map[string]string{"high": "高", "medium": "中", "low": "低"},
	Checks: map[string]string{
		"A1": "客户资料完整", "A2": "定期回访", "A3": "跟进记录规范",
		"A4": "合同归档", "A5": "签约前按流程跟进", "A6": "投诉及时处理",
		"A7": "满意度回访", "A8": "按计划回访", "A9": "数据质量",
	},
}
