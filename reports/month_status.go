package reports

import (
	"strings"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/i18n"
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

// Text is the status in lang; "" for a month that is simply open.
func (s MonthStatus) Text(lang i18n.Lang) string {
	switch {
	case s.Closed:
		by := ""
		if s.ClosedBy != "" {
			by = lang.T("status.by", s.ClosedBy)
		}
		var with []string
		if s.Version != "" {
			with = append(with, s.Version)
		} else {
			with = append(with, lang.T("status.unknown"))
		}
		if s.Fingerprint != "" {
			with = append(with, lang.T("status.inputs", s.Fingerprint))
		}
		text := lang.T("status.closed", closeTime(s.ClosedAt), by, strings.Join(with, ", "))
		switch {
		case s.ApprovedBy != "":
			text += lang.T("status.approved", closeTime(s.ApprovedAt), s.ApprovedBy)
		case s.AwaitingApproval:
			text += lang.T("status.awaiting")
		}
		return text
	case s.Reopened:
		reason := s.ReopenReason
		if reason == "" {
			reason = lang.T("status.reason_no")
		}
		return lang.T("status.reopened", s.ReopenedAt.Format("2006-01-02 15:04 -07:00"), reason)
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
