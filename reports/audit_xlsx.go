package reports

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The audit workbook: a summary sheet (the checks, with the quarter
// before), a sheet ranking the reps, a sheet of findings per check (with
// id, owner, due date, repeat and response), and the pending windows.
// Every sheet has its header in row 1, frozen, with an autofilter over the
// table, so findings sort and filter in Excel. Text is only ever written
// as text: a value such as =HYPERLINK(...) stays a string.
//
// The findings and pending sheets are long sheets (workbook_rows.go): up
// to auditShownRows rows of 14 cells for each check, some 600,000 cells at
// ten million deals. Built in excelize's cell model they were most of the
// audit's Go heap (prepareSheetXML alone 72 of 127 MB live) at the job's
// peak; their rows are rendered straight to XML instead.

func writeAuditXLSX(ctx context.Context, path string, r *auditReport) error {
	f, err := newWorkbookFile(r.L.Lang)
	if err != nil {
		return fmt.Errorf("building the audit workbook: %w", err)
	}
	defer f.Close()
	long, err := buildAuditWorkbook(f, r)
	if err != nil {
		return fmt.Errorf("building the audit workbook: %w", err)
	}
	if err := stampWorkbook(f, r.Build); err != nil {
		return fmt.Errorf("building the audit workbook: %w", err)
	}
	return writeWorkbook(ctx, path, f, long)
}

// buildAuditWorkbook builds the workbook in f and returns the rendered
// rows of its long sheets, by sheet, to splice in when it is written.
func buildAuditWorkbook(f *excelize.File, r *auditReport) (map[string][]byte, error) {
	sheets, err := buildAuditSheets(f, r)
	if err != nil {
		return nil, err
	}
	long := map[string][]byte{}
	for _, s := range sheets {
		if s.rows == nil {
			continue
		}
		data, err := s.rows.render(f, s.lang, s.name, s.rows.cols, s.rows.fit)
		if err != nil {
			return nil, err
		}
		long[s.name], s.rows = data, nil
	}
	return long, nil
}

// buildAuditSheets builds each sheet in turn and returns them, in order.
func buildAuditSheets(f *excelize.File, r *auditReport) ([]*auditSheet, error) {
	var sheets []*auditSheet
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return nil, err
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}
	hdr, err := f.NewStyle(inFont(r.L.Lang, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E5E7EB"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}))
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	// sheet adds a sheet whose columns wrapCols wrap; a long one keeps
	// its table's rows out of f.
	sheet := func(name string, long bool, wrapCols ...int) (*auditSheet, error) {
		name = auditSheetName(name, used)
		if len(used) == 1 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		s := &auditSheet{f: f, lang: r.L.Lang, name: name, row: 1, pct: pct, date: date, hdr: hdr, wrap: wrap, wrapCols: wrapCols}
		if long {
			s.rows = &rowSheet{}
		}
		sheets = append(sheets, s)
		return s, nil
	}
	s, err := sheet(r.L.SheetSummary, false)
	if err != nil {
		return nil, err
	}
	if err := auditSummarySheet(s, r); err != nil {
		return nil, err
	}
	// "not ranked" wraps in the rank column, not cut off by the rep's id.
	if s, err = sheet(r.L.SheetReps, false, 1); err != nil {
		return nil, err
	}
	if err := auditRepsSheet(s, r); err != nil {
		return nil, err
	}
	for _, c := range r.Checks {
		if s, err = sheet(c.ID+" "+c.Name, true, auditFindingWrap...); err != nil {
			return nil, err
		}
		if err := auditFindingsSheet(s, r, c.ID); err != nil {
			return nil, err
		}
	}
	if s, err = sheet(r.L.SheetPending, true, auditPendingWrap...); err != nil {
		return nil, err
	}
	if err := auditPendingSheet(s, r); err != nil {
		return nil, err
	}
	if r.Programme != nil {
		name := auditSheetName(r.L.Lang.T("prog.sheet"), used)
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := programmeSheet(f, name, r.Programme, r.L.Lang, r.Programme.currency); err != nil {
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	return sheets, f.SetDocProps(&excelize.DocProperties{Title: r.L.Title + " " + r.Period, Language: r.L.Lang.String()})
}

func auditSummarySheet(s *auditSheet, r *auditReport) error {
	L := r.L
	cols := []string{L.Check, L.Name, L.Severity, L.Weight, L.FindingsN, L.Opportunities, L.Rate, L.PendingN, L.WaivedN,
		L.Prev + ": " + L.FindingsN, L.Prev + ": " + L.Opportunities, L.Prev + ": " + L.Rate}
	if err := s.header(cols, []float64{8, 30, 10, 8, 10, 14, 10, 10, 10, 14, 16, 12}); err != nil {
		return err
	}
	for _, c := range r.Checks {
		vals := []any{c.ID, c.Name, L.SeverityName(c.Severity), c.Weight, c.Findings, c.Opportunities, auditRate(c.Rate), c.Pending, c.Waived,
			auditNullInt(c.PrevFindings), auditNullInt(c.PrevOpportunities), auditRate(c.PrevRate)}
		if err := s.put(vals); err != nil {
			return err
		}
	}
	if err := s.finish(len(cols)); err != nil {
		return err
	}
	// Notes below the table, outside the filtered range.
	s.row++
	prev := L.NoPrevious
	if r.Prev != "" {
		prev = L.ComparedWith + " " + r.Prev
	}
	notes := []string{fmt.Sprintf("%s %s: %s – %s · %s", L.Title, r.Period, r.Start.Format("2006-01-02"), r.Until.Format("2006-01-02"), prev), L.Generated}
	if fu := L.FollowUpText(r.Prev, r.FollowUp); fu != "" {
		notes = append(notes, fu)
	}
	notes = append(notes, L.HowToReadText...)
	for _, n := range notes {
		if err := s.put([]any{n}); err != nil {
			return err
		}
		if err := wrapAcross(s.f, s.lang, s.name, s.row-1, len(cols)); err != nil {
			return err
		}
	}
	return nil
}

func auditRepsSheet(s *auditSheet, r *auditReport) error {
	L := r.L
	cols := []string{L.Rank, L.Rep, L.Name, L.Team, L.Score, L.PrevScore, L.Change, L.PrevRank, L.FindingsN, L.Opportunities}
	widths := []float64{8, 12, 18, 12, 10, 14, 10, 12, 10, 14}
	for _, c := range r.Checks {
		cols = append(cols, c.ID+" "+L.FindingsN, c.ID+" "+L.Opportunities, c.ID+" "+L.Rate)
		widths = append(widths, 10, 12, 10)
	}
	if err := s.header(cols, widths); err != nil {
		return err
	}
	for _, p := range r.Reps {
		rank := any(auditNullInt(p.Rank))
		if !p.InRoster && p.Score.Valid {
			rank = L.NotRanked
		}
		vals := []any{rank, p.ID, p.Name, p.Team, auditRound(p.Score, 6), auditRound(p.PrevScore, 6), auditRound(p.Change, 6),
			auditNullInt(p.PrevRank), p.Findings, p.Opportunities}
		for _, c := range r.Checks {
			cell, ok := p.Cells[c.ID]
			if !ok || cell.Opportunities == 0 {
				vals = append(vals, nil, nil, nil)
				continue
			}
			vals = append(vals, cell.Findings, cell.Opportunities, auditRate(cell.Rate))
		}
		if err := s.put(vals); err != nil {
			return err
		}
	}
	return s.finish(len(cols))
}

// auditFindingWrap and auditPendingWrap are the columns of a finding's and
// a pending window's sentences: its detail and the responses.
var (
	auditFindingWrap = []int{8, 14}
	auditPendingWrap = []int{9}
)

func auditFindingsSheet(s *auditSheet, r *auditReport, check string) error {
	L := r.L
	cols := []string{L.Severity, L.Rep, L.Name, L.Customer, L.Company, L.Deal, L.Date, L.Detail,
		L.ID, L.Status, L.Repeat, L.Owner, L.Due, L.Response}
	if err := s.header(cols, []float64{10, 12, 16, 14, 28, 12, 12, 80, 22, 10, 8, 18, 12, 50}); err != nil {
		return err
	}
	listed := int64(0)
	for _, f := range r.Findings {
		if f.Check != check {
			continue
		}
		listed++
		v := newAuditFindingView(L, f)
		repeat := ""
		if f.Repeat {
			repeat = L.Repeat
		}
		response := strings.TrimSpace(v.Response + "\n" + v.PrevResponse)
		if err := s.put([]any{L.SeverityName(f.Severity), f.Rep, f.RepName, f.Customer, f.Company, f.Deal, xlsxDate(f.Date), f.Detail,
			f.ID, v.StatusName, repeat, v.Owner, xlsxDate(f.Due), response}); err != nil {
			return err
		}
	}
	if err := s.finish(len(cols)); err != nil {
		return err
	}
	if total := r.FindingsByCheck[check]; listed < total {
		return s.note(len(cols), fmt.Sprintf(L.CappedCheckFmt, listed, total, r.csvName()))
	}
	return nil
}

// auditPendingSheet lists the windows still open at audit_end: not findings.
func auditPendingSheet(s *auditSheet, r *auditReport) error {
	L := r.L
	cols := []string{L.Check, L.Rep, L.Name, L.Customer, L.Company, L.Deal, L.Date, L.WindowCloses, L.Detail}
	if err := s.header(cols, []float64{8, 12, 16, 14, 28, 12, 12, 14, 80}); err != nil {
		return err
	}
	for _, f := range r.Pending {
		if err := s.put([]any{f.Check, f.Rep, f.RepName, f.Customer, f.Company, f.Deal, xlsxDate(f.Date), xlsxDate(f.WindowCloses), f.Detail}); err != nil {
			return err
		}
	}
	if err := s.finish(len(cols)); err != nil {
		return err
	}
	if listed := int64(len(r.Pending)); listed < r.PendingTotal {
		return s.note(len(cols), fmt.Sprintf(L.CappedPendingFmt, listed, r.PendingTotal, r.csvName()))
	}
	return nil
}
