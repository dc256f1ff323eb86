package ingest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const (
	followupsHeader = "followup_id,customer_id,rep_id,followup_at,channel,stage,content,result,next_followup_date\n"
	ticketsHeader   = "ticket_id,customer_id,rep_id,kind,opened_at,resolved_at\n"
)

// Follow-ups and tickets carry timestamps: each case is loaded both ways
// (tables, rejects, warnings and file records must be the same); want says
// whether the plain path keeps the file. A timestamp in a form the plain
// path does not read (a zone, a fraction, a one-digit hour, another
// separator) or that no clock has sends the file to the general path,
// which converts or rejects it.
func TestPlainTimestampsMatchGeneral(t *testing.T) {
	fu := func(rows ...string) string {
		s := followupsHeader
		for _, r := range rows {
			s += r + "\n"
		}
		return s
	}
	tk := func(rows ...string) string {
		s := ticketsHeader
		for _, r := range rows {
			s += r + "\n"
		}
		return s
	}
	cases := []struct {
		name, kind, body string
		want             bool
	}{
		{"seconds, minutes, a T, a date alone", "followups", fu(
			"F1,C1,R1,2026-10-03 10:44:30,email,development,called,ok,2026-10-19",
			"F2,C1,R1,2026-10-03T10:44:30,visit,follow_up,,,",
			"F3,C2,R2,2026-10-03 10:44,call,contract,,,",
			"F4,C2,R2,2026-10-03T00:00,,,,,",
			"F5,C2,R2,2026-10-03,,,,,"), true},
		{"the edges of the clock and the calendar", "followups", fu(
			"F1,C1,R1,2024-02-29 23:59:59,,,,,",
			"F2,C1,R1,1000-01-01 00:00:00,,,,,",
			"F3,C1,R1,9999-12-31 23:59:59,,,,,",
			"F4,C1,R1,1970-01-01 00:00:00,,,,,",
			"F5,C1,R1,1969-12-31 23:59:59,,,,,"), true},
		{"words in other spellings", "followups", fu(
			"F1,C1,R1,2026-10-03 10:00:00,Phone,Follow-Up,,,",
			"F2,C1,R1,2026-10-03 10:00:00,电话,回访,,,"), true},
		{"repeated ids: the later line wins", "followups", fu(
			"F1,C1,R1,2026-10-03 10:00:00,,,a,,",
			"F1,C1,R1,2026-10-04 10:00:00,,,b,,"), true},
		{"follow-ups without an id get one from their content", "followups", fu(
			",C1,R1,2026-10-03 10:00:00,email,,a,,2026-10-05",
			",C1,R1,2026-10-03 10:00:00,email,,a,,2026-10-05",
			",C1,R1,2026-10-03T10:00,email,,b,,",
			"F-1,C1,R1,2026-10-03 10:00:00,,,,,"), true},
		{"no id column", "followups", "customer_id,rep_id,followup_at,content\nC1,R1,2026-10-03 10:00:00,a\nC1,R1,2026-10-03 10:00:00,a\nC2,R1,2026-10-03,\n", true},
		{"a zone", "followups", fu("F1,C1,R1,2026-10-03 10:00:00,,,,,", "F2,C1,R1,2026-10-03T10:00:00Z,,,,,"), false},
		{"an offset", "followups", fu("F1,C1,R1,2026-10-03 10:00:00+08:00,,,,,"), false},
		{"a fraction of a second", "followups", fu("F1,C1,R1,2026-10-03 10:00:00.5,,,,,"), false},
		{"a one-digit hour", "followups", fu("F1,C1,R1,2026-10-03 9:05,,,,,"), false},
		{"slashes", "followups", fu("F1,C1,R1,2026/10/03 10:00:00,,,,,"), false},
		{"two spaces", "followups", fu("F1,C1,R1,2026-10-03  10:00:00,,,,,"), false},
		{"a T and nothing after it", "followups", fu("F1,C1,R1,2026-10-03T,,,,,"), false},
		{"no such day", "followups", fu("F1,C1,R1,2026-02-29 10:00:00,,,,,"), false},
		{"hour 24", "followups", fu("F1,C1,R1,2026-10-03 24:00:00,,,,,"), false},
		{"minute 60", "followups", fu("F1,C1,R1,2026-10-03 10:60,,,,,"), false},
		{"second 60", "followups", fu("F1,C1,R1,2026-10-03 10:00:60,,,,,"), false},
		{"not a time", "followups", fu("F1,C1,R1,yesterday,,,,,"), false},
		{"a missing time", "followups", fu("F1,C1,R1,,,,,,"), false},
		{"a space around it", "followups", fu("F1,C1,R1, 2026-10-03 10:00:00,,,,,"), false},
		{"a bad next date", "followups", fu("F1,C1,R1,2026-10-03 10:00:00,,,,,2026-02-30"), false},
		{"an unknown channel", "followups", fu("F1,C1,R1,2026-10-03 10:00:00,pigeon,,,,"), false},
		{"tickets", "tickets", tk(
			"T1,C1,R1,complaint,2026-10-03 10:00:00,2026-10-04 09:30:00",
			"T2,C2,,投诉,2026-10-03T08:00,",
			"T3,C2,R2,,2026-10-05,2026-10-05"), true},
		{"a ticket without an opening time", "tickets", tk("T1,C1,R1,complaint,,2026-10-04 09:30:00"), false},
		{"a ticket resolved at no time", "tickets", tk("T1,C1,R1,complaint,2026-10-03 10:00:00,2026-10-03 25:00:00"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plain, left := loadBoth(t, c.kind, map[string]string{"a.csv": c.body})
			if got := plain == 1; got != c.want {
				t.Errorf("plain path kept the file: %v, want %v (left it %d times)", got, c.want, left)
			}
		})
	}
}

