package ingest

import (
	"fmt"
	"strings"

	"github.com/salesops/salesops/config"
)

// plan is the SQL that turns the all-varchar staging relation _stg (c0..cN,
// _line, _err) of one file into typed rows and rejects.
type plan struct {
	spec    kindSpec
	cm      columnMap
	src     config.Source
	cfg     config.Config
	dateFmt string // strptime form of the source's date_layout
}

func newPlan(spec kindSpec, cm columnMap, src config.Source, cfg config.Config) (plan, error) {
	p := plan{spec: spec, cm: cm, src: src, cfg: cfg}
	if src.DateLayout != "" {
		f, err := goLayoutToStrptime(src.DateLayout)
		if err != nil {
			return p, err
		}
		p.dateFmt = f
	}
	return p, nil
}

func (p plan) base() string { return p.cfg.BaseCurrency }

// value is the SQL parsing the raw text r of field f into its type.
func (p plan) value(f field, r string) string {
	switch f.typ {
	case tMoney:
		return fmt.Sprintf("so_money(%s)", r)
	case tDate:
		if p.dateFmt == "" {
			return fmt.Sprintf("so_date0(%s)", r)
		}
		return fmt.Sprintf("so_date(%s, %s)", r, lit(p.dateFmt))
	case tTimestamp:
		if p.dateFmt == "" {
			return fmt.Sprintf("so_ts0(%s, %s)", r, lit(p.cfg.Timezone))
		}
		return fmt.Sprintf("so_ts(%s, %s, %s)", r, lit(p.dateFmt), lit(p.cfg.Timezone))
	case tBool:
		return fmt.Sprintf("so_bool(%s)", r)
	case tInt:
		return fmt.Sprintf("so_int(%s)", r)
	case tWord:
		// Most cells are already the canonical word, which maps to itself.
		return fmt.Sprintf("CASE WHEN %s IN (%s) THEN %s ELSE %s END", r, canonicalWords(f.name), r, caseMap("lower("+r+")", words[f.name], false))
	case tCurrency:
		return fmt.Sprintf("so_currency(%s)", r)
	case tMonth:
		return fmt.Sprintf("so_month(%s)", r)
	case tRate:
		return fmt.Sprintf("so_rate(%s)", r)
	}
	return r
}

func (p plan) reason(f field) string {
	switch f.typ {
	case tMoney:
		return "so_money_err(r_" + f.name + ")"
	case tDate:
		return lit(reasonDate)
	case tTimestamp:
		return lit(reasonTimestamp)
	case tBool:
		return lit(reasonBool)
	case tInt:
		return lit(reasonInt)
	case tWord:
		return lit(fmt.Sprintf("unknown %s word (map it under values: %s: in the source)", f.name, f.name))
	case tCurrency:
		return lit(reasonCurrency)
	case tMonth:
		return lit(reasonMonth)
	case tRate:
		return lit(reasonRate)
	}
	return "NULL"
}

// keyExpr is the SQL of the record key in _parsed.
func (p plan) keyExpr(prefix string) string {
	if p.spec.name == "followups" {
		return prefix + "k_followup_id"
	}
	var ks []string
	for _, k := range p.spec.key {
		ks = append(ks, prefix+"v_"+k)
	}
	return strings.Join(ks, " || '/' || ")
}

