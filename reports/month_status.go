package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesops/salesops/bonus"
)

// MonthStatus is what every file of a month says about its figures:
// frozen by a close (when, by whom, with which salesops and inputs), or
// live again after a reopen (when and why), or simply open.
type MonthStatus struct {
	Closed                                   bool
	ClosedAt, ClosedBy, Version, Fingerprint string
	Reopened                                 bool
	ReopenedAt                               time.Time
	ReopenReason                             string
	// ApprovedBy and ApprovedAt are the second signature (salesops
	// approve); AwaitingApproval says bonus.require_approval holds the
	// payroll files (bonus CSV, JSON) until it is given.
	ApprovedBy, ApprovedAt string
	AwaitingApproval       bool
}

// StatusOf is the status of m as its record gives it.
func StatusOf(m bonus.Month) MonthStatus {
	s := MonthStatus{Closed: m.Closed, ClosedAt: m.ClosedAt, Fingerprint: m.Fingerprint}
	if m.Close != nil {
		s.ClosedBy, s.Version = m.Close.ClosedBy, m.Close.Version
		s.ApprovedBy, s.ApprovedAt = m.Close.ApprovedBy, m.Close.ApprovedAt
	}
	s.AwaitingApproval = m.AwaitingApproval
	return s
}

var statusText = map[string]map[string]string{
	"en": {
		"closed":    "Closed on %s%s (%s): these are the figures paid; later data shows as adjustments in the next open month.",
		"by":        " by %s",
		"inputs":    "input fingerprint %s",
		"unknown":   "version not recorded",
		"reopened":  "Reopened on %s: %s. The figures are live again until the month is closed.",
		"reason_no": "no reason given",
		"approved":  " Approved on %s by %s.",
		"awaiting":  " Awaiting approval: the bonus CSV and JSON for payroll are written once a second person approves the close (salesops approve).",
	},
	"zh-CN": {
		"closed":    "已于 %s%s 结账（%s）：以下为已发放的数字；之后的数据在下一个未结账月份列为调整。",
		"by":        " 由 %s",
		"inputs":    "输入指纹 %s",
		"unknown":   "未记录版本",
		"reopened":  "已于 %s 重新打开：%s。结账前数字仍可能变化。",
		"reason_no": "未说明原因",
		"approved":  " 已于 %s 由 %s 审批。",
		"awaiting":  " 待审批：第二人审批结账（salesops approve）后才写出发薪用的奖金 CSV 和 JSON。",
	},
}

// Text is the status in lang; "" for a month that is simply open.
func (s MonthStatus) Text(lang string) string {
	t := statusText[reportLang(lang)]
	switch {
	case s.Closed:
		by := ""
		if s.ClosedBy != "" {
			by = fmt.Sprintf(t["by"], s.ClosedBy)
		}
		var with []string
		if s.Version != "" {
			with = append(with, s.Version)
		} else {
			with = append(with, t["unknown"])
		}
		if s.Fingerprint != "" {
			with = append(with, fmt.Sprintf(t["inputs"], s.Fingerprint))
		}
		text := fmt.Sprintf(t["closed"], closeTime(s.ClosedAt), by, strings.Join(with, ", "))
		switch {
		case s.ApprovedBy != "":
			text += fmt.Sprintf(t["approved"], closeTime(s.ApprovedAt), s.ApprovedBy)
		case s.AwaitingApproval:
			text += t["awaiting"]
		}
		return text
	case s.Reopened:
		reason := s.ReopenReason
		if reason == "" {
			reason = t["reason_no"]
		}
		return fmt.Sprintf(t["reopened"], s.ReopenedAt.Format("2006-01-02 15:04 -07:00"), reason)
	}
	return ""
}

// closeTime shows the record's RFC 3339 time as a date and a time with its
// offset; text it cannot read is shown as it is.
func closeTime(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return t.Format("2006-01-02 15:04 -07:00")
}
