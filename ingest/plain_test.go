package ingest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/salesops/salesops/config"
)

// loadBoth ingests the batches (each a list of file name → content) into
// two fresh warehouses, one as usual and one with the plain path off, and
// fails the test unless the two warehouses and errors are the same. It
// returns how many files the plain path loaded and how many it left.
func loadBoth(t *testing.T, kind string, batches ...map[string]string) (plain, left int) {
	t.Helper()
	dir := t.TempDir()
	var dumps [2]string
	for i, general := range []bool{false, true} {
		var logs bytes.Buffer
		log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		w := openWarehouse(t, filepath.Join(dir, fmt.Sprintf("w%d.duckdb", i)))
		var b strings.Builder
		for n, files := range batches {
			// A name "kind/file" is a file of that kind; others are of kind.
			in := filepath.Join(dir, fmt.Sprintf("in%d", n))
			kinds := map[string]bool{}
			for name, content := range files {
				k, _, ok := strings.Cut(name, "/")
				if !ok {
					k, name = kind, kind+"/"+name
				}
				kinds[k] = true
				writeFile(t, in, name, []byte(content))
			}
			var sources []config.Source
			for k := range kinds {
				sources = append(sources, config.Source{Name: k, Kind: k, Path: filepath.Join(in, k, "*")})
			}
			cfg := testConfig(t, dir, sources...)
			now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
			_, err := Ingest(context.Background(), w, cfg, Options{Log: log, Now: func() time.Time { return now }, generalOnly: general})
			fmt.Fprintf(&b, "batch %d: err %v\n", n, err)
		}
		for _, q := range []string{
			"SELECT * FROM " + ident(specs[kind].table) + " ORDER BY ALL",
			"SELECT * FROM rejects ORDER BY ALL",
			"SELECT * FROM ingest_warnings ORDER BY ALL",
			`SELECT batch_id, source, kind, path, content_hash, bytes, encoding, format, rows_read, rows_inserted, rows_updated,
				rows_unchanged, rows_rejected, status, message FROM ingest_files ORDER BY ALL`,
			"SELECT batch_id, status, files, error FROM ingest_batches ORDER BY ALL",
		} {
			for _, r := range queryStrings(t, w.DB, q) {
				b.WriteString(strings.Join(r, " | ") + "\n")
			}
			b.WriteString("--\n")
		}
		dumps[i] = strings.ReplaceAll(b.String(), dir, "DIR")
		if !general {
			plain = strings.Count(logs.String(), `msg="plain path"`)
			left = strings.Count(logs.String(), `msg="plain path left"`) + strings.Count(logs.String(), `msg="ingest restarts the batch`)
		}
	}
	if d := cmp.Diff(dumps[1], dumps[0]); d != "" {
		t.Fatalf("the plain path (+) differs from the general path (-):\n%s", d)
	}
	return plain, left
}

const salesHeader = "deal_id,rep_id,customer_id,status,amount,close_date,product,contract_archived\n"