// plainTimestamp gives what the reference parser gives, in every form it
// accepts, and accepts none of the forms the plain path leaves to SQL.
func TestPlainTimestampMatchesReference(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		s  string
		ok bool
	}{
		{"2026-10-03 10:44:30", true}, {"2026-10-03T10:44:30", true}, {"2026-10-03 10:44", true}, {"2026-10-03T10:44", true},
		{"2026-10-03", true}, {"2024-02-29 23:59:59", true}, {"1000-01-01 00:00:00", true}, {"9999-12-31 23:59:59", true},
		{"1969-12-31 23:59:59", true},
		{"2026-10-03 10:44:30Z", false}, {"2026-10-03 10:44:30+08", false}, {"2026-10-03 10:44:30.1", false},
		{"2026-10-03 9:44", false}, {"2026-10-03T", false}, {"2026-10-03 ", false}, {"2026-10-03  10:44", false},
		{"2026-02-29 10:00", false}, {"2026-10-03 24:00", false}, {"2026-10-03 10:60", false}, {"2026-10-03 10:00:60", false},
		{"0999-01-01 10:00", false}, {"2026/10/03 10:00", false}, {"20261003", false}, {"2026-10-03 10:4", false},
		{"2026-10-03x10:44", false}, {"2026-10-03 10-44", false}, {"", false},
	} {
		us, ok := plainTimestamp([]byte(c.s))
		if ok != c.ok {
			t.Errorf("plainTimestamp(%q) ok = %v, want %v", c.s, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		want, err := ParseTimestamp(c.s, "", sh)
		if err != nil {
			t.Errorf("plainTimestamp(%q) accepted what ParseTimestamp refuses: %v", c.s, err)
			continue
		}
		if got := time.UnixMicro(us).UTC(); !got.Equal(want) {
			t.Errorf("plainTimestamp(%q) = %s, ParseTimestamp %s", c.s, got, want)
		}
	}
}

// Random follow-up files, mostly plain, with now and then a timestamp in
// another form or none, a row without an id, a repeated id or a blank
// record, loaded both ways.
func TestPlainFollowupsMatchGeneralRandom(t *testing.T) {
	seeds := 30
	if testing.Short() {
		seeds = 8
	}
	loadRandomBoth(t, "followups", seeds, 11, func(r *rand.Rand) string {
		var b strings.Builder
		b.WriteString(followupsHeader)
		for i := range 20 + r.IntN(200) {
			if r.IntN(300) == 0 {
				b.WriteString(",,,,,,,,\n")
				continue
			}
			id := fmt.Sprintf("F%d", i)
			switch r.IntN(60) {
			case 0:
				id = fmt.Sprintf("F%d", r.IntN(i+1))
			case 1:
				id = ""
			}
			at := rarely(r, 400, []string{"2026-10-03 10:44:30", "2026-10-03T08:00", "2024-02-29 23:59:59", "2026-10-03", "1000-01-01 00:00:00"},
				[]string{"", "2026-10-03 10:44:30Z", "2026-10-03 10:44:30+08:00", "2026-10-03 9:05", "2026/10/03 10:00", "2026-02-30 10:00:00", "2026-10-03 24:00:00", "2026-10-03 10:00:00.250"})
			channel := rarely(r, 400, []string{"", "email", "Visit", "电话"}, []string{"pigeon"})
			next := rarely(r, 400, []string{"", "2026-10-19"}, []string{"2026/10/19", "2026-02-30"})
			fmt.Fprintf(&b, "%s,C%d,R%d,%s,%s,,note %d,,%s\n", id, r.IntN(5), r.IntN(3), at, channel, r.IntN(3), next)
		}
		return b.String()
	})
}
