// Package i18n is the one catalog of the words salesops writes for people:
// every report, sheet name, chart title, summary and reject reason, in
// English and Simplified Chinese (configuration "language"). Data (names,
// ids, notes) is never translated; only the product's own words are.
//
// It sits at the bottom of the import graph, beside money and period, so
// that reports, jobs, ingest and the CLI all say a thing the same way.
package i18n

import (
	"fmt"
	"sort"
)

// Lang is a report language, named by its BCP 47 tag as the configuration,
// HTML's lang attribute and Intl name it.
type Lang string

const (
	EN   Lang = "en"    // English
	ZhCN Lang = "zh-CN" // Simplified Chinese
)

// Parse is the language the configuration names; config validation has
// already refused anything but "en" and "zh-CN", so the rest (and "") is
// English, as the reports have always read it.
func Parse(s string) Lang {
	if Lang(s) == ZhCN {
		return ZhCN
	}
	return EN
}

// Known is the language tagged s, and false for a tag it does not know,
// for the callers that refuse one (config validation, the audit writer).
func Known(s string) (Lang, bool) {
	switch l := Lang(s); l {
	case EN, ZhCN:
		return l, true
	}
	return EN, false
}

// String is the BCP 47 tag.
func (l Lang) String() string { return string(l) }

// MissingMark opens the text T returns for a key the catalog lacks: it
// shows a gap as a readable key in a report instead of an empty cell, and
// tests search rendered reports for it.
const MissingMark = "⟦"

// T is the text of key in l (English for a language it does not know),
// formatted with args (fmt verbs) when there are any; without args the
// text is returned as it is, so a text holding a literal % needs no
// escaping.
func (l Lang) T(key string, args ...any) string {
	e, ok := catalog[key]
	if !ok {
		return MissingMark + key + "⟧"
	}
	s := e[0]
	if l == ZhCN {
		s = e[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Term is the text of group.id in l, or id itself when the catalog has no
// such key: a value of the data it does not know (a kind, a code, a rep
// id) is shown as the data says it.
func (l Lang) Term(group, id string) string {
	if Has(group + "." + id) {
		return l.T(group + "." + id)
	}
	return id
}

// Has says whether key is in the catalog, for callers that must refuse to
// ship a gap (the finance workbook fails rather than print a marker).
func Has(key string) bool {
	_, ok := catalog[key]
	return ok
}

// Labels is every text of l by key, for templates ({{index .L "key"}}).
func (l Lang) Labels() map[string]string {
	out := make(map[string]string, len(catalog))
	for k := range catalog {
		out[k] = l.T(k)
	}
	return out
}

// Keys is every key of the catalog, sorted.
func Keys() []string {
	keys := make([]string, 0, len(catalog))
	for k := range catalog {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// catalog is every text by key: {English, Chinese}. The parts live in files by
// concern; a key defined in two parts is a programming error caught by
// the first test that loads the package.
var catalog = merge(reportsText, auditText, workbookText, modelText, dataText, cliText)

func merge(parts ...map[string][2]string) map[string][2]string {
	out := map[string][2]string{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("i18n: key " + k + " is defined twice")
			}
			out[k] = v
		}
	}
	return out
}
