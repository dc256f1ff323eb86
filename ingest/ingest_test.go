package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

func gbk(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(t *testing.T, s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const contractsZH = "合同编号,客户编号,销售编号,合同状态,合同金额,签约日期,是否归档\n" +
	"HT-1,C1,R1,已签约,\"¥1,234.50\",2026年3月5日,是\n" +
	"HT-2,C2,R2,丢单,,2026年3月6日,否\n" +
	"HT-3,C1,R1,已签约,1.2万,2026年3月7日,否\n"

// The same contracts in every encoding and delimiter load the same rows.
func TestEncodingsAndDelimiters(t *testing.T) {
	want := [][]string{
		{"HT-1", "C1", "R1", "won", "1234.50", "2026-03-05", "true"},
		{"HT-2", "C2", "R2", "lost", "NULL", "2026-03-06", "false"},
		{"HT-3", "C1", "R1", "won", "12000.00", "2026-03-07", "false"},
	}
	semi := []byte("合同编号;客户编号;销售编号;合同状态;合同金额;签约日期;是否归档\r\nHT-1;C1;R1;已签约;\"¥1,234.50\";2026年3月5日;是\r\n\r\nHT-2;C2;R2;丢单;;2026年3月6日;否\r\n\"HT-3\";C1;R1;已签约;1.2万;2026年3月7日;否\r\n")
	for name, data := range map[string][]byte{
		"utf8.csv":    []byte(contractsZH),
		"bom.csv":     append([]byte("\ufeff"), contractsZH...),
		"gbk.csv":     gbk(t, contractsZH),
		"utf16.csv":   utf16le(t, contractsZH),
		"semi.csv":    semi,
		"tabbed.tsv":  []byte(replaceAll(contractsZH, ",", "\t", "\"¥1\t234.50\"", "¥1,234.50")),
		"gbksemi.csv": gbk(t, string(semi)),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, name, data)
			cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: name})
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			rep, err := Ingest(context.Background(), w, cfg, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := queryStrings(t, w.DB, "SELECT deal_id, customer_id, rep_id, status, amount, close_date, contract_archived FROM deals ORDER BY deal_id")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("deals (-want +got):\n%s", diff)
			}
			if tot := rep.Totals(); tot.Inserted != 3 || tot.Rejected != 0 {
				t.Errorf("totals %+v", tot)
			}
		})
	}
}

func replaceAll(s string, pairs ...string) string {
	for i := 0; i < len(pairs); i += 2 {
		s = stringsReplace(s, pairs[i], pairs[i+1])
	}
	return s
}

// A Latin-1 file is refused with its byte offset, not garbled into Chinese.
func TestLatin1Refused(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "l1.csv", []byte("deal_id,rep_id,customer_id,status,amount\nD1,M\xfcller,C1,open,\nD2,Jos\xe9,C1,open,\n"))
	_, _, err := Validate(context.Background(), p, "sales", config.Source{}, testConfig(t, dir), Options{})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Offset != 45 {
		t.Fatalf("err = %#v; want a FileError at byte offset 45", err)
	}
}

// Physical lines survive quoted line breaks and blank lines.
func TestLineNumbersWithMultilineRecords(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "m.csv", []byte("deal_id,rep_id,customer_id,status,amount,product\nD1,R1,C1,open,,\"two\nlines\"\n\nD2,R1,C1,bogus,,x\n"))
	_, rejects, _ := Validate(context.Background(), p, "sales", config.Source{}, testConfig(t, dir), Options{})
	if len(rejects) != 1 || rejects[0].Line != 5 {
		t.Fatalf("rejects = %v; want one on line 5", rejects)
	}
}

// Loading a folder three times gives the same totals as once; a corrected
// re-export updates by key and history keeps the earlier version.
func TestIdempotenceAndCorrections(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "in/a.csv", []byte(contractsZH))
	writeFile(t, dir, "in/b.csv", gbk(t, contractsZH)) // same records, other bytes: unchanged
	cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: "in"})
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	ctx := context.Background()
	var reports []FileReport
	for range 3 {
		rep, err := Ingest(ctx, w, cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep.Totals())
	}
	want := []FileReport{
		{Path: "total", Read: 6, Inserted: 3, Unchanged: 3},
		{Path: "total"}, {Path: "total"},
	}
	if diff := cmp.Diff(want, reports); diff != "" {
		t.Errorf("totals of three runs (-want +got):\n%s", diff)
	}
	total := queryStrings(t, w.DB, "SELECT count(*), sum(amount) FROM deals")
	if diff := cmp.Diff([][]string{{"3", "13234.50"}}, total); diff != "" {
		t.Error(diff)
	}
	writeFile(t, dir, "in/c-corrections.csv", []byte("合同编号,客户编号,销售编号,合同状态,合同金额,签约日期\nHT-1,C1,R1,已签约,\"¥1,300.00\",2026年3月5日\n"))
	rep, err := Ingest(ctx, w, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Totals(); got.Updated != 1 || got.Inserted != 0 {
		t.Errorf("corrections: %+v", got)
	}
	got := queryStrings(t, w.DB, `SELECT d.amount, h.amount, h._superseded_by = d._batch FROM deals d JOIN deals_history h USING (deal_id) WHERE deal_id = 'HT-1'`)
	if diff := cmp.Diff([][]string{{"1300.00", "1234.50", "true"}}, got); diff != "" {
		t.Error(diff)
	}
}

