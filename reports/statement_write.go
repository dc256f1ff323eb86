package reports

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/period"
)

// StatementOptions are what the statements read besides the month.
type StatementOptions struct {
	WorkbookOptions
	// PDF also prints each page to PDF with headless Chromium; Chromium
	// is the browser's path ("" finds it on PATH).
	PDF      bool
	Chromium string
	// Inputs, when set, are the month's detail lines (frozen with a
	// close, or live); nil reads them from the warehouse.
	Inputs *MonthInputs
}

// StatementsDir is the folder of a month's statements under its period folder.
func StatementsDir(periodDir string) string { return filepath.Join(periodDir, "statements") }

// WriteStatements writes one private statement per rep of month b (every
// rep of the roster, eligible or not) under StatementsDir(periodDir):
// statement-M-<id>.html and .xlsx, and .pdf with opt.PDF. The detail
// lines are those of the finance workbook (loadWorkbookDetail). Statement
// files of the month that this call did not write (a rep gone from the
// roster, a PDF of an earlier print) are removed, so the folder never
// holds a statement that disagrees with the month. It returns the paths
// written and notes for the user (a PDF that could not be printed).
func WriteStatements(ctx context.Context, db *sql.DB, b bonus.Month, opt StatementOptions, periodDir string) (paths, notes []string, err error) {
	p, err := period.Parse(b.Period)
	if err != nil || p.Kind != period.Month {
		return nil, nil, fmt.Errorf("writing statements: period %q is not a month", b.Period)
	}
	names, err := statementNames(b)
	if err != nil {
		return nil, nil, err
	}
	d := liveDetail(db, p)
	if opt.Inputs != nil && opt.Inputs.Period == b.Period {
		d = opt.Inputs.detail
	}
	chromium := ""
	if opt.PDF {
		if chromium = FindChromium(opt.Chromium); chromium == "" {
			notes = append(notes, "no PDF statements: Chromium is not installed (chromium, chromium-browser or google-chrome on PATH); the HTML statements print to one A4 page from any browser")
		}
	}
	dir := StatementsDir(periodDir)
	lb := labeler(opt.WorkbookOptions)
	// The reps in the order of the detail's lines, so that each takes its
	// own lines as they pass (openRepSheets); the paths in the month's.
	var reps []string
	for _, r := range b.Rows {
		if statementRow(r) {
			reps = append(reps, r.RepID)
		}
	}
	slices.Sort(reps)
	sheets := openRepSheets(ctx, d)
	defer sheets.close()
	written := map[string][]string{}
	inOrder := func() []string {
		var out []string
		for _, r := range b.Rows {
			out = append(out, written[r.RepID]...)
		}
		return out
	}
	for _, rep := range reps {
		s, err := statementFigures(b, rep)
		if err == nil {
			s.Deals, s.New, s.Responses, err = sheets.of(rep)
		}
		if err != nil {
			return inOrder(), notes, fmt.Errorf("writing the statements of %s: %w", b.Period, err)
		}
		v := newStatementView(lb, s)
		base := filepath.Join(dir, names[rep])
		if err := WriteFile(ctx, base+".html", func(w io.Writer) error { return renderStatementHTML(w, lb, v, opt.WorkbookOptions) }); err != nil {
			return inOrder(), notes, err
		}
		written[rep] = append(written[rep], base+".html")
		data, err := buildStatementXLSX(s, v, opt.WorkbookOptions)
		if err != nil {
			return inOrder(), notes, err
		}
		if err := WriteFile(ctx, base+".xlsx", func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return inOrder(), notes, err
		}
		written[rep] = append(written[rep], base+".xlsx")
		if chromium != "" {
			if err := PrintPDF(ctx, chromium, base+".html", base+".pdf"); err != nil {
				return inOrder(), notes, err
			}
			written[rep] = append(written[rep], base+".pdf")
		}
	}
	paths = inOrder()
	if err := removeStaleStatements(dir, b.Period, paths); err != nil {
		return paths, notes, err
	}
	return paths, notes, nil
}

// RemoveStatements removes every statement file of month from dir: a
// month whose statements may not be handed out keeps none from before.
func RemoveStatements(dir, month string) error { return removeStaleStatements(dir, month, nil) }

// removeStaleStatements removes the month's statement files that are not
// in written. Only names of the statements' own pattern are touched.
func removeStaleStatements(dir, month string, written []string) error {
	keep := map[string]bool{}
	for _, p := range written {
		keep[filepath.Base(p)] = true
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("listing the statements of %s: %w", month, err)
	}
	prefix := "statement-" + month + "-"
	for _, e := range entries {
		n := e.Name()
		ext := filepath.Ext(n)
		if !e.Type().IsRegular() || keep[n] || !strings.HasPrefix(n, prefix) || (ext != ".html" && ext != ".xlsx" && ext != ".pdf") {
			continue
		}
		if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing the stale statement %s: %w", n, err)
		}
	}
	return nil
}

// FindChromium is the Chromium to print with: path when it runs, else
// the first of the usual names on PATH; "" when there is none.
func FindChromium(path string) string {
	cands := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	if path != "" {
		cands = []string{path}
	}
	for _, c := range cands {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// pdfTimeout bounds one report's print: Chromium starts in about a
// second; the demo's audit (107 pages) prints in under 20 seconds on
// two busy cores.
const pdfTimeout = 90 * time.Second

// PrintPDF prints the HTML file src to dst with headless Chromium: into a
// private temporary folder with a fresh profile and no network (every
// request goes to a proxy that is not there: a report needs none, and its
// Content-Security-Policy forbids them anyway), then written to dst
// atomically like every report. ctx cancels the print; pdfTimeout bounds it.
func PrintPDF(ctx context.Context, chromium, src, dst string) error {
	tmp, err := os.MkdirTemp("", "salesops-pdf-")
	if err != nil {
		return fmt.Errorf("printing %s: %w", dst, err)
	}
	defer os.RemoveAll(tmp)
	abs, err := filepath.Abs(src)
	if err != nil {
		return fmt.Errorf("printing %s: %w", dst, err)
	}
	out := filepath.Join(tmp, "out.pdf")
	cctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--no-pdf-header-footer", "--print-to-pdf-no-header",
		"--print-to-pdf="+out, (&url.URL{Scheme: "file", Path: abs}).String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("printing %s with %s: %w: %s", dst, chromium, err, lastLine(stderr.String()))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return fmt.Errorf("printing %s: Chromium wrote no PDF: %w: %s", dst, err, lastLine(stderr.String()))
	}
	return WriteFile(ctx, dst, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// labeler is a book used only for its labels and amounts (the page).
func labeler(opt WorkbookOptions) *book {
	return &book{lang: i18n.Parse(opt.Language), cur: opt.BaseCurrency}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
