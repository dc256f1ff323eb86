package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/salesops/salesops/config"
)

// job is one file of one source to load.
type job struct {
	src  config.Source
	path string // local file to read
	root string // the folder the file must stay in (follow_symlinks); "" for none
	name string // what reports call it: the path, or the URL
}

// collect lists the files of every source in batch order: kinds in
// kindOrder, sources in configuration order, files sorted by path. URLs are
// downloaded into tmp first; the optional ones that cannot be fetched are
// returned as failed instead.
func collect(ctx context.Context, cfg config.Config, opt Options, tmp string) (jobs []job, failed []SourceFailure, err error) {
	for _, kind := range kindOrder {
		for i, src := range cfg.Sources {
			if src.Kind != kind {
				continue
			}
			if src.Name == "" {
				src.Name = fmt.Sprintf("%s#%d", src.Kind, i+1)
			}
			if src.URL != "" {
				p, err := download(ctx, src, opt, filepath.Join(tmp, fmt.Sprintf("%d-%s", i, safeName(src.URL))))
				shown := config.RedactURL(src.URL) // as reports, rejects and logs name it
				if serr := (*SourceError)(nil); src.Optional && errors.As(err, &serr) {
					opt.Log.Warn("optional source could not be fetched; the run goes on with what the warehouse already holds from it",
						"source", src.Name, "url", shown, "err", serr.Err)
					failed = append(failed, SourceFailure{Source: src.Name, Kind: src.Kind, URL: shown, Error: serr.Error()})
					continue
				}
				if err != nil {
					return nil, nil, err
				}
				jobs = append(jobs, job{src: src, path: p, name: shown})
				continue
			}
			paths, _, err := sourceFiles(cfg.Resolve(src.Path), src) // what is not read: notReadEntries
			if err != nil {
				return nil, nil, fmt.Errorf("source %s: %w", src.Name, err)
			}
			if len(paths) == 0 {
				// The report says it to the operator (Report.Empty); this
				// line is for tracing a run.
				opt.Log.Debug("no files match the source path", "source", src.Name, "path", src.Path)
			}
			root := sourceRoot(cfg.Resolve(src.Path))
			for _, p := range paths {
				jobs = append(jobs, job{src: src, path: p, root: root, name: p})
			}
		}
	}
	return jobs, failed, nil
}

func safeName(u string) string {
	pu, err := url.Parse(u)
	base := "export"
	if err == nil && path.Base(pu.Path) != "/" && path.Base(pu.Path) != "." {
		base = path.Base(pu.Path)
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' {
			return '_'
		}
		return r
	}, base)
}
