package cli

import (
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/jobs"
)

// ingestStep is the ingest of a job run.
func (a *app) ingestStep(cfg config.Config) jobs.IngestFunc { return nil }
