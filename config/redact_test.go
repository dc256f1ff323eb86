package config

import (
	"strings"
	"testing"
)

// TestRedactURL: a key in a source URL's query or user info must never
// reach a message, log or report; what identifies the URL stays.
func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://crm.example.com/export/deals.csv", "https://crm.example.com/export/deals.csv"},
		{"https://crm.example.com/deals.csv?api_key=s3cret&page=2", "https://crm.example.com/deals.csv?api_key=REDACTED&page=REDACTED"},
		{"https://crm.example.com/deals.csv?s3cret", "https://crm.example.com/deals.csv?REDACTED"},
		{"https://crm.example.com/deals.csv?key=", "https://crm.example.com/deals.csv?key=REDACTED"},
		{"https://bob:s3cret@crm.example.com:8443/deals.csv", "https://REDACTED@crm.example.com:8443/deals.csv"},
		{"https://s3cret@crm.example.com/deals.csv#s3cret", "https://REDACTED@crm.example.com/deals.csv"},
		{"http://[::1]:8080/d.csv?token=s3cret", "http://[::1]:8080/d.csv?token=REDACTED"},
		{"https://crm.example.com/d.csv?token=a%20s3cret&x=1;y=s3cret", "https://crm.example.com/d.csv?token=REDACTED&x=REDACTED"},
		// url.Parse refuses these (a bad escape, a control character).
		{"https://bob:s3cret@crm.example.com/%zz?key=s3cret", "https://REDACTED@crm.example.com/%zz?REDACTED"},
		{"https://crm.example.com/d\x7f.csv?key=s3cret", "https://crm.example.com/d\x7f.csv?REDACTED"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := RedactURL(tt.in)
			if got != tt.want {
				t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.Contains(got, "s3cret") {
				t.Errorf("RedactURL(%q) = %q keeps the secret", tt.in, got)
			}
		})
	}
}
