package ingest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// columnMap says which staged column (c0, c1, ...) holds each field.
type columnMap struct {
	headers []string       // as written in the file
	col     map[string]int // field → column index
}

// resolveColumns matches headers to fields: the source's columns mapping
// first, then the field name and the aliases of exports.md.
func resolveColumns(file string, spec kindSpec, headers []string, src config.Source) (columnMap, error) {
	cm := columnMap{headers: headers, col: map[string]int{}}
	configured := map[string]string{}
	for h, f := range src.Columns {
		if _, ok := spec.field(f); !ok {
			return cm, fmt.Errorf("%w: source %s: columns maps %q to %q, which is not a field of kind %s", faults.ErrUsage, src.Name, h, f, spec.name)
		}
		configured[normHeader(h)] = f
	}
	known := map[string]string{}
	for _, f := range spec.fields {
		known[normHeader(f.name)] = f.name
		for _, a := range f.aliases {
			if _, dup := known[normHeader(a)]; !dup {
				known[normHeader(a)] = f.name
			}
		}
	}
	// Configured headers win over aliases, so a pass per priority.
	for _, table := range []map[string]string{configured, known} {
		for i, h := range headers {
			f, ok := table[normHeader(h)]
			if !ok || taken(cm.col, i) {
				continue
			}
			if _, dup := cm.col[f]; !dup {
				cm.col[f] = i
			}
		}
	}
	var missing []string
	for _, f := range spec.fields {
		if _, ok := cm.col[f.name]; !ok && (f.required || f.column) {
			missing = append(missing, fmt.Sprintf("%s (%s)", f.name, strings.Join(f.aliases, ", ")))
		}
	}
	if len(missing) > 0 {
		return cm, &FileError{File: file, Reason: fmt.Sprintf("not a %s export: missing required columns %s; the file's columns are %s (map other headers under columns: in the source)",
			spec.name, strings.Join(missing, "; "), strings.Join(quoteAll(headers), ", "))}
	}
	return cm, nil
}

func taken(col map[string]int, i int) bool {
	for _, j := range col {
		if j == i {
			return true
		}
	}
	return false
}

// quoteAll quotes the headers for an error: at most maxListed of them,
// each capped, since a file's first line may be anything (a key, a
// secret, twenty thousand columns) and errors go to logs and history.
func quoteAll(ss []string) []string {
	const maxListed = 30
	out := make([]string, 0, min(len(ss), maxListed+1))
	for i, s := range ss {
		if i == maxListed {
			out = append(out, fmt.Sprintf("… and %d more", len(ss)-maxListed))
			break
		}
		out = append(out, fmt.Sprintf("%q", capValue(s)))
	}
	return out
}

// headerOf is the header a field was read from, for reject messages.
func (cm columnMap) headerOf(field string) string {
	if i, ok := cm.col[field]; ok {
		return cm.headers[i]
	}
	return field
}

// rawOf is the SQL for a field's trimmed text (t<i>, trimmed once by the
// parse) with the source's value mapping applied, or NULL when the file
// has no such column.
func (cm columnMap) rawOf(field string, src config.Source) string {
	i, ok := cm.col[field]
	if !ok {
		return "CAST(NULL AS VARCHAR)"
	}
	e := fmt.Sprintf("t%d", i)
	if vm := src.Values[field]; len(vm) > 0 {
		keys := make([]string, 0, len(vm))
		for k := range vm {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("CASE lower(" + e + ")")
		for _, k := range keys {
			fmt.Fprintf(&b, " WHEN %s THEN %s", lit(strings.ToLower(trimSpace(k))), lit(vm[k]))
		}
		b.WriteString(" ELSE " + e + " END")
		e = b.String()
	}
	return e
}