// Each case is loaded both ways; want says whether the plain path keeps it.
func TestPlainMatchesGeneral(t *testing.T) {
	cases := []struct {
		name, kind, file, body string
		want                   bool
	}{
		{"clean", "sales", "a.csv", salesHeader + "D1,R1,C1,won,100.50,2026-10-03,P,yes\nD2,R2,,open,,,,\nD3,R1,C2,lost,-5,2024-02-29,Q,N\n", true},
		{"quotes, CRLF and a BOM", "sales", "a.csv", "\ufeff" + strings.ReplaceAll(salesHeader+"D1,R1,C1,won,1,2026-10-03,\"a, \"\"b\"\"\",\nD2,R1,C1,won,2,2026-10-03,\"\",\n", "\n", "\r\n"), true},
		{"repeated keys: the later line wins", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-10-03,,\nD2,R1,C1,won,2,2026-10-03,,\nD1,R2,C1,won,3,2026-10-04,,\nD2,R1,C1,won,2,2026-10-03,,\nD1,R3,C1,won,4,2026-10-05,,\n", true},
		{"a blank record is skipped", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-10-03,,\n,,,,,,,\nD2,R1,C1,won,2,2026-10-03,,\n", true},
		{"words in other spellings", "sales", "a.csv", salesHeader + "D1,R1,C1,WON,1,2026-10-03,,Yes\nD2,R1,C1,Closed Won,1,2026-10-03,,是\nD3,R1,C1,已签约,1,2026-10-03,,0\nD4,R1,,Canceled,,,,\n", true},
		{"tab-separated", "sales", "a.tsv", strings.ReplaceAll(salesHeader+"D1,R1,C1,won,1,2026-10-03,x y,\n", ",", "\t"), true},
		{"header only", "sales", "a.csv", salesHeader, true},
		{"no final newline", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-10-03,,", true},
		{"an amount with a thousands separator, last", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-10-03,,\nD2,R1,C1,won,\"1,234.50\",2026-10-03,,\n", false},
		{"a won deal without a close date", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-10-03,,\nD2,R1,C1,won,1,,,\n", false},
		{"a won deal without an amount", "sales", "a.csv", salesHeader + "D2,R1,C1,won,,2026-10-03,,\n", false},
		{"a cancelled deal with a close date needs a customer", "sales", "a.csv", salesHeader + "D2,R1,,cancelled,5,2026-10-03,,\n", false},
		{"no such day", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-29,,\n", false},
		{"a date in another form", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026/2/3,,\n", false},
		{"cents past two places", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1.005,2026-02-03,,\n", false},
		{"a space around a value", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-03, P,\n", false},
		{"an ideographic space", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-03,P\u3000,\n", false},
		{"a stray quote", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-03,5\" screen,\n", false},
		{"an unknown word", "sales", "a.csv", salesHeader + "D1,R1,C1,maybe,1,2026-02-03,,\n", false},
		{"a missing key", "sales", "a.csv", salesHeader + ",R1,C1,open,1,2026-02-03,,\n", false},
		{"a quoted line break", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-03,\"a\nb\",\n", false},
		{"a blank line", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-03,,\n\nD2,R1,C1,won,1,2026-02-03,,\n", false},
		{"a short record", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-03\n", false},
		{"not UTF-8", "sales", "a.csv", salesHeader + "D1,R1,C1,won,1,2026-02-03,caf\xe9,\n", false},
		{"a currency column", "sales", "a.csv", "deal_id,rep_id,customer_id,status,amount,currency,close_date\nD1,R1,C1,won,1,CNY,2026-02-03\n", false},
		{"reps", "reps", "r.csv", "rep_id,name,team,hire_date,leave_date\nR1,Ann,East,2020-01-06,\nR2,,West,,2026-03-31\n", true},
		{"customers", "customers", "c.csv", "customer_id,company_name,owner_rep_id,created_date\nC1,Acme,R1,2025-01-02\nC2,,R2,\n", true},
		{"surveys", "surveys", "s.csv", "survey_id,customer_id,rep_id,survey_date,score\nS1,C1,R1,2026-10-01,5\nS2,C2,,2026-10-02,1\n", true},
		{"a score off the scale", "surveys", "s.csv", "survey_id,customer_id,rep_id,survey_date,score\nS1,C1,R1,2026-10-01,5\nS2,C2,,2026-10-02,6\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plain, left := loadBoth(t, c.kind, map[string]string{c.file: c.body})
			if got := plain == 1; got != c.want {
				t.Errorf("plain path kept the file: %v, want %v (left it %d times)", got, c.want, left)
			}
		})
	}
}

// A second batch finds the table filled: the general path merges.
func TestPlainOnlyIntoEmptyTable(t *testing.T) {
	plain, _ := loadBoth(t, "sales",
		map[string]string{"a.csv": salesHeader + "D1,R1,C1,won,1,2026-10-03,,\nD2,R1,C1,won,2,2026-10-03,,\n"},
		map[string]string{"b.csv": salesHeader + "D1,R1,C1,won,1,2026-10-03,,\nD2,R1,C1,won,3,2026-10-03,,\nD3,R1,C1,open,,,,\n"})
	if plain != 1 {
		t.Errorf("plain path loaded %d files, want the first only", plain)
	}
}

// A GB18030 file sent twice: the plain path only presumes UTF-8 before
// reading, so the skipped second copy must record the encoding found when
// the first was loaded.
func TestPlainSkippedKeepsEncoding(t *testing.T) {
	body, err := simplifiedchinese.GB18030.NewEncoder().String("合同编号,销售编号,客户编号,状态,金额,签约日期\nD1,R1,C1,已签约,100,2026-10-03\n")
	if err != nil {
		t.Fatal(err)
	}
	loadBoth(t, "sales", map[string]string{"a.csv": body}, map[string]string{"a.csv": body})
}

// restartAfter makes a file that leaves the plain path after inserting n
// rows restart the batch, for one test.
func restartAfter(t *testing.T, n int64) {
	old := plainRestartRows
	plainRestartRows = n
	t.Cleanup(func() { plainRestartRows = old })
}

// A file that leaves the plain path late restarts the batch: the files
// before it load again, and it takes the general path; the batch keeps
// its number.
func TestPlainRestart(t *testing.T) {
	restartAfter(t, 1)
	plain, left := loadBoth(t, "sales", map[string]string{
		"reps/r.csv":  "rep_id,name,team,hire_date\nR1,Ann,East,2020-01-06\n",
		"sales/a.csv": salesHeader + "D1,R1,C1,won,1,2026-10-03,,\nD2,R1,C1,won,\"1,234.50\",2026-10-03,,\n",
	}, map[string]string{
		"sales/b.csv": salesHeader + "D3,R1,C1,won,1,2026-10-03,,\n",
	})
	// reps twice (before and after the restart); sales/a.csv restarts once.
	if plain != 2 || left != 1 {
		t.Errorf("plain path kept %d files and left %d, want 2 and 1", plain, left)
	}
}

// Random files, mostly plain, with now and then a value in another form,
// a row a rule rejects, a repeated key or a blank record, loaded both ways.
func TestPlainMatchesGeneralRandom(t *testing.T) {
	seeds := 60
	if testing.Short() {
		seeds = 15
	}
	loadRandomBoth(t, "sales", seeds, 7, func(r *rand.Rand) string {
		var b strings.Builder
		b.WriteString(salesHeader)
		for i := range 20 + r.IntN(200) {
			if r.IntN(300) == 0 {
				b.WriteString(",,,,,,,\n")
				continue
			}
			id := fmt.Sprintf("D%d", i)
			if r.IntN(50) == 0 {
				id = fmt.Sprintf("D%d", r.IntN(i+1))
			}
			status := rarely(r, 1500, []string{"won", "won", "lost", "open", "cancelled", "Won", "signed", "赢单"}, []string{"", "maybe", " won"})
			amount := rarely(r, 1500, []string{"100", "99.9", "0.01", "-12.50", "1234567.00", "7.", "-0", "9999999999999999.99", "0000012.3"}, []string{"1,000", "¥5", "1.2万", "3.333", "abc"})
			date := rarely(r, 1500, []string{"2026-10-03", "2025-12-31", "2024-02-29", "1000-01-01", "9999-12-31"}, []string{"", "2026/10/3", "2026-13-01", "2026年10月3日"})
			if status == "open" {
				date = rarely(r, 1500, []string{"", "2026-10-03"}, []string{"x"})
			}
			cust := rarely(r, 1500, []string{"C1", "C2", "客户3"}, []string{"", " C4"})
			product := rarely(r, 1500, []string{"", "Basic", "\"Pro, yearly\"", "\"say \"\"hi\"\"\"", "套餐"}, []string{"a\"b", "\"\u3000x\""})
			arch := rarely(r, 1500, []string{"", "yes", "no", "Y", "否"}, []string{"maybe"})
			fmt.Fprintf(&b, "%s,R%d,%s,%s,%s,%s,%s,%s\n", id, r.IntN(5), cust, status, amount, date, product, arch)
		}
		return b.String()
	})
}

// loadRandomBoth loads the file gen writes from each seed's random source
// both ways (loadBoth), and wants both outcomes among the files. The odd
// files restart the batch when they leave the plain path; every third
// file has more rows than key hashes kept, so SQL looks for its repeated
// keys, and every third other one has its hashes sorted in runs of two,
// written to a file, or, one time in two, to a folder that does not exist,
// so that SQL checks them.
func loadRandomBoth(t *testing.T, kind string, seeds int, stream uint64, gen func(r *rand.Rand) string) {
	t.Helper()
	restartRows, hashes, run, dir := plainRestartRows, maxPlainHashes, hashRun, keysDir
	t.Cleanup(func() { plainRestartRows, maxPlainHashes, hashRun, keysDir = restartRows, hashes, run, dir })
	var plainFiles, leftFiles int
	for seed := range seeds {
		text := gen(rand.New(rand.NewPCG(uint64(seed), stream)))
		plainRestartRows, maxPlainHashes, hashRun, keysDir = restartRows, hashes, run, dir
		if seed%3 == 1 {
			hashRun = 2 // the keys are checked in sorted runs, merged
			if seed%2 == 0 {
				keysDir = filepath.Join(t.TempDir(), "missing")
			}
		}
		if seed%2 == 1 {
			plainRestartRows = 1
		}
		if seed%3 == 0 {
			maxPlainHashes = 10
		}
		plain, left := loadBoth(t, kind, map[string]string{"a.csv": text})
		plainFiles += plain
		leftFiles += left
	}
	t.Logf("%d files: %d kept on the plain path, %d left it", seeds, plainFiles, leftFiles)
	if plainFiles == 0 || leftFiles == 0 {
		t.Errorf("the cases did not exercise both outcomes: %d kept, %d left", plainFiles, leftFiles)
	}
}

// rarely is one of plain, or one time in oneIn one of other.
func rarely(r *rand.Rand, oneIn int, plain, other []string) string {
	if r.IntN(oneIn) == 0 {
		return other[r.IntN(len(other))]
	}
	return plain[r.IntN(len(plain))]
}

func TestPlainValuesMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	digitsOf := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	for range 200000 {
		s := digitsOf(1 + r.IntN(16))
		switch r.IntN(4) {
		case 1:
			s += "." + digitsOf(r.IntN(4))
		case 2:
			s = "-" + s
		case 3:
			s = digitsOf(r.IntN(3)) + "." + digitsOf(r.IntN(3))
		}
		c, ok := plainMoney([]byte(s))
		want, err := ParseMoney(s)
		if ok && (err != nil || int64(want) != c) {
			t.Fatalf("plainMoney(%q) = %d, reference %d, %v", s, c, want, err)
		}
	}
	for d := time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2401; d = d.AddDate(0, 0, 1+r.IntN(3)) {
		s := d.Format("2006-01-02")
		days, ok := plainDate([]byte(s))
		if !ok || days != d.Unix()/86400 {
			t.Fatalf("plainDate(%q) = %d, %v; want %d", s, days, ok, d.Unix()/86400)
		}
	}
	for _, s := range []string{"2026-02-29", "2026-04-31", "2026-00-10", "2026-13-01", "0999-01-01", "2026-1-01", "2026/01/01", "2024-02-30"} {
		if _, ok := plainDate([]byte(s)); ok {
			t.Errorf("plainDate(%q) accepted", s)
		}
	}
	if d, ok := plainDate([]byte("2024-02-29")); !ok || d != time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC).Unix()/86400 {
		t.Errorf("plainDate(2024-02-29) = %d, %v", d, ok)
	}
	for _, c := range []struct {
		s  string
		n  int64
		ok bool
	}{{"5", 5, true}, {"-0", 0, true}, {"123456789", 123456789, true}, {"1234567890", 0, false}, {"+5", 0, false}, {"5.0", 0, false}, {"", 0, false}} {
		if n, ok := plainInt([]byte(c.s)); n != c.n || ok != c.ok {
			t.Errorf("plainInt(%q) = %d, %v", c.s, n, ok)
		}
	}
}
