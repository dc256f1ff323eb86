package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// RespondAudit records an ack or waiver of an audit finding under the
// warehouse lock, as any writer, and in the run history (job "audit-ack" or
// "audit-waive"). The report shows it from the next transform on; an
// unknown finding id is a usage error.
func (r *Runner) RespondAudit(ctx context.Context, resp warehouse.AuditResponse) (Outcome, error) {
	return r.withJob(ctx, Request{Job: "audit-" + resp.Action}, func(ctx context.Context, j *job) error {
		j.detail["finding"], j.detail["by"], j.detail["note"] = resp.FindingID, resp.By, resp.Note
		resp.At, resp.RunID = time.Now(), j.runID
		p, err := j.w.RecordAuditResponse(ctx, resp)
		if errors.Is(err, warehouse.ErrNoFinding) {
			return fmt.Errorf("%w: %w", faults.ErrUsage, err)
		}
		j.out.Period = p
		return err
	})
}
