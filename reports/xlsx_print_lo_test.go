package reports

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
)

// paddedModel is a plan model (the cap lifted, as modelFixture's) of a
// month of printModelReps reps, enough to run the model sheet onto a
// second page.
func paddedModel(t *testing.T) bonus.Model {
	t.Helper()
	def, err := bonus.PlanFrom(config.Default().Bonus)
	if err != nil {
		t.Fatal(err)
	}
	b, err := config.OverrideBonus(config.Default().Bonus, "bonus.max_share", "null")
	if err != nil {
		t.Fatal(err)
	}
	changed, err := bonus.PlanFrom(b)
	if err != nil {
		t.Fatal(err)
	}
	m := bonus.Month{Period: "2026-10", Plan: def.Record(), PoolDetail: &bonus.PoolDetail{Cap: money.MustParse("300.00"), CapEnabled: true}}
	for i := range printModelReps {
		net := money.Cents(100000 + 1000*int64(i))
		m.Rows = append(m.Rows, bonus.Row{Period: "2026-10", RepID: fmt.Sprintf("R%03d", i), RepName: fmt.Sprintf("Rep %03d", i), Team: "T1",
			Eligible: true, NetSales: net, Allocation: money.Cents(1000), Rank: bonus.Rank(i + 1), RowDetail: &bonus.RowDetail{}})
		m.NetSales += net
	}
	m.Pool = m.NetSales / 20
	m.Allocated = money.Cents(1000 * printModelReps)
	m.Unallocated = m.Pool - m.Allocated
	mod, err := bonus.ModelOf(m, changed)
	if err != nil {
		t.Fatal(err)
	}
	return mod
}

// printedBook is one workbook of the print test and the CSV written
// beside it (none for a statement).
type printedBook struct {
	name, xlsx, csv string
	// long begins the name of the sheet padded to run to several pages.
	long string
}

