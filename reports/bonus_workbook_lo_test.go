package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
)

// recalcProfile makes LibreOffice recalculate every formula of an OOXML
// file on load (Calc's "Recalculation on file load: always"), so the CSVs
// show LibreOffice's own results, not the cached values.
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// TestBonusWorkbookLibreOfficeRecalc has LibreOffice recalculate each
// workbook from its formulas and compares the pool, the allocations and the
// check cell with the Bonus rows to the cent. A second copy of each
// workbook has every cached formula value replaced by 999, so passing
// proves the figures came from recalculation.
func TestBonusWorkbookLibreOfficeRecalc(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice recalculation is slow; skipped with -short")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (LibreOffice) is required under CI to recalculate the workbook")
		}
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "csv")
	profile := filepath.Join(dir, "lo")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	type job struct {
		c       workbookCase
		b       bonus.Month
		path    string
		corrupt bool
	}
	var jobs []job
	args := []string{"--headless", "-env:UserInstallation=file://" + profile,
		"--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", out}
	for _, c := range workbookCases {
		b, path := writeCase(t, c, dir)
		bad := strings.TrimSuffix(path, ".xlsx") + "-corrupt.xlsx"
		corruptCachedValues(t, path, bad, c.lang)
		jobs = append(jobs, job{c, b, path, false}, job{c, b, bad, true})
		args = append(args, path, bad)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if msg, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, j := range jobs {
		name := filepath.Base(j.path)
		t.Run(name, func(t *testing.T) {
			wb := &book{lang: i18n.Lang(j.c.lang)}
			base := filepath.Join(out, strings.TrimSuffix(name, ".xlsx"))
			sum := readCSV(t, base+"-"+wb.sheet("summary")+".csv")
			alloc := readCSV(t, base+"-"+wb.sheet("allocation")+".csv")
			at := func(g [][]string, row, col int) string {
				if row-1 < len(g) && col-1 < len(g[row-1]) {
					return g[row-1][col-1]
				}
				return ""
			}
			if got := [3]string{cents(t, at(sum, sumPool, 2)), cents(t, at(sum, sumAllocated, 2)), at(sum, sumCheck, 2)}; got != [3]string{j.b.Pool.String(), j.b.Allocated.String(), "OK"} {
				t.Errorf("recalculated pool, allocated, check = %v; bonus %s %s", got, j.b.Pool, j.b.Allocated)
			}
			n := 0
			for _, r := range j.b.Rows {
				if !r.Eligible {
					continue
				}
				row := allocFirstRow + n
				n++
				if at(alloc, row, colRep) != r.RepID {
					t.Fatalf("row %d holds %q, want %s", row, at(alloc, row, colRep), r.RepID)
				}
				if got := cents(t, at(alloc, row, colAlloc)); got != r.Allocation.String() {
					t.Errorf("%s: recalculated allocation %s, bonus %s", r.RepID, got, r.Allocation)
				}
				if got := at(alloc, row, colRank); got != itoa(int(r.Rank)) {
					t.Errorf("%s: recalculated rank %s, bonus %d", r.RepID, got, r.Rank)
				}
				// Raw and score agree with the exact values well past the cent.
				for _, x := range []struct {
					col  int
					want bonus.Rate
				}{{colRaw, r.Raw}, {colScore, r.Score}, {colAdjusted, r.Adjusted}, {colMult, r.Multiplier}} {
					got, ok := new(big.Rat).SetString(at(alloc, row, x.col))
					if !ok {
						t.Fatalf("%s column %d: %q is not a number", r.RepID, x.col, at(alloc, row, x.col))
					}
					if diff := new(big.Rat).Abs(new(big.Rat).Sub(got, x.want.OrZero())); diff.Cmp(big.NewRat(1, 1_000_000)) > 0 {
						t.Errorf("%s column %d: recalculated %s, exact %s", r.RepID, x.col, at(alloc, row, x.col), x.want)
					}
				}
			}
		})
	}
}

// corruptCachedValues copies the workbook with every formula's cached value
// set to 999, and checks that a non-recalculating reader now sees 999.
func corruptCachedValues(t *testing.T, src, dst, lang string) {
	t.Helper()
	replaceCachedValues(t, src, dst)
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue((&book{lang: i18n.Lang(lang)}).sheet("summary"), cellRef(2, sumPool), excelize.Options{RawCellValue: true}); v != "999" {
		t.Fatalf("corrupted copy still shows pool %q", v)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// cents reads a recalculated number and rounds it half-up to the cent.
func cents(t *testing.T, s string) string {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Errorf("%q is not a number", s)
		return s
	}
	return money.RoundHalfUpRat(r).String()
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// replaceCachedValues copies the workbook at src to dst with every formula's
// cached value replaced by 999, so only a reader that recalculates gets the
// figures back, and returns how many it replaced.
func replaceCachedValues(t *testing.T, src, dst string) int {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	re := regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"[^>]*)( t="str")?(><f>[^<]*</f>)<v>[^<]*</v>`)
	n := 0
	for _, zf := range zr.File {
		data, err := readZipFile(zf)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			n += len(re.FindAll(data, -1))
			data = re.ReplaceAll(data, []byte(`$1$3<v>999</v>`))
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return n
}
