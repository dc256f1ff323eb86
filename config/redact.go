package config

import (
	"net/url"
	"strings"
)

// redacted stands in for whatever a source URL could carry as a secret.
const redacted = "REDACTED"

// RedactURL is a source URL as salesops shows or records it (errors, logs,
// the run history, reports' data-quality notes): the user info
// (user:pass@) and every query value are replaced, since an export
// endpoint often takes its key there rather than in a header; query names
// stay, so the operator can still tell which URL it was, and the fragment,
// never sent to the server, goes. This is the one place that decides it.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return redactUnparsed(raw)
	}
	if u.User != nil {
		u.User = url.User(redacted)
	}
	u.Fragment, u.RawFragment = "", ""
	u.ForceQuery = false
	if u.RawQuery != "" {
		parts := strings.Split(u.RawQuery, "&")
		for i, p := range parts {
			name, _, hasValue := strings.Cut(p, "=")
			if hasValue {
				parts[i] = name + "=" + redacted
			} else if p != "" {
				parts[i] = redacted // a bare word may be the key itself
			}
		}
		u.RawQuery = strings.Join(parts, "&")
	}
	return u.String()
}

// redactUnparsed keeps only what comes before any user info, query or
// fragment of text url.Parse refused, which may still hold a key.
func redactUnparsed(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		scheme, rest = "", raw
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i] + "?" + redacted
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 && !strings.ContainsAny(rest[:i], "/?") {
		rest = redacted + rest[i:]
	}
	if ok {
		return scheme + "://" + rest
	}
	return rest
}
