package reports

import "github.com/salesops/salesops/i18n"

// The data's own words that a report shows in its reader's language: the
// reserved rep ids' names, export kinds, warning codes and the reasons
// ingest stored in English. Everything else the data says is shown as it
// is; the machine-readable files (CSV, JSON) keep the stored words.

// repLabel is the name shown for rep id: the catalog's label for the
// reserved ids of rep_dim.sql ("unknown", "unattributed"), else name.
func repLabel(lang i18n.Lang, id, name string) string {
	if i18n.Has("rep." + id) {
		return lang.T("rep." + id)
	}
	return name
}

// nameReservedReps gives the reserved reps of d's rows their label in
// lang, once, so every table, chart and drill of the dashboard says it.
func nameReservedReps(lang i18n.Lang, d *dashData) {
	for _, rows := range [][]KPIRow{d.Cur, d.Prev, d.YearAgo, d.Base} {
		for i := range rows {
			if rows[i].Level == "rep" {
				rows[i].Name = repLabel(lang, rows[i].Key, rows[i].Name)
			}
		}
	}
	for i := range d.AtRisk {
		d.AtRisk[i].RepName = repLabel(lang, d.AtRisk[i].RepID, d.AtRisk[i].RepName)
	}
}

// problemText is a data-quality note's "kind: reason" (a reject) or
// "kind: code" (a warning) in lang.
func problemText(lang i18n.Lang, key, detail string) string {
	kind, what, ok := cutColon(detail)
	if !ok {
		return detail
	}
	switch key {
	case "dq.rejects":
		what = lang.Reason(what)
	case "dq.warnings":
		what = lang.Term("warn", what)
	default:
		return detail
	}
	return lang.Term("data.kind", kind) + lang.T("punct.colon") + what
}

func cutColon(s string) (before, after string, ok bool) {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == ':' && s[i+1] == ' ' {
			return s[:i], s[i+2:], true
		}
	}
	return s, "", false
}