// writePrintFixture writes every kind of workbook salesops writes, in
// lang, with the CSV each is published beside: the bonus workbook of the
// October fixture with its deals sheet padded to several pages, the
// scorecards and KPIs of the hand-computed KPI case, the audit of the
// audit case, a plan model and the heavy statement.
func writePrintFixture(t *testing.T, dir, lang string) []printedBook {
	t.Helper()
	ctx := context.Background()
	var out []printedBook
	add := func(name, ext, long string) printedBook {
		p := printedBook{name: name + "-" + lang, xlsx: filepath.Join(dir, name+"-"+lang+".xlsx"), long: long}
		if ext != "" {
			p.csv = filepath.Join(dir, name+"-"+lang+"."+ext)
		}
		out = append(out, p)
		return p
	}

	db, plan := workbookFixture(t, "0.3")
	b, err := bonus.Load(ctx, db, "2026-10", plan)
	if err != nil {
		t.Fatal(err)
	}
	d, err := loadWorkbookDetail(ctx, db, mustPeriod(t, "2026-10"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range printDeals {
		d.deals = append(d.deals, dealLine{RepID: "A", RepName: "Ann", DealID: fmt.Sprintf("PD%05d", i), CustomerID: fmt.Sprintf("PC%05d", i),
			Company: "深圳市前海国际供应链管理股份有限公司", Event: "won", Date: "2026-10-15", Amount: "123456.78"})
	}
	p := add("bonus", "csv", (&book{lang: i18n.Lang(lang)}).sheet("deals"))
	shown, _, err := showDetail(ctx, d, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := writeBonusWorkbook(ctx, b, shown, WorkbookOptions{Language: lang, BaseCurrency: "CNY"}, p.xlsx); err != nil {
		t.Fatal(err)
	}
	if err := WriteBonusCSV(ctx, p.csv, b); err != nil {
		t.Fatal(err)
	}

	// The scorecards as WriteScorecards writes them, the summary padded
	// with reps to run to several pages.
	w := caseWarehouse(t)
	sd, err := loadScoreData(ctx, w.DB, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	kpis, err := LoadKPIs(ctx, w.DB, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	for i := range printReps {
		r := sd.Month[0]
		r.Key, r.Name = fmt.Sprintf("P%03d", i), fmt.Sprintf("Pad %03d", i)
		r.NetSales -= money.Cents(i + 1)
		sd.Month = append(sd.Month, r)
		kpis = append(kpis, r)
	}
	cards, err := buildScorecards(sd, dashOptions(dir, lang))
	if err != nil {
		t.Fatal(err)
	}
	// The padded reps' own sheets go: each is a page like the six kept,
	// and LibreOffice takes most of a second to draw each one's charts.
	for _, sh := range cards.GetSheetList() {
		if strings.HasPrefix(sh, "Pad ") {
			if err := cards.DeleteSheet(sh); err != nil {
				t.Fatal(err)
			}
		}
	}
	p = add("scorecards", "csv", i18n.Lang(lang).T("sheet.summary"))
	if err := writeWorkbook(ctx, p.xlsx, cards, nil); err != nil {
		t.Fatal(err)
	}
	cards.Close()
	if err := WriteKPIsCSV(ctx, p.csv, kpis); err != nil {
		t.Fatal(err)
	}

	// The audit as WriteAudit writes it, with the first check's findings
	// padded so that its sheet runs to several pages. The padding is the
	// workbook's only: the CSV streams the findings from the warehouse,
	// so the records checked against the print are the fixture's own.
	adb := auditDB(t)
	aopt := AuditOptions{Period: "2026-Q3", Language: lang}
	r, err := loadAudit(ctx, adb, aopt.Period, auditLabelsFor(i18n.Lang(lang)))
	if err != nil {
		t.Fatal(err)
	}
	if r.Programme, err = loadAuditProgramme(ctx, adb, r, aopt); err != nil {
		t.Fatal(err)
	}
	pad := r.Findings[0]
	for i := range printFindings {
		f := pad
		f.ID = fmt.Sprintf("%s-PAD%04d", pad.Check, i)
		r.Findings = append(r.Findings, f)
	}
	p = add("audit", "csv", pad.Check+" ")
	if err := writeAuditXLSX(ctx, p.xlsx, r); err != nil {
		t.Fatal(err)
	}
	if err := writeAuditCSV(ctx, p.csv, r); err != nil {
		t.Fatal(err)
	}

	m := paddedModel(t)
	p = add("model", "csv", i18n.Lang(lang).T("model.sheet"))
	if err := WriteModelWorkbook(ctx, p.xlsx, m, WorkbookOptions{Language: lang, BaseCurrency: "CNY"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteModelCSV(ctx, p.csv, m); err != nil {
		t.Fatal(err)
	}

	_, x, _ := writeHeavy(t, dir, lang)
	p = add("statement", "", "")
	if err := os.Rename(x, p.xlsx); err != nil {
		t.Fatal(err)
	}
	return out
}

// printDeals pads the bonus workbook's deals sheet, printFindings the
// audit's first check's sheet and printReps the scorecards' summary to
// several landscape pages.
const (
	printDeals     = 150
	printFindings  = 200
	printReps      = 65
	printModelReps = 80
)

// printToPDF has LibreOffice print every workbook to PDF in one run.
func printToPDF(t *testing.T, books []printedBook, out string) {
	t.Helper()
	profile := filepath.Join(t.TempDir(), "lo")
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + profile, "--convert-to", "pdf", "--outdir", out}
	for _, b := range books {
		args = append(args, b.xlsx)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	if msg, err := exec.CommandContext(ctx, "soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	t.Logf("LibreOffice printed %d workbooks in %s", len(books), time.Since(start).Round(time.Second/10))
}

// TestWorkbooksPrintInLibreOffice prints every workbook of the fixture, in
// English and Chinese, to PDF with LibreOffice and reads the pages back:
// A4, each sheet one page wide with its column headings on every page
// (the padded deals sheet runs to several), the workbook's font with no
// serif fallback, no bare 1600000 on a chart axis, and the figures of the
// CSV written beside it.
func TestWorkbooksPrintInLibreOffice(t *testing.T) {
	needTool(t, "soffice")
	needTool(t, "pdftotext")
	arts := artifactDir(t)
	for _, lang := range []string{"en", "zh-CN"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			books := writePrintFixture(t, dir, lang)
			pdfDir := filepath.Join(dir, "pdf")
			printToPDF(t, books, pdfDir)
			for _, b := range books {
				pdf := filepath.Join(pdfDir, b.name+".pdf")
				for _, src := range []string{pdf, b.xlsx, b.csv} {
					if data, err := os.ReadFile(src); err == nil {
						os.WriteFile(filepath.Join(arts, "print-"+filepath.Base(src)), data, 0o640)
					}
				}
				t.Run(b.name, func(t *testing.T) { checkPrinted(t, lang, b, pdf) })
			}
		})
	}
}

// checkPrinted holds the printed pdf against its workbook and CSV.
func checkPrinted(t *testing.T, lang string, b printedBook, pdf string) {
	pages := pdfPageTexts(t, pdf)
	info := run(t, "pdfinfo", "-f", "1", "-l", fmt.Sprint(len(pages)), pdf)
	for _, line := range strings.Split(info, "\n") {
		if strings.HasPrefix(line, "Page") && strings.Contains(line, " size:") && !strings.Contains(line, "(A4)") {
			t.Errorf("not A4: %s", line)
		}
	}
	fonts := run(t, "pdffonts", pdf)
	if strings.Contains(fonts, "Serif") {
		t.Errorf("a serif font stands in for the workbook's:\n%s", fonts)
	}
	// LibreOffice embeds the face of the Noto CJK collection under the
	// collection's first name (…jp) whichever of it the workbook names;
	// that the workbook names SC is TestPrintPolicy's.
	if lang == "zh-CN" && !strings.Contains(fonts, "NotoSansCJK") {
		t.Errorf("no Noto Sans CJK in the Chinese workbook:\n%s", fonts)
	}

	// Each page's first line is its header: the sheet, then the file.
	bySheet := map[string][]string{}
	for _, p := range pages {
		first, _, _ := strings.Cut(p, "\n")
		sheet := strings.TrimSuffix(first, " "+b.name+".xlsx")
		bySheet[sheet] = append(bySheet[sheet], p)
	}
	f, err := excelize.OpenFile(b.xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	titles := map[string]int{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			if m := lastRowRef.FindStringSubmatch(dn.RefersTo); m != nil {
				titles[dn.Scope], _ = strconv.Atoi(m[1])
			}
		}
	}
	var counts []string
	for _, sheet := range f.GetSheetList() {
		counts = append(counts, fmt.Sprintf("%s %d", sheet, len(bySheet[sheet])))
	}
	t.Logf("pages by sheet: %s", strings.Join(counts, ", "))
	for _, sheet := range f.GetSheetList() {
		got := bySheet[sheet]
		if len(got) == 0 {
			t.Errorf("sheet %q: on no page (pages begin %q)", sheet, firstLines(pages))
			continue
		}
		row := titles[sheet]
		if row == 0 {
			t.Errorf("sheet %q repeats no rows on its pages", sheet)
			continue
		}
		checkWrappedShown(t, f, lang, sheet, squash(strings.Join(got, "\n")))
		first, last := rowEnds(t, f, sheet, row)
		for i, p := range got {
			// A sheet split by columns leaves the last heading off a page
			// (or the first); one without repeated headings leaves both off
			// every page after the first.
			if text := squash(p); !strings.Contains(text, squash(first)) || !strings.Contains(text, squash(last)) {
				t.Errorf("sheet %q page %d of %d lacks its headings %q … %q:\n%s", sheet, i+1, len(got), first, last, p)
			}
		}
	}
	if b.long != "" {
		// The table itself runs on: its last row prints after page 1.
		long := sheetNamed(f.GetSheetList(), b.long)
		rows, err := f.GetRows(long)
		if err != nil {
			t.Fatal(err)
		}
		// Its own words: a cell of the last row found in no other row.
		seen := map[string]int{}
		for _, r := range rows {
			for _, c := range r {
				seen[c]++
			}
		}
		last := ""
		for _, c := range rows[len(rows)-1] {
			if seen[c] == 1 && len(c) > len(last) {
				last = c
			}
		}
		at := slices.IndexFunc(bySheet[long], func(p string) bool { return strings.Contains(squash(p), squash(last)) })
		if at < 1 {
			t.Errorf("the padded sheet %q prints its last row (%q) on page %d of %d: the test of repeated headings is void",
				long, last, at+1, len(bySheet[long]))
		}
	}
	checkRows(t, csvRows(t, b, lang, f.GetSheetList()), bySheet)
	if strings.HasPrefix(b.name, "scorecards") {
		for _, tok := range strings.Fields(strings.Join(pages, "\n")) {
			if bareNumber.MatchString(tok) {
				t.Errorf("a bare number %s (a chart axis without a number format?)", tok)
			}
		}
	}
}

var (
	lastRowRef = regexp.MustCompile(`\$([0-9]+)$`)
	bareNumber = regexp.MustCompile(`^[0-9]{4,}$`)
	spaces     = regexp.MustCompile(`\s+`)
)

// squash drops white space: a heading wrapped in its cell prints as lines.
func squash(s string) string { return spaces.ReplaceAllString(s, "") }

// checkWrappedShown: every text cell of sheet in a wrapping style is
// printed whole (a row no taller than one line shows only the first line
// of its wrapped text), and so is every word of the catalog with a cell
// beside it (a reason, "not ranked": cut off by the next cell, where the
// data's own long names may be, as in any spreadsheet).
func checkWrappedShown(t *testing.T, f *excelize.File, lang, sheet, printed string) {
	t.Helper()
	words := map[string]bool{}
	for _, k := range i18n.Keys() {
		words[i18n.Lang(lang).T(k)] = true
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wraps := map[int]bool{}
	for r, cells := range rows {
		for c, text := range cells {
			if text == "" {
				continue
			}
			ref := cellRef(c+1, r+1)
			id, err := f.GetCellStyle(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			wrap, ok := wraps[id]
			if !ok {
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				wrap = st.Alignment != nil && st.Alignment.WrapText
				wraps[id] = wrap
			}
			word := words[text] && c+1 < len(cells) && cells[c+1] != ""
			if typ, _ := f.GetCellType(sheet, ref); (wrap || word) && (typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString) && !strings.Contains(printed, squash(text)) {
				t.Errorf("%s!%s: %q is not printed whole", sheet, ref, text)
			}
		}
	}
}

// rowEnds is the text of the first and the last non-empty cell of row.
func rowEnds(t *testing.T, f *excelize.File, sheet string, row int) (first, last string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || row > len(rows) {
		t.Fatalf("sheet %q row %d: %v", sheet, row, err)
	}
	for _, c := range rows[row-1] {
		if c == "" {
			continue
		}
		if first == "" {
			first = c
		}
		last = c
	}
	return first, last
}

// printedRow is one record of the CSV as a line of the printed sheet
// shows it: want, in order, as whole words of one line (or, loose, as
// parts of it: the audit's ids run into a neighbouring Chinese word).
type printedRow struct {
	sheet string
	want  []string
	loose bool
	// whole is text of the record printed whole somewhere on the sheet
	// (a wrapped cell prints apart from its row's line).
	whole string
}

// csvRows are the records of the CSV beside b as the rows of the sheet
// that prints them: each rep's allocation line (bonus, the allocation
// sheet), each rep's KPI line (scorecards, the summary), each finding or
// pending window (audit, the check's sheet or the pending sheet) and each
// line of the model. sheets is the workbook's sheets, in order.
func csvRows(t *testing.T, b printedBook, lang string, sheets []string) []printedRow {
	t.Helper()
	if b.csv == "" {
		return nil
	}
	recs := readCSV(t, b.csv)
	col := func(r []string, name string) string {
		for i, h := range recs[0] {
			if strings.TrimPrefix(h, "\ufeff") == name {
				return r[i]
			}
		}
		t.Fatalf("%s has no column %s", b.csv, name)
		return ""
	}
	money := func(v string) string { return (&book{cur: "CNY"}).amount(v, 2) }
	wb := &book{lang: i18n.Lang(lang)}
	var out []printedRow
	for _, r := range recs[1:] {
		c := func(name string) string { return col(r, name) }
		var row printedRow
		switch {
		case strings.HasPrefix(b.name, "bonus") && c("eligible") == "true":
			row = printedRow{sheet: wb.sheet("allocation"), want: []string{c("rep_id"),
				decimal(t, c("share_sales"), 4), decimal(t, c("share_new_customers"), 4), decimal(t, c("share_satisfaction"), 4),
				decimal(t, c("score"), 4), c("responses"), percent(t, c("csat"), 2), decimal(t, c("multiplier"), 2),
				money(c("allocation")), c("rank")}}
		case strings.HasPrefix(b.name, "bonus"):
			row = printedRow{sheet: wb.sheet("allocation"), want: []string{c("rep_id"), money(c("net_sales")), money(c("allocation"))}}
		case strings.HasPrefix(b.name, "scorecards") && c("level") == "rep":
			row = printedRow{sheet: sheets[0], want: []string{money(c("net_sales")), money(c("gross_sales")), c("won_deals"), c("lost_deals"),
				percent(t, c("win_rate"), 1), c("new_customers"), c("followups"), moneyOrNot(money, c("efficiency"))}}
		case strings.HasPrefix(b.name, "model"):
			row = printedRow{sheet: sheets[0], want: []string{c("rep_id"), money(c("current")), money(c("modelled")), money(c("difference"))}}
		case strings.HasPrefix(b.name, "audit") && c("status") == "pending":
			row = printedRow{sheet: auditLabelsFor(i18n.Lang(lang)).SheetPending, loose: true, whole: unsafeText(c("detail")),
				want: []string{c("check_id"), c("customer_id"), c("date"), c("window_closes")}}
		case strings.HasPrefix(b.name, "audit"):
			row = printedRow{sheet: sheetNamed(sheets, c("check_id")+" "), loose: true, whole: unsafeText(c("detail")),
				want: []string{c("customer_id"), c("date"), c("finding_id"), c("due_date")}}
		default:
			continue
		}
		row.want = slices.DeleteFunc(row.want, func(s string) bool { return s == "" })
		out = append(out, row)
	}
	if len(out) == 0 {
		t.Fatalf("no rows read from %s", b.csv)
	}
	return out
}

// checkRows: each row of the CSV is a line of its sheet's printed pages,
// its figures as the CSV has them.
func checkRows(t *testing.T, rows []printedRow, bySheet map[string][]string) {
	t.Helper()
	for _, r := range rows {
		found := false
		for _, p := range bySheet[r.sheet] {
			// pdftotext may break a row where a cell holds odd text (the
			// XSS fixtures' names): a row is a line or two.
			lines := strings.Split(p, "\n")
			for i := range lines {
				two := strings.Join(lines[i:min(i+2, len(lines))], " ")
				if inOrder(lines[i], r.want, r.loose) || inOrder(two, r.want, r.loose) {
					found = true
					break
				}
			}
		}
		if !found {
			t.Errorf("sheet %q prints no line with %q (%d page(s))", r.sheet, r.want, len(bySheet[r.sheet]))
		}
		if r.whole != "" && !strings.Contains(squash(strings.Join(bySheet[r.sheet], "\n")), squash(r.whole)) {
			t.Errorf("sheet %q does not print %q whole", r.sheet, r.whole)
		}
	}
}

// inOrder reports whether line holds want in order: as whole words, or
// as parts of words when loose.
func inOrder(line string, want []string, loose bool) bool {
	if loose {
		for _, w := range want {
			i := strings.Index(line, w)
			if i < 0 {
				return false
			}
			line = line[i+len(w):]
		}
		return true
	}
	words := strings.Fields(line)
	for _, w := range want {
		i := slices.Index(words, w)
		if i < 0 {
			return false
		}
		words = words[i+1:]
	}
	return true
}

// decimal is the CSV's exact decimal v as a cell formatted to places
// shows it (halves away from zero); empty stays empty.
func decimal(t *testing.T, v string, places int) string {
	t.Helper()
	if v == "" {
		return ""
	}
	r, ok := new(big.Rat).SetString(v)
	if !ok {
		t.Fatalf("%q is not a decimal", v)
	}
	return r.FloatString(places)
}

// percent is the CSV's ratio v as a percentage cell of places shows it.
func percent(t *testing.T, v string, places int) string {
	t.Helper()
	if v == "" {
		return ""
	}
	r, ok := new(big.Rat).SetString(v)
	if !ok {
		t.Fatalf("%q is not a decimal", v)
	}
	return r.Mul(r, big.NewRat(100, 1)).FloatString(places) + "%"
}

func moneyOrNot(money func(string) string, v string) string {
	if v == "" {
		return ""
	}
	return money(v)
}

// unsafeText undoes SafeText's quote before a formula's first character:
// the workbook shows the text as it is.
func unsafeText(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// sheetNamed is the first of sheets that begins with prefix.
func sheetNamed(sheets []string, prefix string) string {
	for _, s := range sheets {
		if strings.HasPrefix(s, prefix) {
			return s
		}
	}
	return prefix
}

// pdfPageTexts is each page's text in drawing order (pdftotext -raw), so
// the lines of a wrapped cell stay together.
func pdfPageTexts(t *testing.T, pdf string) []string {
	t.Helper()
	pages := strings.Split(run(t, "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	if len(pages) == 0 {
		t.Fatalf("%s: no pages", pdf)
	}
	return pages
}

func firstLines(pages []string) []string {
	var out []string
	for _, p := range pages {
		first, _, _ := strings.Cut(p, "\n")
		out = append(out, first)
	}
	return out
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}
