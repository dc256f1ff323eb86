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
		return caseMap("lower("+r+")", words[f.name], false)
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

// parsedSQL creates _parsed: per field its raw text r_<f> and value v_<f>,
// skipping rows whose every cell is empty.
func (p plan) parsedSQL() string {
	var cols []string
	for _, f := range p.spec.fields {
		r := p.cm.raw(f.name, p.src)
		cols = append(cols, fmt.Sprintf("%s AS r_%s", r, f.name))
	}
	for _, f := range p.spec.fields {
		cols = append(cols, fmt.Sprintf("%s AS v_%s", p.value(f, "r_"+f.name), f.name))
	}
	if p.spec.name == "followups" {
		// A follow-up without an id gets one from its content, so the same
		// record exported again maps to the same key.
		parts := []string{}
		for _, f := range p.spec.fields[1:] {
			parts = append(parts, fmt.Sprintf("coalesce(CAST(v_%s AS VARCHAR), '')", f.name))
		}
		cols = append(cols, fmt.Sprintf("coalesce(v_followup_id, 'F-' || left(md5(concat_ws(chr(31), %s)), 16)) AS k_followup_id", strings.Join(parts, ", ")))
	}
	if p.spec.name == "sales" {
		cur := lit(p.base())
		if p.src.Currency != "" {
			cur = lit(p.src.Currency)
		}
		cols = append(cols, fmt.Sprintf("coalesce(v_currency, %s) AS _cur", cur),
			"strftime(coalesce(v_close_date, v_created_date), '%Y-%m') AS _fxmonth")
	}
	var nonEmpty []string
	for i := range p.cm.headers {
		nonEmpty = append(nonEmpty, fmt.Sprintf("so_trim(c%d)", i))
	}
	nonEmpty = append(nonEmpty, "_err")
	return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE _parsed AS SELECT _line, _err, %s FROM _stg WHERE coalesce(%s) IS NOT NULL",
		strings.Join(cols, ", "), strings.Join(nonEmpty, ", "))
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

// rejectsSQL creates _rej: one row per failing cell or row rule.
func (p plan) rejectsSQL() string {
	var checks []string
	add := func(col, val, cond, reason string) {
		checks = append(checks, fmt.Sprintf("{'col': %s, 'val': %s, 'reason': CASE WHEN %s THEN %s END}", lit(col), val, cond, reason))
	}
	for _, f := range p.spec.fields {
		h := p.cm.headerOf(f.name)
		if f.required {
			add(h, "r_"+f.name, "r_"+f.name+" IS NULL", lit("missing "+f.name))
		}
		if f.typ != tText {
			add(h, "r_"+f.name, fmt.Sprintf("r_%[1]s IS NOT NULL AND v_%[1]s IS NULL", f.name), p.reason(f))
		}
	}
	switch p.spec.name {
	case "sales":
		add(p.cm.headerOf("close_date"), "r_status", "v_status IN ('won', 'lost') AND r_close_date IS NULL",
			"'a ' || v_status || ' deal needs a close_date'")
		needs := "(v_status = 'won' OR (v_status = 'cancelled' AND v_close_date IS NOT NULL))"
		add(p.cm.headerOf("amount"), "r_status", needs+" AND r_amount IS NULL", lit("a won deal (or a cancelled one with a close_date) needs an amount"))
		add(p.cm.headerOf("customer_id"), "r_status", needs+" AND r_customer_id IS NULL", lit("a won deal (or a cancelled one with a close_date) needs a customer_id"))
		fx := fmt.Sprintf("v_amount IS NOT NULL AND _cur <> %s", lit(p.base()))
		add(p.cm.headerOf("amount"), "r_amount", fx+" AND _fxmonth IS NULL", lit("no close_date or created_date to choose the month of the fx rate"))
		add(p.cm.headerOf("amount"), "r_amount", fx+" AND _fxmonth IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fx_rates x WHERE x.currency = _cur AND x.month = _fxmonth)",
			"'no fx rate for ' || _cur || ' in ' || _fxmonth || ' (load it as an fx_rates export)'")
	case "surveys":
		lo, hi := 1, 5
		if p.cfg.Metrics.SurveyScale == 10 {
			lo, hi = 0, 10
		}
		add(p.cm.headerOf("score"), "r_score", fmt.Sprintf("v_score NOT BETWEEN %d AND %d", lo, hi),
			fmt.Sprintf("'score ' || v_score || ' is outside the %d–%d scale'", lo, hi))
	}
	date := "CAST(NULL AS DATE)"
	if p.spec.dateField != "" {
		date = fmt.Sprintf("CAST(v_%s AS DATE)", p.spec.dateField)
	}
	return fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _rej AS SELECT _line, _key, _date, e.col AS column_name, e.val AS value, e.reason AS reason FROM (
		SELECT _line, CAST(%s AS VARCHAR) AS _key, %s AS _date, unnest(CASE WHEN _err IS NOT NULL THEN [{'col': '', 'val': CAST(NULL AS VARCHAR), 'reason': _err}]
			ELSE list_filter([%s], x -> x.reason IS NOT NULL) END) AS e FROM _parsed) ORDER BY _line`,
		p.keyExpr(""), date, strings.Join(checks, ", "))
}

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

// validSQL creates _valid: the rows without rejects, one per key (the
// latest line wins), in canonical columns. Anti joins, unlike NOT IN, can
// spill to disk, so ten million rows fit in the memory limit.
func (p plan) validSQL() string {
	var sel []string
	for _, c := range p.outColumns() {
		sel = append(sel, c.expr+" AS "+ident(c.name))
	}
	join := ""
	if p.spec.name == "sales" {
		join = "LEFT JOIN fx_rates x ON x.currency = p._cur AND x.month = p._fxmonth"
	}
	return fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _valid AS SELECT %s, p._line AS _line FROM
		(SELECT * FROM _parsed ANTI JOIN _rej USING (_line) ANTI JOIN _dups ON _parsed._line = _dups.l) p %s`,
		strings.Join(sel, ", "), join)
}

// dupsSQL lists, for keys repeated among the good rows, each line that
// loses to the latest one (keep).
func (p plan) dupsSQL() string {
	return fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _dups AS
		WITH good AS (SELECT %[1]s AS _key, _line FROM _parsed ANTI JOIN _rej USING (_line)),
		rep AS (SELECT _key, max(_line) AS keep FROM good GROUP BY _key HAVING count(*) > 1)
		SELECT g._key, rep.keep, g._line AS l FROM good g JOIN rep USING (_key) WHERE g._line <> rep.keep`, p.keyExpr(""))
}