// rejectsSQL creates _rej: one row per failing cell or row rule. Only rows
// where some rule's condition holds (a superset of the rejected rows) build
// the list of checks; most rows fail none and cost one filter.
func (p plan) rejectsSQL() string {
	checks, _ := p.checks()
	date := "CAST(NULL AS DATE)"
	if p.spec.dateField != "" {
		date = fmt.Sprintf("CAST(v_%s AS DATE)", p.spec.dateField)
	}
	return fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _rej AS SELECT _line, _key, _date, e.col AS column_name, e.val AS value, e.reason AS reason FROM (
		SELECT _line, CAST(%s AS VARCHAR) AS _key, %s AS _date, unnest(CASE WHEN _err IS NOT NULL THEN [{'col': '', 'val': CAST(NULL AS VARCHAR), 'reason': _err}]
			ELSE list_filter([%s], x -> x.reason IS NOT NULL) END) AS e FROM _parsed WHERE _cand) ORDER BY _line`,
		p.keyExpr(""), date, strings.Join(checks, ", "))
}

// checks lists the cell and row rules as SQL structs (col, val, reason)
// and, for each, a condition that holds on every row the rule rejects
// (pre): their OR is _cand, the rows the rules are run on.
func (p plan) checks() (checks, pre []string) {
	pre = []string{"_err IS NOT NULL"}
	add := func(col, val, cond, reason string) {
		checks = append(checks, fmt.Sprintf("{'col': %s, 'val': %s, 'reason': CASE WHEN %s THEN %s END}", lit(col), val, cond, reason))
		pre = append(pre, "("+cond+")")
	}
	for _, f := range p.spec.fields {
		h := p.cm.headerOf(f.name)
		if f.required {
			add(h, "r_"+f.name, "r_"+f.name+" IS NULL", lit("missing "+f.name))
		}
		if f.typ != tText {
			add(h, "r_"+f.name, fmt.Sprintf("r_%[1]s IS NOT NULL AND v_%[1]s IS NULL", f.name), p.reason(f))
		} else if _, ok := p.cm.col[f.name]; ok {
			// Names and ids end up in C strings, XML and terminals, where a
			// NUL cuts or corrupts them; the value is kept with it shown.
			add(h, fmt.Sprintf("replace(r_%s, chr(0), '␀')", f.name), fmt.Sprintf("contains(r_%s, chr(0))", f.name), lit(reasonNUL))
		}
	}
	switch p.spec.name {
	case "sales":
		// A field required by the status: the reject names the empty cell
		// (its value is empty, as for any missing field) and the reason
		// says which status requires it.
		add(p.cm.headerOf("close_date"), "r_close_date", "v_status IN ('won', 'lost') AND r_close_date IS NULL",
			"'a ' || v_status || ' deal needs a close_date'")
		needs := "(v_status = 'won' OR (v_status = 'cancelled' AND v_close_date IS NOT NULL))"
		which := "CASE WHEN v_status = 'won' THEN 'a won deal' ELSE 'a cancelled deal with a close_date (won, then cancelled)' END"
		add(p.cm.headerOf("amount"), "r_amount", needs+" AND r_amount IS NULL", which+" || ' needs an amount'")
		add(p.cm.headerOf("customer_id"), "r_customer_id", needs+" AND r_customer_id IS NULL", which+" || ' needs a customer_id'")
		fx := fmt.Sprintf("v_amount IS NOT NULL AND _cur <> %s", lit(p.base()))
		add(p.cm.headerOf("amount"), "r_amount", fx+" AND _fxmonth IS NULL", lit("no close_date or created_date to choose the month of the fx rate"))
		add(p.cm.headerOf("amount"), "r_amount", fx+" AND _fxmonth IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fx_rates x WHERE x.currency = _cur AND x.month = _fxmonth)",
			"'no fx rate for ' || _cur || ' in ' || _fxmonth || ' (load it as an fx_rates export)'")
		// The filter below need not look the rate up: a row in another
		// currency is a candidate, the check itself decides.
		pre[len(pre)-1] = "(" + fx + ")"
	case "surveys":
		lo, hi := 1, 5
		if p.cfg.Metrics.SurveyScale == 10 {
			lo, hi = 0, 10
		}
		add(p.cm.headerOf("score"), "r_score", fmt.Sprintf("v_score NOT BETWEEN %d AND %d", lo, hi),
			fmt.Sprintf("'score ' || v_score || ' is outside the %d–%d scale'", lo, hi))
	}
	return checks, pre
}

// reasonNUL rejects a name or id holding a NUL byte.
const reasonNUL = "contains a NUL byte (shown as ␀), which no name or id may hold"

// outColumn is one column of the canonical table and its SQL over _valid p
// (and, for deals, the fx rate x).
type outColumn struct{ name, expr string }

func (p plan) outColumns() []outColumn {
	var out []outColumn
	for _, f := range p.spec.fields {
		e := "p.v_" + f.name
		switch {
		case p.spec.name == "followups" && f.name == "followup_id":
			e = "p.k_followup_id"
		case p.spec.name == "reps" && f.name == "name":
			e = "coalesce(p.v_name, p.v_rep_id)"
		case p.spec.name == "customers" && f.name == "company_name":
			e = "coalesce(p.v_company_name, p.v_customer_id)"
		case p.spec.name == "sales" && f.name == "amount":
			out = append(out, outColumn{"amount", fmt.Sprintf(`CASE WHEN p._cur = %s OR p.v_amount IS NULL THEN p.v_amount
				ELSE CAST(round(CAST(p.v_amount AS DECIMAL(38,2)) * CAST(x.rate AS DECIMAL(38,8)), 2) AS DECIMAL(18,2)) END`, lit(p.base()))},
				outColumn{"currency", "p._cur"}, outColumn{"amount_original", "p.v_amount"})
			continue
		case p.spec.name == "sales" && f.name == "currency":
			continue
		}
		out = append(out, outColumn{f.name, e})
	}
	return out
}

// validSQL defines _valid: the rows without rejects, one per key (the
// latest line wins), in canonical columns. It is a view, so the rows are
// produced once, by the statement that writes them. The anti joins (which,
// unlike NOT IN, spill to disk) are left out when there is nothing to
// remove, and the fx join when there are no rates to join.
func (p plan) validSQL(haveRejects, haveDups, haveRates bool) string {
	var sel []string
	for _, c := range p.outColumns() {
		e := c.expr
		if !haveRates {
			e = strings.ReplaceAll(e, "x.rate", "CAST(NULL AS DECIMAL(18,8))")
		}
		sel = append(sel, e+" AS "+ident(c.name))
	}
	from := "_parsed"
	if haveRejects {
		from += " ANTI JOIN _rej USING (_line)"
	}
	if haveDups {
		from += " ANTI JOIN _dups ON _parsed._line = _dups.l"
	}
	join := ""
	if p.spec.name == "sales" && haveRates {
		join = "LEFT JOIN fx_rates x ON x.currency = p._cur AND x.month = p._fxmonth"
	}
	return fmt.Sprintf(`CREATE OR REPLACE TEMP VIEW _valid AS SELECT %s, p._line AS _line FROM (SELECT * FROM %s) p %s`,
		strings.Join(sel, ", "), from, join)
}

// dupsSQL lists, for keys repeated among the good rows, each line that
// loses to the latest one (keep). Grouping by a 64-bit hash of the key is
// much cheaper than grouping by its text; only rows whose hash repeats are
// then grouped by the key itself, so a hash collision costs nothing.
func (p plan) dupsSQL(haveRejects bool) string {
	good := "_parsed"
	if haveRejects {
		good = "_parsed ANTI JOIN _rej USING (_line)"
	}
	return repeatsSQL(p.keyExpr(""), good)
}

// repeatsSQL creates _dups (_key, keep, l) over the rows of from, whose
// key is key and whose line is _line.
func repeatsSQL(key, from string) string {
	return fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _dups AS
		WITH good AS (SELECT %[1]s AS _key, _line FROM %[2]s),
		hk AS (SELECT hash(_key) AS h FROM good GROUP BY h HAVING count(*) > 1),
		cand AS (SELECT _key, _line FROM good WHERE hash(_key) IN (SELECT h FROM hk)),
		rep AS (SELECT _key, max(_line) AS keep FROM cand GROUP BY _key HAVING count(*) > 1)
		SELECT c._key, rep.keep, c._line AS l FROM cand c JOIN rep USING (_key) WHERE c._line <> rep.keep`, key, from)
}
