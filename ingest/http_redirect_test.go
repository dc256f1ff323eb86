package ingest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// origins is a handful of HTTP(S) origins served on 127.0.0.1 only: the
// client's dialer sends each host:port of the test's URLs to one TLS or
// one plain test server, whose handler tells the origins apart by the Host
// header. The names are those httptest's certificate covers (example.com,
// *.example.com, 127.0.0.1).
type origins struct {
	routes map[string]string // host+path → Location of a redirect
	mu     sync.Mutex
	auth   map[string]string // host+path → Authorization header received
	client *http.Client
}

func newOrigins(t *testing.T, routes map[string]string) *origins {
	t.Helper()
	o := &origins{routes: routes, auth: map[string]string{}}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Host + r.URL.Path
		o.mu.Lock()
		o.auth[key] = r.Header.Get("Authorization")
		o.mu.Unlock()
		if loc, ok := o.routes[key]; ok {
			http.Redirect(w, r, loc, http.StatusFound)
			return
		}
		fmt.Fprint(w, "rep_id,name\nR1,Ann\n")
	})
	tlsSrv := httptest.NewTLSServer(h)
	t.Cleanup(tlsSrv.Close)
	plain := httptest.NewServer(h)
	t.Cleanup(plain.Close)
	dial := map[string]string{
		"example.com:443": tlsSrv.Listener.Addr().String(), "example.com:8443": tlsSrv.Listener.Addr().String(),
		"sub.example.com:443": tlsSrv.Listener.Addr().String(), "127.0.0.1:443": tlsSrv.Listener.Addr().String(),
		"example.com:80": plain.Listener.Addr().String(),
	}
	tr := tlsSrv.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		real, ok := dial[addr]
		if !ok {
			return nil, fmt.Errorf("the test dials no %s", addr)
		}
		return (&net.Dialer{}).DialContext(ctx, network, real)
	}
	o.client = &http.Client{Transport: tr}
	return o
}

func (o *origins) received(key string) (auth string, ok bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	auth, ok = o.auth[key]
	return auth, ok
}

// The bearer token reaches only the origin (scheme, host and port) it was
// configured for, and a redirect from https to http is refused before any
// request is sent there, as a source failure (exit 6), not a data failure.
func TestRedirectsKeepTheTokenToItsOrigin(t *testing.T) {
	tests := []struct {
		name   string
		url    string            // the source's url
		routes map[string]string // redirects
		target string            // host+path the download ends at
		token  bool              // the token must arrive at target
		err    string            // the download must fail with this
	}{
		{"same origin", "https://example.com/start", map[string]string{"example.com/start": "/data"}, "example.com/data", true, ""},
		{"same origin, default port written", "https://example.com/start", map[string]string{"example.com/start": "https://example.com:443/data"}, "example.com:443/data", true, ""},
		{"another port", "https://example.com/start", map[string]string{"example.com/start": "https://example.com:8443/data"}, "example.com:8443/data", false, ""},
		{"a subdomain", "https://example.com/start", map[string]string{"example.com/start": "https://sub.example.com/data"}, "sub.example.com/data", false, ""},
		{"another host", "https://example.com/start", map[string]string{"example.com/start": "https://127.0.0.1/data"}, "127.0.0.1/data", false, ""},
		{"away and back", "https://example.com/start",
			map[string]string{"example.com/start": "https://127.0.0.1/back", "127.0.0.1/back": "https://example.com/data"}, "example.com/data", false, ""},
		{"http to https", "http://example.com/start", map[string]string{"example.com:80/start": "https://example.com/data"}, "example.com/data", false, ""},
		{"https to http", "https://example.com/start", map[string]string{"example.com/start": "http://example.com/data"}, "example.com:80/data", false,
			"redirect refused: https://example.com/start redirected to http://example.com/data, from https to http"},
	}
	t.Setenv("SALESOPS_TEST_TOKEN", "s3cret")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The plain server sees Host example.com:80 written as example.com.
			routes := map[string]string{}
			for k, v := range tt.routes {
				routes[strings.Replace(k, "example.com:80/", "example.com/", 1)] = v
			}
			o := newOrigins(t, routes)
			dir := t.TempDir()
			cfg := testConfig(t, dir, config.Source{Name: "crm", Kind: "reps", URL: tt.url, TokenEnv: "SALESOPS_TEST_TOKEN", Insecure: true, Retries: new(2)})
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			_, err := Ingest(context.Background(), w, cfg, Options{HTTP: o.client, Backoff: 1})
			target := strings.Replace(tt.target, "example.com:80/", "example.com/", 1)
			if tt.err != "" {
				var serr *SourceError
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.As(err, &serr) || faults.ExitCode(err) != faults.ExitSource {
					t.Fatalf("got %v (exit %d); want a source error (exit 6) with %q", err, faults.ExitCode(err), tt.err)
				}
				if _, ok := o.received(target); ok {
					t.Fatalf("%s was requested after a refused redirect", tt.target)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			auth, ok := o.received(target)
			if !ok {
				t.Fatalf("%s was never requested: %v", tt.target, o.auth)
			}
			if got := auth == "Bearer s3cret"; got != tt.token {
				t.Fatalf("Authorization at %s: %q; want the token: %v", tt.target, auth, tt.token)
			}
			if !tt.token {
				for k, a := range o.auth {
					if a != "" && !strings.HasSuffix(k, "/start") {
						t.Errorf("the token reached %s", k)
					}
				}
			}
		})
	}
}
