package jobs

import (
	"context"
	"time"
)

// A job rebuilds its models in one transaction, so the replaced versions
// stay in the file until it commits, and the new ones are written past
// them: the file grows by what the job rewrote, and its free blocks only
// serve the next job. That is bounded (the next job reuses them), so a
// job compacts only when more than half the file is free — a warehouse
// that shed a large table, or grew for a reason the next run will not
// undo — because a compaction rewrites every live block: 35 to 55 s at M
// (1M deals) on two busy cores, as long as the incremental day it would
// follow (docs/operations.md, "Compacting the warehouse").
const compactWhenFreeOver = 0.5

// compactIfSparse compacts the warehouse at the end of a successful job,
// under the job's lock, when free blocks exceed compactWhenFreeOver of
// the file. It closes j.w when it compacts. A failure is logged and left:
// the job's outputs are written, and the old file is whole.
func (j *job) compactIfSparse(ctx context.Context) {
	total, free, err := j.w.Space(ctx)
	if err != nil {
		j.log.Warn("warehouse not measured for compaction", "err", err)
		return
	}
	if total == 0 || float64(free) <= compactWhenFreeOver*float64(total) {
		return
	}
	t0 := time.Now()
	j.log.Info("compacting the warehouse", "blocks", total, "free_blocks", free)
	res, err := compact(ctx, j.w, j.Config.WarehousePath(), j.log)
	if err != nil {
		j.log.Warn("warehouse not compacted", "err", err)
		return
	}
	j.log.Info("warehouse compacted after the run", "before", res.Before, "after", res.After, "took", time.Since(t0).Round(time.Millisecond))
}
