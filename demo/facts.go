package demo

import "strings"

func facts(w *world, plans []*plan) Facts {
	f := Facts{
		Reps:                len(w.reps),
		Customers:           len(w.customers),
		Tickets:             len(w.tickets),
		Followups:           len(w.followups),
		LatestCompleteMonth: w.latest.String(),
		UnknownRep:          w.unknown.id,
		GatedRep:            w.gated.id,
		LeaverRep:           w.leaver.id,
		NewHireRep:          w.newHire.id,
		Clawback:            w.clawback.id,
		SameMonthCancel:     w.sameMonth.id,
		CancelNoDate:        w.cancelNoDay.id,
	}
	for _, d := range w.deals {
		if d.bad == nil {
			f.Deals++
		}
		if d.corrected {
			f.CorrectedDeals = append(f.CorrectedDeals, d.id)
		}
	}
	for _, s := range w.surveys {
		if s.bad == nil {
			f.Surveys++
		}
	}
	for _, c := range w.hostile {
		f.HostileNames = append(f.HostileNames, c.id)
	}
	for _, p := range plans {
		f.BadRows = append(f.BadRows, p.bad...)
		f.Repeats = append(f.Repeats, p.repeats...)
		if strings.Contains(p.file.Path, "/corrections-") {
			f.Corrections = p.file.Path
		}
	}
	return f
}
