// Package jobs owns the jobs of cli.md (refresh, monthly-bonus,
// quarterly-audit) and the month close: each run takes the warehouse lock,
// records itself in the run history, ingests, transforms and writes its
// reports; the scheduler starts runs on cron with catch-up, retries and a
// graceful stop. It is the one package that wires ingest, transform and
// reports together.
package jobs
