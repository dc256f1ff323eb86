package cli

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// crashKill is one SIGKILL: delay after phase is seen to start.
type crashKill struct {
	phase string
	delay time.Duration
}

// crashTarget is one trial: a job and its kills, the first of the job and,
// in some trials, one of its rerun too: the recovery of a killed run must
// itself survive a kill.
type crashTarget struct {
	job   int // index into crashJobs
	kills []crashKill
}

func (c crashTarget) String() string {
	var ks []string
	for _, k := range c.kills {
		ks = append(ks, fmt.Sprintf("%s +%v", k.phase, k.delay.Round(time.Millisecond)))
	}
	return crashJobs[c.job].job + " " + strings.Join(ks, ", its rerun in ")
}

// crashPlan spreads n trials over every phase of both jobs, the monthly
// bonus's more than the audit's (the audit's ingest finds nothing new), each
// killed at a uniform moment of the phase as long as the reference's was;
// one trial in four kills the rerun as well, in a random phase.
func crashPlan(rng *rand.Rand, phases [2]map[string]time.Duration, n int) []crashTarget {
	weighted := []struct {
		job   int
		phase string
		n     int
	}{
		{0, "start", 1}, {0, "ingest", 5}, {0, "transform", 4}, {0, "reports", 4},
		{1, "ingest", 1}, {1, "transform", 2}, {1, "reports", 3},
	}
	var cycle []crashTarget
	for _, w := range weighted {
		for range w.n {
			cycle = append(cycle, crashTarget{job: w.job, kills: []crashKill{{phase: w.phase}}})
		}
	}
	at := func(job int, phase string) crashKill {
		return crashKill{phase, time.Duration(rng.Float64() * 0.9 * float64(phases[job][phase]))}
	}
	plan := make([]crashTarget, n)
	for i := range plan {
		c := cycle[i%len(cycle)]
		plan[i] = crashTarget{job: c.job, kills: []crashKill{at(c.job, c.kills[0].phase)}}
		if rng.IntN(4) == 0 {
			plan[i].kills = append(plan[i].kills, at(c.job, []string{"ingest", "transform", "reports"}[rng.IntN(3)]))
		}
	}
	rng.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })
	return plan
}
