package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// execer is what both *sql.Tx and *sql.Conn offer.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// trimEnds matches text that starts or ends with a character so_trim
// removes (the set of trimSet in macroSQL).
const trimEnds = `^[ \t\r\n\x{3000}\x{a0}]|[ \t\r\n\x{3000}\x{a0}]$`

// lit quotes a string as an SQL literal.
func lit(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ident quotes an identifier.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// macroMark names a temporary macro that says macroSQL's text, by its
// hash, is defined on a connection. Temporary macros live as long as the
// connection, which the pool hands out again: defining some forty macros
// on every batch was a fifth of the time of loading a small file.
var macroMark = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(macroSQL()))
	return "so_macros_" + hex.EncodeToString(sum[:8])
})

// defineMacros defines macroSQL's macros on conn unless this text of them
// already is. The mark is probed by calling it (half a millisecond; asking
// duckdb_functions() took longer than defining the macros): it fails on
// a connection that lacks it, which is then given every macro.
func defineMacros(ctx context.Context, conn *sql.Conn) error {
	var defined bool
	if err := conn.QueryRowContext(ctx, "SELECT "+macroMark()+"()").Scan(&defined); err == nil && defined {
		return nil
	}
	_, err := conn.ExecContext(ctx, macroSQL()+"CREATE OR REPLACE TEMP MACRO "+macroMark()+"() AS true")
	return err
}

