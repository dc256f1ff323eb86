package jobs

import "github.com/salesops/salesops/bonus"

// ClosedError refuses to change a closed month (exit 5); the bonus package
// owns the close, jobs only runs it.
type ClosedError = bonus.ClosedError
