package reports

import (
	"context"
	"math/big"
	"slices"
	"testing"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

func TestTone(t *testing.T) {
	for _, tt := range []struct {
		name        string
		cur, prev   *big.Rat
		pol         polarity
		provisional bool
		arrow, tone string
	}{
		{"cancellations rose: bad", big.NewRat(1411218, 1), big.NewRat(386900, 1), lowerBetter, false, "▲", "bad"},
		{"cycle fell: good", big.NewRat(616, 10), big.NewRat(671, 10), lowerBetter, false, "▼", "good"},
		{"sales rose: good", big.NewRat(2, 1), big.NewRat(1, 1), higherBetter, false, "▲", "good"},
		{"sales fell: bad", big.NewRat(1, 1), big.NewRat(2, 1), higherBetter, false, "▼", "bad"},
		{"provisional fall: neutral", big.NewRat(121, 1000), big.NewRat(286, 1000), higherBetter, true, "▼", "neutral"},
		{"flat", big.NewRat(1, 2), big.NewRat(2, 4), higherBetter, false, "▬", "neutral"},
		{"neutral KPI rose", big.NewRat(3, 1), big.NewRat(1, 1), neutralKPI, false, "▲", "neutral"},
		{"no previous month", big.NewRat(3, 1), nil, higherBetter, false, "", "neutral"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := moveOf(tt.cur, tt.prev)
			if got := d.arrow(); got != tt.arrow {
				t.Errorf("arrow %q, want %q", got, tt.arrow)
			}
			if got := tone(d, tt.pol, tt.provisional); got != tt.tone {
				t.Errorf("tone %q, want %q", got, tt.tone)
			}
		})
	}
}

func TestPctChange(t *testing.T) {
	for _, tt := range []struct {
		name      string
		cur, prev *big.Rat
		want      string
	}{
		{"rise", big.NewRat(1411218, 100), big.NewRat(38690001, 10000), "+264.8%"},
		{"fall", big.NewRat(616, 10), big.NewRat(671, 10), "-8.2%"},
		{"from zero", big.NewRat(5, 1), new(big.Rat), "—"},
		{"zero to zero", new(big.Rat), new(big.Rat), "—"},
		{"missing previous", big.NewRat(5, 1), nil, "—"},
		{"missing current", nil, big.NewRat(5, 1), "—"},
		{"from a negative", big.NewRat(-1, 1), big.NewRat(-2, 1), "+50.0%"},
		{"unchanged", big.NewRat(3, 1), big.NewRat(3, 1), "0.0%"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := pctChange(tt.cur, tt.prev); got != tt.want {
				t.Errorf("pctChange(%v, %v) = %q, want %q", tt.cur, tt.prev, got, tt.want)
			}
		})
	}
}

// TestCohortFunnel: the funnel counts one cohort, so each stage is part of
// the one before. In the hand case the customers first touched in October
// are c2, c5, c6, c7; c2 and c6 were followed up again; c2 won (the
// cancelled deal's won event); none had an after-sales follow-up since.
// Counted per stage on its own base (the KPI file's funnel) it read
// 3 → 3 → 5 → 1.
func TestCohortFunnel(t *testing.T) {
	w := caseWarehouse(t)
	d, err := loadDashData(context.Background(), w.DB, dashOptions(t.TempDir(), "en"))
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, s := range d.Funnel {
		got = append(got, s.Customers)
	}
	if want := []int64{4, 2, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("funnel %v, want %v", got, want)
	}
	stages := []string{"development", "follow_up", "contract", "after_sales"}
	for i, s := range d.Funnel {
		if s.Stage != stages[i] {
			t.Errorf("stage %d is %q, want %q", i, s.Stage, stages[i])
		}
	}
}

