package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
)

// sharedData is the folder of real public exports (never copied here).
func sharedData(t *testing.T) string {
	root := os.Getenv("SALESOPS_SHARED_DATA")
	if root == "" {
		root = filepath.Join("..", "..", "shared", "data")
	}
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data %s: %v", root, err)
		}
		t.Skipf("shared data %s absent", root)
	}
	abs, _ := filepath.Abs(root)
	return abs
}

func loadYAML(t *testing.T, dir, text string) config.Config {
	t.Helper()
	p := writeFile(t, dir, "salesops.yaml", []byte(text))
	cfg, err := config.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// The Maven CRM pipeline, original and Excel-resaved (M/D/YYYY dates), load
// as docs/ingest.md shows and give identical totals.
func TestMavenCRM(t *testing.T) {
	data := sharedData(t)
	var totals [][][]string
	for _, v := range []struct{ path, layout string }{
		{"maven-crm/original/sales_pipeline.csv", ""},
		{"maven-crm/excel-resaved/sales_pipeline_mdy_dates.csv", "    date_layout: 1/2/2006\n"},
	} {
		dir := t.TempDir()
		cfg := loadYAML(t, dir, `version: 1
base_currency: USD
sources:
  - name: reps
    kind: reps
    path: `+data+`/maven-crm/original/sales_teams.csv
    columns: {sales_agent: rep_id, manager: manager_id}
  - name: accounts
    kind: customers
    path: `+data+`/maven-crm/original/accounts.csv
    columns: {account: customer_id}
  - name: pipeline
    kind: sales
    path: `+data+"/"+v.path+`
`+v.layout+`    values:
      status: {Won: won, Lost: lost, Engaging: open, Prospecting: open}
`)
		w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
		rep, err := Ingest(context.Background(), w, cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		rep.WriteText(&b)
		t.Log(b.String())
		totals = append(totals, queryStrings(t, w.DB, `SELECT status, count(*), sum(amount), min(close_date), max(close_date), min(created_date)
			FROM deals GROUP BY 1 ORDER BY 1`))
	}
	want := [][]string{
		// Hand-checked with awk over the original CSV.
		{"lost", "2473", "0.00", "2017-03-01", "2017-12-31", "2016-11-04"},
		{"open", "2089", "NULL", "NULL", "NULL", "2016-11-03"}, // 1589 Engaging + 500 Prospecting
		{"won", "4238", "10005534.00", "2017-03-01", "2017-12-31", "2016-10-20"},
	}
	if diff := cmp.Diff(totals[0], totals[1]); diff != "" {
		t.Errorf("original and resaved differ (-original +resaved):\n%s", diff)
	}
	if diff := cmp.Diff(want, totals[0]); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
}

// The GBK fixture and EasyExcel's UTF-8 CSVs (with and without BOM) load as
// rosters; EasyExcel's demo workbook maps to no kind and is refused with
// the missing columns named.
func TestChineseFixtures(t *testing.T) {
	data := sharedData(t)
	dir := t.TempDir()
	cfg := loadYAML(t, dir, `version: 1
sources:
  - name: gbk-roster
    kind: reps
    path: `+data+`/gbk-fixture/gbk.csv
    columns: {序号: rep_id, 职业: team}
  - name: easyexcel-roster
    kind: customers
    path: `+data+`/easyexcel-fixtures/bom/*.csv
    columns: {姓名: customer_id}
`)
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	rep, err := Ingest(context.Background(), w, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, "SELECT rep_id, name, team FROM reps ORDER BY rep_id")
	want := [][]string{{"1", "张三", "丐帮"}, {"2", "lisi", "恒山派"}, {"3", "王五", "华山派"}, {"4", "秦六", "少林寺"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GBK roster (-want +got):\n%s", diff)
	}
	if rep.Files[0].Encoding != "gb18030" || rep.Files[1].Encoding != "utf-8" || rep.Files[2].Encoding != "utf-8-bom" {
		t.Errorf("encodings %+v", rep.Files)
	}
	if tot := rep.Totals(); tot.Inserted != 4+10 || tot.Unchanged != 10 || tot.Rejected != 0 {
		t.Errorf("totals %+v", tot)
	}
	for _, f := range []string{"demo/demo.xlsx", "demo/demo.csv"} {
		_, _, err := Validate(context.Background(), filepath.Join(data, "easyexcel-fixtures", f), "surveys",
			config.Source{Columns: map[string]string{"字符串标题": "survey_id", "日期标题": "survey_date", "数字标题": "score"}}, cfg, Options{})
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "missing required columns customer_id") {
			t.Errorf("%s: %v", f, err)
		}
	}
}