// Above the threshold nothing of the batch lands, and the error names the
// file, the counts and the first reasons.
func TestThresholdRollsBackTheBatch(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "reps.csv", []byte("工号,姓名\nR1,张三\n"))
	writeFile(t, dir, "sales.csv", []byte(contractsZH+"HT-4,C1,R1,已签约,abc,2026年3月7日,否\n"))
	cfg := testConfig(t, dir, config.Source{Name: "r", Kind: "reps", Path: "reps.csv"}, config.Source{Name: "s", Kind: "sales", Path: "sales.csv"})
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	_, err := Ingest(context.Background(), w, cfg, Options{})
	var te *ThresholdError
	if !errors.As(err, &te) || !errors.Is(err, faults.ErrData) {
		t.Fatalf("err = %v", err)
	}
	if te.Rows != 4 || te.Rejected != 1 || len(te.First) != 1 || te.First[0].Line != 5 {
		t.Errorf("threshold error %+v", te)
	}
	got := queryStrings(t, w.DB, "SELECT (SELECT count(*) FROM reps), (SELECT count(*) FROM deals), (SELECT status FROM ingest_batches)")
	if diff := cmp.Diff([][]string{{"0", "0", "failed"}}, got); diff != "" {
		t.Error(diff)
	}
}

// An XLSX with a merged title row, Chinese headers, numeric amounts with
// float noise and serial dates.
func TestXLSX(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	sh := "合同"
	f.SetSheetName("Sheet1", sh)
	f.SetCellValue(sh, "A1", "2026年3月合同台账")
	f.MergeCell(sh, "A1", "D1")
	f.SetSheetRow(sh, "A2", &[]any{"合同编号", "销售编号", "客户编号", "合同状态", "合同金额", "签约日期"})
	f.SetSheetRow(sh, "A3", &[]any{"HT-1", "R1", "C1", "已签约", 1234.565, 46086})
	f.SetSheetRow(sh, "A4", &[]any{"HT-2", "R1", "C1", "已签约", "¥99.90", "2026/3/6"})
	f.SetSheetRow(sh, "A6", &[]any{"HT-3", "R1", "C1", "已签约", "x", "2026/3/6"})
	p := filepath.Join(dir, "c.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	th := config.D("0.5")
	cfg := testConfig(t, dir, config.Source{Name: "x", Kind: "sales", Path: "c.xlsx", RejectThreshold: &th})
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	if _, err := Ingest(context.Background(), w, cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, "SELECT deal_id, amount, close_date, _line, _sheet FROM deals ORDER BY 1")
	want := [][]string{{"HT-1", "1234.57", "2026-03-05", "3", sh}, {"HT-2", "99.90", "2026-03-06", "4", sh}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	rej := queryStrings(t, w.DB, "SELECT line, sheet, column_name, value FROM rejects")
	if diff := cmp.Diff([][]string{{"6", sh, "合同金额", "x"}}, rej); diff != "" {
		t.Error(diff)
	}
}

// Parquet and JSON Lines are read by DuckDB and parsed like text.
func TestParquetAndJSONL(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "f.jsonl", []byte(`{"ticket_id":"T1","customer_id":"C1","类型":"投诉","opened_at":"2026-03-05 10:00"}`+"\n"+`{"ticket_id":"T2","customer_id":"C2","类型":"建议","opened_at":"2026-03-06T02:00:00Z"}`+"\n"))
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	pq := filepath.Join(dir, "s.parquet")
	if _, err := w.DB.Exec(`COPY (SELECT 'S1' AS survey_id, 'C1' AS customer_id, DATE '2026-03-05' AS survey_date, 5 AS score) TO '` + pq + `' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, dir, config.Source{Name: "t", Kind: "tickets", Path: "f.jsonl"}, config.Source{Name: "s", Kind: "surveys", Path: "s.parquet"})
	if _, err := Ingest(context.Background(), w, cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, "SELECT ticket_id, kind, opened_at, _line FROM tickets ORDER BY 1")
	want := [][]string{{"T1", "complaint", "2026-03-05 10:00:00", "1"}, {"T2", "suggestion", "2026-03-06 10:00:00", "2"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := queryStrings(t, w.DB, "SELECT survey_id, score FROM surveys"); !cmp.Equal(got, [][]string{{"S1", "5"}}) {
		t.Errorf("surveys %v", got)
	}
}

// An HTTPS source with a bearer token from the environment, retried after
// a 503.
func TestHTTPSource(t *testing.T) {
	calls := 0
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		if calls == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("工号,姓名\nR1,张三\n"))
	}))
	defer srv.Close()
	t.Setenv("SALESOPS_TEST_TOKEN", "s3cret")
	dir := t.TempDir()
	cfg := testConfig(t, dir, config.Source{Name: "h", Kind: "reps", URL: srv.URL + "/reps.csv", TokenEnv: "SALESOPS_TEST_TOKEN", Retries: new(2)})
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	rep, err := Ingest(context.Background(), w, cfg, Options{HTTP: srv.Client(), Backoff: 1})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || rep.Files[0].Path != srv.URL+"/reps.csv" || rep.Totals().Inserted != 1 {
		t.Errorf("calls %d, report %+v", calls, rep)
	}
	// The default client verifies TLS: the test server's certificate is not trusted.
	_, err = Ingest(context.Background(), w, config.Config(cfg), Options{})
	if err == nil {
		t.Error("an untrusted certificate was accepted")
	}
	_ = os.Getenv
}