// macroSQL defines the SQL parsers of the value grammar as temporary
// macros on the session. They mirror parse.go; the patterns are the same
// constants. Each returns NULL for NULL input, and the *_err variants the
// reason a non-NULL value is rejected (NULL when it parses).
func macroSQL() string {
	trimSet := `' ' || chr(9) || chr(13) || chr(10) || chr(12288) || chr(160)`
	q := func(s string) string { return lit(s) }
	money := strings.Join([]string{
		// trim with a character set is slow; most cells have nothing to
		// trim, which one anchored regex (evaluated once) tells.
		`CREATE OR REPLACE TEMP MACRO so_trim(s) AS CASE WHEN regexp_matches(s, ` + q(trimEnds) + `) THEN nullif(trim(s, ` + trimSet + `), '') ELSE nullif(s, '') END`,
		// so_money_g: the match groups after the parentheses are taken off.
		`CREATE OR REPLACE TEMP MACRO so_money_in(t) AS CASE WHEN regexp_matches(t, ` + q(parenRe) + `) THEN coalesce(so_trim(regexp_extract(t, ` + q(parenRe) + `, 1)), '') ELSE t END`,
		`CREATE OR REPLACE TEMP MACRO so_money_g(t) AS CASE WHEN regexp_matches(so_money_in(t), ` + q(moneyRe) + `) THEN
			struct_insert(regexp_extract(so_money_in(t), ` + q(moneyRe) + `, ['s1', 's2', 'i', 'f', 'wan', 'yuan']), paren := regexp_matches(t, ` + q(parenRe) + `)) END`,
		`CREATE OR REPLACE TEMP MACRO so_money_scale(g) AS CASE WHEN g.wan = '万' THEN 6 ELSE 2 END`,
		`CREATE OR REPLACE TEMP MACRO so_money_gerr(g) AS CASE
			WHEN g IS NULL OR (g.i = '' AND g.f = '') OR (g.s1 <> '' AND g.s2 <> '') OR (g.paren AND (g.s1 <> '' OR g.s2 <> '')) THEN ` + q(reasonAmount) + `
			WHEN length(g.f) > so_money_scale(g) AND rtrim(substr(g.f, so_money_scale(g) + 1), '0') <> '' THEN ` + q(reasonCents) + `
			WHEN length(ltrim(replace(g.i, ',', ''), '0')) > CASE WHEN g.wan = '万' THEN 12 ELSE 16 END THEN ` + q(reasonTooLarge) + `
			END`,
		`CREATE OR REPLACE TEMP MACRO so_money_gcents(g) AS
			CAST('0' || ltrim(replace(g.i, ',', ''), '0') || rpad(left(g.f, so_money_scale(g)), so_money_scale(g), '0') AS HUGEINT)`,
		`CREATE OR REPLACE TEMP MACRO so_money_gneg(g) AS (g.paren <> (g.s1 = '-' OR g.s2 = '-'))`,
		`CREATE OR REPLACE TEMP MACRO so_money_gval(g) AS CAST(
			CASE WHEN so_money_gneg(g) THEN '-' ELSE '' END || (so_money_gcents(g) // 100)::VARCHAR || '.' || lpad((so_money_gcents(g) % 100)::VARCHAR, 2, '0')
			AS DECIMAL(18,2))`,
		// The fast path covers plain amounts without a regex per part.
		// A lambda over a one-element list binds the match once: a macro
		// parameter used many times would be re-evaluated each time.
		`CREATE OR REPLACE TEMP MACRO so_money(t) AS CASE
			WHEN t IS NULL THEN NULL
			WHEN regexp_full_match(t, '-?[0-9]{1,16}(\.[0-9]{0,2})?') THEN CAST(t AS DECIMAL(18,2))
			ELSE list_transform([so_money_g(t)], g -> CASE WHEN so_money_gerr(g) IS NULL THEN so_money_gval(g) END)[1] END`,
		`CREATE OR REPLACE TEMP MACRO so_money_err(t) AS CASE
			WHEN t IS NULL OR regexp_full_match(t, '-?[0-9]{1,16}(\.[0-9]{0,2})?') THEN NULL
			ELSE list_transform([so_money_g(t)], g -> so_money_gerr(g))[1] END`,
	}, ";\n")
	dates := strings.Join([]string{
		`CREATE OR REPLACE TEMP MACRO so_date_g(t) AS CASE WHEN regexp_matches(t, ` + q(dateRe) + `) THEN
			regexp_extract(t, ` + q(dateRe) + `, ['y1','m1','d1','y2','m2','d2','y3','m3','d3','hh','mi','ss','fr','z']) END`,
		`CREATE OR REPLACE TEMP MACRO so_zone_min(z) AS CASE WHEN z = 'Z' THEN 0 ELSE
			(CASE WHEN left(z, 1) = '-' THEN -1 ELSE 1 END) * (CAST(substr(replace(z, ':', ''), 2, 2) AS INTEGER) * 60
			+ CASE WHEN length(replace(z, ':', '')) = 5 THEN CAST(right(replace(z, ':', ''), 2) AS INTEGER) ELSE 0 END) END`,
		`CREATE OR REPLACE TEMP MACRO so_date_ok(g) AS g IS NOT NULL
			AND (g.hh = '' OR (CAST(g.hh AS INTEGER) <= 23 AND CAST(g.mi AS INTEGER) <= 59 AND (g.ss = '' OR CAST(g.ss AS INTEGER) <= 59)))
			AND (g.z = '' OR (g.hh <> '' AND (g.z = 'Z' OR (CAST(substr(g.z, 2, 2) AS INTEGER) <= 14
				AND (length(replace(g.z, ':', '')) < 5 OR CAST(right(replace(g.z, ':', ''), 2) AS INTEGER) <= 59)))))`,
		`CREATE OR REPLACE TEMP MACRO so_date_gval(g) AS CASE WHEN so_date_ok(g) THEN
			TRY_CAST(g.y1 || g.y2 || g.y3 || '-' || lpad(g.m1 || g.m2 || g.m3, 2, '0') || '-' || lpad(g.d1 || g.d2 || g.d3, 2, '0') AS DATE) END`,
		`CREATE OR REPLACE TEMP MACRO so_ts_naive(g) AS so_date_gval(g) + to_hours(CAST(coalesce(nullif(g.hh, ''), '0') AS INTEGER))
			+ to_minutes(CAST(coalesce(nullif(g.mi, ''), '0') AS INTEGER)) + to_seconds(CAST(coalesce(nullif(g.ss, ''), '0') AS INTEGER))
			+ to_microseconds(CAST(rpad(left(g.fr, 6), 6, '0') AS INTEGER))`,
		`CREATE OR REPLACE TEMP MACRO so_ts_gval(g, tz) AS CASE WHEN so_date_gval(g) IS NOT NULL THEN
			CASE WHEN g.z = '' THEN so_ts_naive(g) ELSE timezone(tz, timezone('UTC', so_ts_naive(g) - to_minutes(so_zone_min(g.z)))) END END`,
		`CREATE OR REPLACE TEMP MACRO so_date0(t) AS CASE WHEN t IS NULL THEN NULL
			WHEN regexp_full_match(t, '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(t AS DATE)
			ELSE list_transform([so_date_g(t)], g -> so_date_gval(g))[1] END`,
		`CREATE OR REPLACE TEMP MACRO so_date(t, fmt) AS coalesce(CAST(try_strptime(t, fmt) AS DATE), so_date0(t))`,
		`CREATE OR REPLACE TEMP MACRO so_ts0(t, tz) AS CASE WHEN t IS NULL THEN NULL
			WHEN regexp_full_match(t, '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[ T](([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?') THEN TRY_CAST(replace(t, 'T', ' ') AS TIMESTAMP)
			ELSE list_transform([so_date_g(t)], g -> so_ts_gval(g, tz))[1] END`,
		`CREATE OR REPLACE TEMP MACRO so_ts(t, fmt, tz) AS coalesce(CAST(try_strptime(t, fmt) AS TIMESTAMP), so_ts0(t, tz))`,
		`CREATE OR REPLACE TEMP MACRO so_int(t) AS CASE WHEN regexp_matches(t, ` + q(intRe) + `) THEN CAST(split_part(t, '.', 1) AS INTEGER) END`,
		`CREATE OR REPLACE TEMP MACRO so_rate(t) AS CASE WHEN regexp_matches(t, ` + q(rateRe) + `)
			AND rtrim(substr(split_part(t, '.', 2), 9), '0') = '' AND CAST(t AS DECIMAL(38,12)) > 0
			THEN CAST(CAST(t AS DECIMAL(38,12)) AS DECIMAL(18,8)) END`,
		`CREATE OR REPLACE TEMP MACRO so_month(t) AS CASE
			WHEN regexp_matches(t, ` + q(monthRe) + `) AND CAST(regexp_extract(t, ` + q(monthRe) + `, 2) AS INTEGER) BETWEEN 1 AND 12
			THEN regexp_extract(t, ` + q(monthRe) + `, 1) || '-' || lpad(regexp_extract(t, ` + q(monthRe) + `, 2), 2, '0')
			ELSE strftime(so_date0(t), '%Y-%m') END`,
		`CREATE OR REPLACE TEMP MACRO so_bool(t) AS ` + caseMap("lower(t)", boolWords, true),
		`CREATE OR REPLACE TEMP MACRO so_currency(t) AS CASE WHEN t IS NULL THEN NULL ` + whenMap("lower(t)", currencyWords) +
			` WHEN regexp_full_match(upper(t), '[A-Z]{3}') THEN upper(t) END`,
	}, ";\n")
	return money + ";\n" + dates + ";\n"
}

// caseMap renders a CASE over a fixed map; asBool makes the results booleans.
func caseMap(expr string, m map[string]string, asBool bool) string {
	var b strings.Builder
	b.WriteString("CASE " + expr)
	for _, k := range sortedKeys(m) {
		v := lit(m[k])
		if asBool {
			v = m[k]
		}
		fmt.Fprintf(&b, " WHEN %s THEN %s", lit(k), v)
	}
	b.WriteString(" END")
	return b.String()
}

func whenMap(expr string, m map[string]string) string {
	var b strings.Builder
	for _, k := range sortedKeys(m) {
		fmt.Fprintf(&b, " WHEN %s = %s THEN %s", expr, lit(k), lit(m[k]))
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
