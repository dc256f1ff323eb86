package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/salesops/salesops/faults"
)

// A bearer token over plain http is readable by anyone on the path, so it
// must be asked for by name (insecure: true), and the error must say which
// source and which key.
func TestHTTPSourceKeys(t *testing.T) {
	tests := []struct {
		name, source, want string // want "": valid
	}{
		{"https with a token", "{name: crm, kind: sales, url: 'https://crm.example.com/d.csv', token_env: T}", ""},
		{"http without a token", "{name: crm, kind: sales, url: 'http://crm.example.com/d.csv'}", ""},
		{"http with a token", "{name: crm, kind: sales, url: 'http://crm.example.com/d.csv', token_env: T}",
			"sources[0] (crm): token_env with an http:// url would send the token in cleartext; use https, or set insecure: true"},
		{"HTTP in capitals with a token", "{name: crm, kind: sales, url: 'HTTP://crm.example.com/d.csv', token_env: T}", "insecure: true"},
		{"http with a token, insecure", "{name: crm, kind: sales, url: 'http://crm.example.com/d.csv', token_env: T, insecure: true}", ""},
		{"optional url", "{name: crm, kind: sales, url: 'https://crm.example.com/d.csv', optional: true}", ""},
		{"optional path", "{name: drop, kind: sales, path: 'drop/*.csv', optional: true}", "sources[0] (drop): insecure and optional apply to a url source"},
		{"insecure path", "{name: drop, kind: sales, path: 'drop/*.csv', insecure: true}", "sources[0] (drop): insecure and optional apply to a url source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte("version: 1\nsources:\n  - "+tt.source+"\n"))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("want valid, got %v", err)
			case tt.want == "":
			case err == nil:
				t.Fatalf("want an error with %q, got none", tt.want)
			case !strings.Contains(err.Error(), tt.want) || !errors.Is(err, faults.ErrUsage):
				t.Fatalf("got %v (usage error: %v); want %q", err, errors.Is(err, faults.ErrUsage), tt.want)
			}
		})
	}
}
