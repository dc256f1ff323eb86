package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// The audit's programme section: the dashboard's (dashboard_programme.go)
// through the audited quarter's last month (or as_of's month, for a
// quarter still running), on the page and as a sheet of the workbook.

// auditProgramme is the section of one audit, nil without a programme start.
type auditProgramme struct {
	data     *programmeData
	figures  programmeFigures
	view     *programmeView
	currency string
}

// loadAuditProgramme reads the section for r, whose Until bounds the months.
func loadAuditProgramme(ctx context.Context, db *sql.DB, r *auditReport, opt AuditOptions) (*auditProgramme, error) {
	d, err := loadProgramme(ctx, db, opt.Programme, period.MonthOf(r.Until))
	if err != nil || d == nil {
		return nil, err
	}
	p := &auditProgramme{data: d, currency: opt.BaseCurrency}
	if p.figures, err = d.figures(); err != nil {
		return nil, fmt.Errorf("the programme's figures: %w", err)
	}
	if p.view, err = newProgrammeView(d, r.L.Lang, opt.BaseCurrency); err != nil {
		return nil, err
	}
	return p, nil
}

// programmeView is the page's section (nil: none).
func (p *auditProgramme) pageView() *programmeView {
	if p == nil {
		return nil
	}
	return p.view
}

// programmeSheet writes the section as a sheet: the costs, then the lifts,
// amounts as exact decimal numbers in the base currency's format.
func programmeSheet(f *excelize.File, name string, p *auditProgramme, lang i18n.Lang, currency string) error {
	L := func(k string) string { return lang.T(k) }
	w := xlsxWriter{f: f, sheet: name}
	var err error
	if w.money, err = f.NewStyle(&excelize.Style{CustomNumFmt: ptrTo(moneyFormat(currency))}); err != nil {
		return err
	}
	if w.pct, err = f.NewStyle(&excelize.Style{NumFmt: 10}); err != nil {
		return err
	}
	if w.ratio, err = f.NewStyle(&excelize.Style{NumFmt: 2}); err != nil { // 0.00
		return err
	}
	if w.hdr, err = f.NewStyle(inFont(lang, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E5E7EB"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})); err != nil {
		return err
	}
	for i, width := range []float64{26, 16, 18, 12, 12, 14, 18, 16, 14} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	fig := p.figures
	w.header(L("prog.col.cost"), L("prog.col.yearly"), L("prog.col.to_date"))
	headings := []int{w.r}
	var yearly money.Cents
	for _, c := range fig.Costs {
		w.row(L("prog.cost."+c.Key), w.cents(c.Yearly), w.cents(c.ToDate))
		yearly += c.Yearly
	}
	w.row(L("prog.total"), w.cents(yearly), w.cents(fig.CostToDate))
	w.r++
	if len(p.view.Lifts) > 0 {
		w.header(L("prog.col.measure"), L("col.baseline"), L("prog.col.programme"), L("prog.col.lift"), L("target"),
			L("prog.col.status"), L("prog.col.extra_net"), L("prog.col.extra_bonus"), L("prog.col.ratio"))
		headings = append(headings, w.r)
		for i, l := range []programmeLift{fig.Eff, fig.Win} {
			v := p.view.Lifts[i]
			figure := func(r *big.Rat) xlsxCell { return w.decimal(r, 12, w.pct) }
			if i == 0 {
				figure = func(r *big.Rat) xlsxCell { return w.decimal(r, 2, w.money) }
			}
			w.row(v.Label, figure(l.Base), figure(l.ToDate), w.decimal(l.Lift, 12, w.pct), w.decimal(l.Target, 12, w.pct),
				v.Status, w.centsPtr(l.ExtraNet), w.centsPtr(l.ExtraBonus), w.decimal(l.Ratio, 4, w.ratio))
		}
		w.r++
	}
	const cols = 9
	for _, note := range []string{p.view.Intro, p.view.Note, L("prog.explain")} {
		if note != "" && w.err == nil {
			// Wrapped across the table: a long line left to overflow would
			// widen the printed page or be cut at the table's edge.
			w.row(note)
			w.err = wrapAcross(f, lang, name, w.r, cols)
		}
	}
	if w.err != nil {
		return w.err
	}
	return printSheet(f, lang, name, sheetPrint{Cols: cols, Headings: headings})
}

// xlsxWriter writes rows of text and exact numbers, keeping the first error.
type xlsxWriter struct {
	f                      *excelize.File
	sheet                  string
	r                      int
	money, pct, ratio, hdr int
	err                    error
}

// xlsxCell is decimal text with its style; Text "" is an empty cell.
type xlsxCell struct {
	Text  string
	Style int
}

func (w *xlsxWriter) cents(c money.Cents) xlsxCell { return xlsxCell{c.String(), w.money} }

func (w *xlsxWriter) centsPtr(c *money.Cents) xlsxCell {
	if c == nil {
		return xlsxCell{}
	}
	return w.cents(*c)
}

func (w *xlsxWriter) decimal(r *big.Rat, places, style int) xlsxCell {
	return xlsxCell{money.FormatRat(r, places), style}
}

func (w *xlsxWriter) header(cols ...string) {
	w.r++
	for i, c := range cols {
		w.put(i, c)
	}
	first, _ := excelize.CoordinatesToCellName(1, w.r)
	last, _ := excelize.CoordinatesToCellName(len(cols), w.r)
	if w.err == nil {
		w.err = w.f.SetCellStyle(w.sheet, first, last, w.hdr)
	}
}

func (w *xlsxWriter) row(vals ...any) {
	w.r++
	for i, v := range vals {
		w.put(i, v)
	}
}

// put writes text as a string cell (never a formula) and numbers from
// their decimal text, so no amount passes through a float.
func (w *xlsxWriter) put(col int, v any) {
	if w.err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, w.r)
	switch x := v.(type) {
	case string:
		w.err = w.f.SetCellStr(w.sheet, cell, x)
	case xlsxCell:
		if x.Text == "" {
			return
		}
		if w.err = w.f.SetCellDefault(w.sheet, cell, x.Text); w.err == nil {
			w.err = w.f.SetCellStyle(w.sheet, cell, cell, x.Style)
		}
	default:
		w.err = fmt.Errorf("programme sheet: no cell type for %T", v)
	}
}
