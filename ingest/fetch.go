package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// job is one file of one source to load.
type job struct {
	src  config.Source
	path string // local file to read
	name string // what reports call it: the path, or the URL
}

// collect lists the files of every source in batch order: kinds in
// kindOrder, sources in configuration order, files sorted by path. URLs are
// downloaded into tmp first.
func collect(ctx context.Context, cfg config.Config, opt Options, tmp string) ([]job, error) {
	var jobs []job
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
				if err != nil {
					return nil, err
				}
				jobs = append(jobs, job{src: src, path: p, name: src.URL})
				continue
			}
			paths, err := expand(cfg.Resolve(src.Path))
			if err != nil {
				return nil, fmt.Errorf("source %s: %w", src.Name, err)
			}
			if len(paths) == 0 {
				opt.Log.Warn("no files match the source path", "source", src.Name, "path", src.Path)
			}
			for _, p := range paths {
				jobs = append(jobs, job{src: src, path: p, name: p})
			}
		}
	}
	return jobs, nil
}

// expand turns a file, a folder or a glob into sorted file paths.
func expand(p string) ([]string, error) {
	if st, err := os.Stat(p); err == nil {
		if !st.IsDir() {
			return []string{p}, nil
		}
		p = filepath.Join(p, "*")
	} else if !strings.ContainsAny(p, "*?[") {
		return nil, &FileError{File: p, Reason: "no such file or folder"}
	}
	matches, err := filepath.Glob(p)
	if err != nil {
		return nil, fmt.Errorf("%w: path %q: %v", faults.ErrUsage, p, err)
	}
	var files []string
	for _, m := range matches {
		base := filepath.Base(m)
		if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") {
			continue // hidden files and Excel lock files
		}
		if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
			files = append(files, m)
		}
	}
	sort.Strings(files)
	return files, nil
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

// download fetches an HTTP(S) source to dst, retrying network errors, 429
// and 5xx with exponential backoff. TLS is verified by the default client.
func download(ctx context.Context, src config.Source, opt Options, dst string) (string, error) {
	token := ""
	if src.TokenEnv != "" {
		token = os.Getenv(src.TokenEnv)
		if token == "" {
			return "", fmt.Errorf("%w: source %s: environment variable %s (token_env) is empty or unset", faults.ErrUsage, src.Name, src.TokenEnv)
		}
	}
	timeout := src.Timeout.D()
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	retries := src.Retries
	if retries == 0 {
		retries = 3
	}
	backoff := opt.Backoff
	if backoff <= 0 {
		backoff = time.Second
	}
	var last error
	for attempt := 0; attempt <= retries; attempt++ {
		if attempt > 0 {
			opt.Log.Warn("retrying download", "source", src.Name, "attempt", attempt+1, "err", last)
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-time.After(backoff << (attempt - 1)):
			}
		}
		retry, err := fetchOnce(ctx, opt.HTTP, src.URL, token, timeout, dst)
		if err == nil {
			return dst, nil
		}
		last = err
		if !retry {
			break
		}
	}
	return "", fmt.Errorf("%w: downloading source %s from %s: %v", faults.ErrData, src.Name, src.URL, last)
}

func fetchOnce(ctx context.Context, client *http.Client, u, token string, timeout time.Duration, dst string) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) && strings.Contains(uerr.Error(), "certificate") {
			return false, err // a TLS failure does not heal by retrying
		}
		return true, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode == 429 || resp.StatusCode >= 500, fmt.Errorf("HTTP %s", resp.Status)
	}
	f, err := os.Create(dst)
	if err != nil {
		return false, err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return true, err
	}
	return false, f.Close()
}

func defaultClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Minute, Transport: &http.Transport{
		Proxy: http.ProxyFromEnvironment, TLSHandshakeTimeout: 15 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second, IdleConnTimeout: 90 * time.Second,
	}}
}
