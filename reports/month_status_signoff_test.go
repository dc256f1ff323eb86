package reports

import (
	"strings"
	"testing"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/i18n"
)

// A closed month's status says whether its second signature is given or
// still awaited (bonus.require_approval withholds the payroll files), in
// every language, with the approval's time in its recorded offset.
func TestMonthStatusShowsTheApproval(t *testing.T) {
	closed := func(approvedBy, approvedAt string, awaiting bool) bonus.Month {
		return bonus.Month{Period: "2026-10", Closed: true, ClosedAt: "2026-11-02T10:00:00+08:00", AwaitingApproval: awaiting,
			Close: &bonus.CloseInfo{ClosedBy: "fin", Version: "v1", ApprovedBy: approvedBy, ApprovedAt: approvedAt}}
	}
	tests := []struct {
		name, lang string
		m          bonus.Month
		want, not  string
	}{
		{"approved", "en", closed("boss", "2026-11-03T09:30:00+08:00", false), "Approved on 2026-11-03 09:30 +08:00 by boss.", "Awaiting"},
		{"awaiting", "en", closed("", "", true), "Awaiting approval: the bonus CSV and JSON for payroll", "Approved"},
		{"no approval required", "en", closed("", "", false), "Closed on 2026-11-02 10:00 +08:00 by fin", "pprov"},
		{"approved, zh-CN", "zh-CN", closed("boss", "2026-11-03T09:30:00+08:00", false), "已于 2026-11-03 09:30 +08:00 由 boss 审批。", "待审批"},
		{"awaiting, zh-CN", "zh-CN", closed("", "", true), "待审批", "已于 2026-11-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := StatusOf(tt.m).Text(i18n.Lang(tt.lang))
			if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
				t.Errorf("got %q; want %q and not %q", got, tt.want, tt.not)
			}
		})
	}
}
