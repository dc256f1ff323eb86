package i18n

import (
	"regexp"
	"sort"
	"strings"
)

// Reject reasons and warning messages are stored in English (the rejects
// and ingest_warnings tables), and are translated when a report shows
// them. Storing a code instead would change the warehouse schema, both
// load paths and every warehouse already written, and the English text is
// what the CLI prints; reading the text back against the catalog's own
// templates changes none of that and works on old warehouses too.

// reasonPattern matches one stored English reason and gives its values.
type reasonPattern struct {
	key      string
	re, full *regexp.Regexp // at the start of a text; the whole text
}

// reasonPatterns: every "reason." template, longest first so that "not a
// date and time" wins over "not a date" where both would match.
var reasonPatterns = func() []reasonPattern {
	var out []reasonPattern
	for k, v := range catalog {
		if strings.HasPrefix(k, "reason.") {
			parts := strings.Split(v[0], "%s")
			for i, p := range parts {
				parts[i] = regexp.QuoteMeta(p)
			}
			expr := strings.Join(parts, "(.+?)")
			out = append(out, reasonPattern{k, regexp.MustCompile("^" + expr), regexp.MustCompile("^" + expr + "$")})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := catalog[out[i].key][0], catalog[out[j].key][0]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return out[i].key < out[j].key
	})
	return out
}()

// Reason is a stored reject reason or warning message in l; a text the
// catalog does not know (a reason from a newer ingest, a driver's error)
// is shown as it is.
func (l Lang) Reason(stored string) string {
	if l != ZhCN {
		return stored
	}
	for _, p := range reasonPatterns {
		if m := p.full.FindStringSubmatch(stored); m != nil {
			return l.T(p.key, strs(m[1:])...)
		}
	}
	return stored
}

// Reasons translates every known reason within a longer text, such as an
// audit finding's "col "value": reason; col: reason". A reason is
// recognised only after ": " and before "; " or the end, which is how
// such texts join them.
func (l Lang) Reasons(text string) string {
	if l != ZhCN {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, ": ")
		if i < 0 {
			break
		}
		b.WriteString(text[:i+2])
		text = text[i+2:]
		for _, p := range reasonPatterns {
			if m := p.re.FindStringIndex(text); m != nil {
				if e := reasonEnd(text, p, m[1]); e >= 0 {
					b.WriteString(l.Reason(text[:e]))
					text = text[e:]
					break
				}
			}
		}
	}
	b.WriteString(text)
	return b.String()
}

// reasonEnd is where the reason p at the start of text ends: the first
// "; " or the end of text from its shortest match on at which the whole of
// it still matches p; -1 when there is none.
func reasonEnd(text string, p reasonPattern, from int) int {
	for e := from; e <= len(text); e++ {
		if (e == len(text) || strings.HasPrefix(text[e:], "; ")) && p.full.MatchString(text[:e]) {
			return e
		}
	}
	return -1
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
