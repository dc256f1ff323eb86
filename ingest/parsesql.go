package ingest

import (
	"fmt"
	"strings"
)

// parsedSQL creates _pt, the one typed copy of the file, in one pass over
// the staged relation (the reader's stream, or the Parquet file): each cell
// is trimmed once, mapped once and parsed once, and the row is marked
// _cand when some rule may reject it (see checks). To keep the copy small
// (ten million rows must fit the memory limit), a text field keeps its
// text only, a typed field keeps its value and, on candidate rows only,
// its text for the reject; fields the file lacks are not stored.
func (p plan) parsedSQL(from string) string {
	const line = "_line, "
	var trims, blank []string
	for i := range p.cm.headers {
		trims = append(trims, fmt.Sprintf("so_trim(c%d) AS t%d", i, i))
		blank = append(blank, fmt.Sprintf("t%d", i))
	}
	blank = append(blank, "_err")
	var raws, vals, stored []string
	for _, f := range p.spec.fields {
		_, mapped := p.cm.col[f.name]
		raws = append(raws, fmt.Sprintf("%s AS r_%s", p.cm.rawOf(f.name, p.src), f.name))
		if f.typ == tText {
			vals = append(vals, fmt.Sprintf("r_%[1]s AS v_%[1]s", f.name))
			if mapped {
				stored = append(stored, "r_"+f.name)
			}
			continue
		}
		vals = append(vals, fmt.Sprintf("%s AS v_%s", p.value(f, "r_"+f.name), f.name))
		if mapped {
			stored = append(stored, fmt.Sprintf("CASE WHEN _cand THEN r_%[1]s END AS r_%[1]s", f.name), "v_"+f.name)
		}
	}
	q := fmt.Sprintf("SELECT %[1]s_err, coalesce(%[2]s) IS NULL AS _blank, %[3]s FROM (SELECT %[1]s_err, %[4]s FROM %[5]s)",
		line, strings.Join(blank, ", "), strings.Join(raws, ", "), strings.Join(trims, ", "), from)
	q = fmt.Sprintf("SELECT *, %s FROM (%s)", strings.Join(vals, ", "), q)
	if extra := p.derived(); len(extra) > 0 {
		q = fmt.Sprintf("SELECT *, %s FROM (%s)", strings.Join(extra, ", "), q)
	}
	_, pre := p.checks()
	q = fmt.Sprintf("SELECT *, %s AS _cand FROM (%s)", strings.Join(pre, " OR "), q)
	if p.spec.name == "followups" {
		stored = append(stored, "k_followup_id")
	}
	return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE _pt AS SELECT %s_err, _blank, _cand, %s FROM (%s)", line, strings.Join(stored, ", "), q)
}

// derived are the columns computed from the values: the key of a follow-up
// without an id, and a deal's currency and fx month.
func (p plan) derived() []string {
	switch p.spec.name {
	case "followups":
		// A follow-up without an id gets one from its content, so the same
		// record exported again maps to the same key.
		parts := []string{}
		for _, f := range p.spec.fields[1:] {
			parts = append(parts, fmt.Sprintf("coalesce(CAST(v_%s AS VARCHAR), '')", f.name))
		}
		return []string{fmt.Sprintf("coalesce(v_followup_id, 'F-' || left(md5(concat_ws(chr(31), %s)), 16)) AS k_followup_id", strings.Join(parts, ", "))}
	case "sales":
		cur := lit(p.base())
		if p.src.Currency != "" {
			cur = lit(p.src.Currency)
		}
		return []string{fmt.Sprintf("coalesce(v_currency, %s) AS _cur", cur),
			"strftime(coalesce(v_close_date, v_created_date), '%Y-%m') AS _fxmonth"}
	}
	return nil
}

// parsedViewSQL exposes _pt as _parsed: per field its raw text r_<f> (for
// a typed field, on candidate rows only) and value v_<f>, the physical
// line the reader gave the row, without rows whose every cell is empty.
// (Never a row's position in _pt: DuckDB reads and inserts in parallel,
// and the order of rows is not the order of the file.)
func (p plan) parsedViewSQL() string {
	cols := []string{"_err", "_cand", "_line"}
	for _, f := range p.spec.fields {
		r, v := "r_"+f.name, "v_"+f.name
		if _, ok := p.cm.col[f.name]; !ok {
			r, v = "CAST(NULL AS VARCHAR)", p.value(f, "CAST(NULL AS VARCHAR)")
		} else if f.typ == tText {
			v = r
		}
		cols = append(cols, r+" AS r_"+f.name, v+" AS v_"+f.name)
	}
	q := fmt.Sprintf("SELECT %s FROM _pt WHERE NOT _blank", strings.Join(cols, ", "))
	if extra := p.derived(); p.spec.name == "sales" {
		q = fmt.Sprintf("SELECT *, %s FROM (%s)", strings.Join(extra, ", "), q)
	} else if p.spec.name == "followups" {
		q = strings.Replace(q, " FROM _pt", ", k_followup_id FROM _pt", 1)
	}
	return "CREATE OR REPLACE TEMP VIEW _parsed AS " + q
}