// TestHeadlineFrozen: a closed month's headline (pools compared with, audit
// score) comes back from its frozen inputs as it was rendered at the close.
func TestHeadlineFrozen(t *testing.T) {
	ctx := context.Background()
	w := caseWarehouse(t)
	opt := dashOptions(t.TempDir(), "en")
	in, err := LoadMonthInputs(ctx, w.DB, opt)
	if err != nil {
		t.Fatal(err)
	}
	prev := money.Cents(123456)
	in.dash.PrevPool = &prev
	in.dash.Audit = &auditHeadline{Quarter: "2026-Q3", Score: big.NewRat(875, 10), Prev: big.NewRat(90, 1)}
	views, _, err := EncodeMonthInputs(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	back, ok, err := DecodeMonthInputs(nil, opt.Period, views)
	if err != nil || !ok {
		t.Fatalf("decoding: ok %v, %v", ok, err)
	}
	want, _ := headlineCards(in.dash, "en", opt)
	got, _ := headlineCards(back.dash, "en", opt)
	if !slices.Equal(got, want) {
		t.Errorf("frozen headline\n%+v\nwant\n%+v", got, want)
	}
	for _, c := range got {
		if c.Key == "audit_score" && (c.Value != "87.5" || c.Arrow != "▼" || c.Tone != "bad" || c.VsPrev != "-2.8%") {
			t.Errorf("audit card %+v", c)
		}
	}
}

// The month's dashboard shows the audit score of the last quarter only once
// a quarterly audit of that quarter has run, as that audit reported it: the
// monthly job does not build the audit, and a later audit that recomputes
// the quarter (as the one before its own) does not change what its card
// says. The same quarter a year earlier is what its own audit reported.
func TestHeadlineAuditAsReported(t *testing.T) {
	ctx := context.Background()
	w := caseWarehouse(t)
	p, err := period.Parse("2026-10")
	if err != nil {
		t.Fatal(err)
	}
	card := func() *auditHeadline {
		t.Helper()
		d := &dashData{P: p}
		if err := loadHeadline(ctx, w.DB, d); err != nil {
			t.Fatal(err)
		}
		return d.Audit
	}
	score := func(r *big.Rat) string {
		if r == nil {
			return "none"
		}
		return r.FloatString(4)
	}
	record := func(rows string) {
		t.Helper()
		if _, err := w.DB.ExecContext(ctx, `INSERT INTO audit_scores (audit_period, period, check_id, weight, findings, opportunities) VALUES `+rows); err != nil {
			t.Fatal(err)
		}
	}
	if a := card(); a != nil {
		t.Errorf("before any quarterly audit: audit headline %+v, want none", a)
	}
	// The audit of 2026-Q3, with the quarter before. Q3: A1 1 of 4 at
	// weight 1, A4 0 of 2 at weight 2, A6 nothing to check: 100 × (1 −
	// (0.25 + 0) / 3) = 91.6667. Q2: A1 2 of 4 alone: 50.
	record(`('2026-Q3', '2026-Q3', 'A1', 1, 1, 4), ('2026-Q3', '2026-Q3', 'A4', 2, 0, 2), ('2026-Q3', '2026-Q3', 'A6', 1, 0, 0),
		('2026-Q3', '2026-Q2', 'A1', 1, 2, 4)`)
	// A later audit recomputes 2026-Q3 as its quarter before; an audit
	// of 2026-Q2 says other things of it; neither is the card's.
	record(`('2026-Q4', '2026-Q3', 'A1', 1, 4, 4), ('2026-Q2', '2026-Q2', 'A1', 1, 0, 4)`)
	a := card()
	if a == nil || a.Quarter != "2026-Q3" {
		t.Fatalf("after the audit of 2026-Q3: audit headline %+v, want 2026-Q3's", a)
	}
	if got := score(a.Score) + " " + score(a.Prev) + " " + score(a.YearAgo); got != "91.6667 50.0000 none" {
		t.Errorf("score, quarter before, year ago = %s, want 91.6667 50.0000 none", got)
	}
	// The audit of 2025-Q3 ran a year before: 1 of 8 at A5.
	record(`('2025-Q3', '2025-Q3', 'A5', 1, 1, 8), ('2026-Q3', '2025-Q3', 'A5', 1, 8, 8)`)
	if got := score(card().YearAgo); got != "87.5000" {
		t.Errorf("year ago = %s, want 87.5000 (as the audit of 2025-Q3 reported it)", got)
	}
}
