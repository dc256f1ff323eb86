package jobs

import (
	"context"
	"time"
)

// maxMissedListed bounds how many earlier missed periods a catch-up names
// in its log line; an hourly refresh off for a month would otherwise log
// hundreds.
const maxMissedListed = 12

// catchUp queues the catch-up runs found by planCatchUp.
func (s *Scheduler) catchUp(ctx context.Context) {
	for _, req := range s.planCatchUp(ctx, s.clock.Now()) {
		s.q.submit(req)
	}
}

// planCatchUp decides, once at start, which missed runs to make up for.
//
// For each job the slot is the latest fire time at or before now in the
// configured zone. The job is caught up, once, with Trigger catch-up and
// ScheduledAt = that slot, when the history has no schedule or catch-up run
// at or after it; its period is PeriodFor at the slot, so a bonus missed on
// 1 November and caught up on the 3rd is still October's.
//
// Only the latest slot is run. When the machine was off across several
// slots, the earlier ones are logged with their periods for the operator
// to run by hand: replaying an hourly refresh a hundred times is useless,
// and a monthly bonus for an old month deserves a human decision.
//
// A slot whose run was abandoned (its process died), cancelled or refused
// is not done: History does not count it, so that slot is run again. A job
// whose only scheduled runs are such has history, with a zero last time.
//
// A job with no schedule history at all is not caught up unless
// CatchUpWithoutHistory is set (see SchedulerConfig); with SkipCatchUp
// nothing is. A history read that
// fails is logged and that job is not caught up; its schedule still runs.
func (s *Scheduler) planCatchUp(ctx context.Context, now time.Time) []Request {
	var out []Request
	for _, name := range s.names {
		c := s.cron[name]
		log := s.log.With("job", name)
		slot, ok := c.Prev(now)
		if !ok {
			continue
		}
		last, has, err := s.cfg.History.LastScheduled(ctx, name)
		if err != nil {
			log.Error("catch-up skipped: reading the run history", "err", err)
			continue
		}
		if !has {
			if !s.cfg.CatchUpWithoutHistory {
				log.Info("no scheduled run recorded yet: not catching up; run it by hand if the last slot is wanted",
					"last_slot", slot, "period", s.cfg.PeriodFor(name, slot))
				continue
			}
		} else if !last.Before(slot) {
			log.Debug("up to date", "last_scheduled", last, "last_slot", slot)
			continue
		}
		req := Request{Job: name, Period: s.cfg.PeriodFor(name, slot), Trigger: TriggerCatchUp, ScheduledAt: slot}
		if s.cfg.SkipCatchUp {
			log.Warn("missed run not caught up: catch-up is off", "period", req.Period, "scheduled_at", slot)
			continue
		}
		attrs := []any{"period", req.Period, "scheduled_at", slot}
		if has && !last.IsZero() {
			attrs = append(attrs, "last_scheduled", last)
			if earlier := s.earlierMissed(name, last, slot, req.Period); len(earlier) > 0 {
				attrs = append(attrs, "also_missed_periods", earlier)
			}
		}
		log.Warn("missed run: catching up once", attrs...)
		out = append(out, req)
	}
	return out
}

// earlierMissed names the distinct periods of the slots after last and
// before slot that are not the caught-up period itself.
func (s *Scheduler) earlierMissed(job string, last, slot time.Time, caught string) []string {
	seen := map[string]bool{caught: true}
	var out []string
	for _, f := range s.cron[job].Between(last, slot.Add(-time.Nanosecond), 10000) {
		p := s.cfg.PeriodFor(job, f)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
			if len(out) == maxMissedListed {
				break
			}
		}
	}
	return out
}
