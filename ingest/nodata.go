package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// requiredKinds are the kinds no job can do without: without deals there
// is no money to report, and without the roster every deal belongs to an
// unknown rep, so the bonus pays no one. The other kinds only refine the
// figures (a month without surveys still has sales).
var requiredKinds = []string{"reps", "sales"}

// EmptySource is a drop-folder source whose path matched no file.
type EmptySource struct {
	Source, Kind string
	Path         string // the path or glob, resolved against the configuration's folder
}

// emptySources lists the drop-folder sources that gave no file to jobs,
// in configuration order. An optional URL source that could not be
// fetched is reported as failed, not here.
func emptySources(cfg config.Config, jobs []job) []EmptySource {
	found := map[[2]string]bool{}
	for _, j := range jobs {
		found[[2]string{j.src.Kind, j.src.Path}] = true
	}
	var empty []EmptySource
	for i, src := range cfg.Sources {
		if src.URL != "" || found[[2]string{src.Kind, src.Path}] {
			continue
		}
		name := src.Name
		if name == "" {
			name = fmt.Sprintf("%s#%d", src.Kind, i+1) // as collect names it
		}
		empty = append(empty, EmptySource{Source: name, Kind: src.Kind, Path: shortPath(cfg.Resolve(src.Path))})
	}
	return empty
}

// shortPath is p relative to the working folder when it lies below it:
// drop/sales/*.csv after `salesops init DIR && cd DIR`, as the operator
// would type it.
func shortPath(p string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(p) {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// NoDataError is a batch that would leave a required kind with no rows at
// all: the drop folders of a first run are empty, or hold no export of
// that kind. It is a data condition (exit 3), not a configuration error:
// the configuration may be right and the exports not copied yet.
type NoDataError struct {
	Kinds []string      // the required kinds with no rows anywhere
	Empty []EmptySource // every source without files, the ones to fill
}

func (e *NoDataError) Error() string {
	kinds := strings.Join(e.Kinds, " or ")
	if len(e.Empty) == 0 {
		return fmt.Sprintf("no %s export in this batch and none in the warehouse: check the sources in salesops.yaml", kinds)
	}
	where := make([]string, len(e.Empty))
	for i, s := range e.Empty {
		what := s.Kind
		if s.Source != s.Kind {
			what = s.Source + ": " + s.Kind
		}
		where[i] = fmt.Sprintf("%s (%s)", s.Path, what)
	}
	return fmt.Sprintf("no exports found in %s: copy exports there or adjust sources in salesops.yaml (the warehouse holds no %s yet, and every job needs them)",
		strings.Join(where, ", "), kinds)
}

// Is makes a NoDataError a data failure (exit 3).
func (e *NoDataError) Is(target error) bool { return target == faults.ErrData }

// missingKinds lists the required kinds that would have no rows after
// this batch: no file of that kind in jobs and none in the warehouse. A
// kind no source is configured for is left to the configuration; a
// required kind whose folder is empty while the warehouse holds earlier
// loads is fine (the exports were moved away after loading).
func missingKinds(ctx context.Context, w *warehouse.Warehouse, cfg config.Config, jobs []job) ([]string, error) {
	var missing []string
	for _, kind := range requiredKinds {
		configured := slices.ContainsFunc(cfg.Sources, func(s config.Source) bool { return s.Kind == kind })
		inBatch := slices.ContainsFunc(jobs, func(j job) bool { return j.src.Kind == kind })
		if !configured || inBatch {
			continue
		}
		var has bool
		q := "SELECT EXISTS (SELECT 1 FROM " + ident(specs[kind].table) + ")"
		if err := w.DB.QueryRowContext(ctx, q).Scan(&has); err != nil {
			return nil, fmt.Errorf("checking whether the warehouse holds %s: %w", kind, err)
		}
		if !has {
			missing = append(missing, kind)
		}
	}
	return missing, nil
}
