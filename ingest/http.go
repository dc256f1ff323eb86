package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// SourceError is a url source that could not be fetched: connection
// refused, DNS, timeout, an HTTP error status or a refused redirect. The
// export itself may be fine, so it is not a data failure (exit 3) but
// faults.ErrSource (exit 6).
type SourceError struct {
	Source string
	URL    string // redacted (config.RedactURL): the error ends up in logs and the run history
	Err    error
}

func (e *SourceError) Error() string {
	return fmt.Sprintf("source %s (%s): could not fetch: %v; check the URL/network/token", e.Source, e.URL, e.Err)
}

func (e *SourceError) Unwrap() error { return e.Err }

// Is makes a SourceError a source failure (exit 6).
func (e *SourceError) Is(target error) bool { return target == faults.ErrSource }

// maxRedirects is net/http's own limit, which a CheckRedirect must repeat.
const maxRedirects = 10

// errRedirect marks a redirect the client refuses to follow; retrying
// would meet the same redirect.
var errRedirect = errors.New("redirect refused")

// followRedirect is the client's redirect policy. The bearer token goes
// only to the origin (scheme, host and port) it was configured for, and
// only while every hop stayed there, as curl and Python requests do;
// net/http alone keeps it across ports and schemes of the same host. A
// redirect from https to http is refused: whatever it carries would cross
// the network in cleartext.
func followRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects", errRedirect, maxRedirects)
	}
	prev := via[len(via)-1].URL
	if strings.EqualFold(prev.Scheme, "https") && !strings.EqualFold(req.URL.Scheme, "https") {
		return fmt.Errorf("%w: %s redirected to %s, from https to %s", errRedirect, redact(prev), redact(req.URL), req.URL.Scheme)
	}
	if !sameOrigin(req.URL, via[0].URL) {
		req.Header.Del("Authorization")
	}
	for _, r := range via[1:] {
		if !sameOrigin(r.URL, via[0].URL) {
			req.Header.Del("Authorization")
		}
	}
	return nil
}

// sameOrigin compares scheme, host and port, a missing port being the
// scheme's default.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// redact is a URL as messages show it: its key, if any, replaced.
func redact(u *url.URL) string { return config.RedactURL(u.String()) }

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
	timeout, retries := src.DownloadTimeout(), src.RetryCount()
	backoff := opt.Backoff
	if backoff <= 0 {
		backoff = time.Second
	}
	// A copy, so that the policy holds for any client a caller passes
	// without changing that caller's client.
	client := *opt.HTTP
	client.CheckRedirect = followRedirect
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
		retry, err := fetchOnce(ctx, &client, src.URL, token, timeout, dst)
		if err == nil {
			return dst, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err() // the run was cancelled: not the source's fault
		}
		if le := (*localError)(nil); errors.As(err, &le) {
			return "", fmt.Errorf("source %s: saving the download: %w", src.Name, le.err)
		}
		last = err
		if !retry {
			break
		}
	}
	return "", &SourceError{Source: src.Name, URL: config.RedactURL(src.URL), Err: last}
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
		if errors.Is(err, errRedirect) {
			return false, errors.Unwrap(err) // url.Error would name the URL twice
		}
		if !errors.As(err, &uerr) {
			return true, err
		}
		// url.Error quotes the URL, key and all; SourceError names it
		// redacted, so only the operation and the cause are kept.
		cause := fmt.Errorf("%s: %w", uerr.Op, uerr.Err)
		if strings.Contains(uerr.Err.Error(), "certificate") {
			return false, cause // a TLS failure does not heal by retrying
		}
		return true, cause
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode == 429 || resp.StatusCode >= 500, fmt.Errorf("HTTP %s", resp.Status)
	}
	f, err := os.Create(dst)
	if err != nil {
		return false, &localError{err}
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return true, err
	}
	return false, f.Close()
}

// localError is a failure on this machine (the download folder), which
// no check of the URL, network or token would fix.
type localError struct{ err error }

func (e *localError) Error() string { return e.err.Error() }
func (e *localError) Unwrap() error { return e.err }

func defaultClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Minute, Transport: &http.Transport{
		Proxy: http.ProxyFromEnvironment, TLSHandshakeTimeout: 15 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second, IdleConnTimeout: 90 * time.Second,
	}}
}
