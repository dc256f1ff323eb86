package demo

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// aliases is exports.md's table of headers recognised without configuration,
// as alias → field per kind (the field names themselves are added below).
var aliases = map[string]map[string]string{
	"reps": {"销售编号": "rep_id", "工号": "rep_id", "姓名": "name", "团队": "team", "区域": "region", "主管": "manager_id",
		"入职日期": "hire_date", "离职日期": "leave_date"},
	"customers": {"客户编号": "customer_id", "account_id": "customer_id", "公司名称": "company_name", "联系人": "contact_name",
		"联系电话": "phone", "邮箱": "email", "sector": "industry", "地区": "region", "lead_source": "source",
		"客户负责人": "owner_rep_id", "创建日期": "created_date"},
	"sales": {"合同编号": "deal_id", "opportunity_id": "deal_id", "客户编号": "customer_id", "account": "customer_id",
		"销售编号": "rep_id", "sales_agent": "rep_id", "状态": "status", "deal_stage": "status", "合同金额": "amount",
		"close_value": "amount", "币种": "currency", "立项日期": "created_date", "engage_date": "created_date",
		"签约日期": "close_date", "取消日期": "cancel_date", "产品": "product", "合同归档": "contract_archived"},
	"followups": {"跟进编号": "followup_id", "客户编号": "customer_id", "跟进人": "rep_id", "跟进时间": "followup_at",
		"跟进方式": "channel", "销售阶段": "stage", "跟进内容": "content", "跟进结果": "result", "下次跟进日期": "next_followup_date"},
	"surveys": {"问卷编号": "survey_id", "客户编号": "customer_id", "负责销售": "rep_id", "调查日期": "survey_date",
		"评分": "score", "评价": "comment"},
	"tickets": {"工单编号": "ticket_id", "客户编号": "customer_id", "处理人": "rep_id", "类型": "kind",
		"创建时间": "opened_at", "解决时间": "resolved_at"},
	"fx_rates": {},
}

// recognised is the value words of exports.md, mapped to canonical values.
var recognised = map[string]string{
	"已签约": "won", "丢单": "lost", "跟进中": "open", "已取消": "cancelled",
	"Won": "won", "Lost": "lost", "Engaging": "open", "Cancelled": "cancelled",
	"上门拜访": "visit", "电话": "call", "邮件": "email", "微信": "message", "会议": "meeting", "other": "other",
	"客户开发": "development", "客户跟进": "follow_up", "合同签署": "contract", "售后服务": "after_sales",
	"投诉": "complaint", "建议": "suggestion", "咨询": "request",
	"是": "true", "否": "false", "yes": "true", "no": "false",
}

// canonicalValue turns a realistic value back into the canonical form.
func canonicalValue(field, v string) string {
	if v == "" {
		if field == "currency" {
			return "CNY" // the new CRM leaves CNY implied
		}
		return v
	}
	if c, ok := recognised[v]; ok && (field == "status" || field == "contract_archived" || field == "channel" || field == "stage" || field == "kind") {
		return c
	}
	switch {
	case field == "amount":
		return strings.NewReplacer("¥", "", ",", "").Replace(v)
	case strings.HasSuffix(field, "_date") && strings.Contains(v, "年"):
		var y, m, d int
		fmt.Sscanf(v, "%d年%d月%d日", &y, &m, &d)
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case strings.HasSuffix(field, "_date") && strings.Contains(v, "/"):
		var y, m, d int
		fmt.Sscanf(v, "%d/%d/%d", &y, &m, &d)
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case field == "followup_at":
		t, _ := time.Parse("2006/1/2 15:04", v)
		return t.Format("2006-01-02 15:04:05")
	}
	return v
}

// canonicalRows reads a realistic CSV back into canonical rows, checking
// that every header is a recognised alias or field name.
func canonicalRows(t *testing.T, dir string, f File) []map[string]string {
	t.Helper()
	tb := readTable(t, filepath.Join(dir, f.Path), f.Encoding)
	var out []map[string]string
	for _, r := range tb.rows {
		row := map[string]string{}
		for _, h := range tb.header {
			field, ok := aliases[f.Kind][h]
			if !ok {
				field = h
				if !isField(f.Kind, h) {
					t.Fatalf("%s: header %q is no alias of exports.md", f.Path, h)
				}
			}
			row[field] = canonicalValue(field, r[h])
		}
		out = append(out, row)
	}
	return out
}

func isField(kind, h string) bool {
	for _, f := range fieldsOf[kind] {
		if f == h {
			return true
		}
	}
	return false
}

func TestRealisticMatchesCanonical(t *testing.T) {
	cdir, cfiles, cfacts := generate(t, Options{Canonical: true})
	rdir, rfiles, rfacts := generate(t, Options{})
	var gb int
	for _, kind := range []string{"customers", "sales", "followups", "tickets", "fx_rates"} {
		byKey := func(dir string, files []File, realistic bool) map[string][]map[string]string {
			m := map[string][]map[string]string{}
			for _, f := range files {
				if f.Kind != kind {
					continue
				}
				if f.Encoding == "gb18030" {
					gb++
				}
				rows := readTable(t, filepath.Join(dir, f.Path), f.Encoding).rows
				if realistic {
					rows = canonicalRows(t, dir, f)
				}
				for _, r := range rows {
					key := r[fieldsOf[kind][0]] + r[fieldsOf[kind][1]]
					if strings.Contains(f.Path, "corrections") {
						key = "correction " + key
					}
					m[key] = append(m[key], r)
				}
			}
			return m
		}
		want, got := byKey(cdir, cfiles, false), byKey(rdir, rfiles, true)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: realistic export read back differs from canonical (-canonical +realistic):\n%.3000s", kind, diff)
		}
	}
	if gb == 0 {
		t.Error("no GB18030 file in the realistic export")
	}
	if diff := cmp.Diff(cfacts.CorrectedDeals, rfacts.CorrectedDeals); diff != "" {
		t.Errorf("corrected deals differ between modes:\n%s", diff)
	}
}

func TestRealisticBadRowsWhereFactsSay(t *testing.T) {
	dir, files, f := generate(t, Options{})
	byPath := map[string]File{}
	for _, file := range files {
		byPath[file.Path] = file
	}
	if len(f.BadRows) != 5 {
		t.Fatalf("%d bad rows, want 5", len(f.BadRows))
	}
	for _, b := range f.BadRows {
		file := byPath[b.Path]
		var got string
		switch file.Format {
		case "xlsx":
			rows := sheetRows(t, dir, file)
			header := rows[0]
			for i, h := range header {
				if h == b.Column {
					got = rows[b.Line-1][i]
				}
			}
		default:
			tb := readTable(t, filepath.Join(dir, b.Path), file.Encoding)
			for i, l := range tb.lines {
				if l == b.Line {
					got = tb.rows[i][b.Column]
				}
			}
		}
		if got != b.Value {
			t.Errorf("%s line %d %s = %q, want %q (%s)", b.Path, b.Line, b.Column, got, b.Value, b.Why)
		}
	}
	if f.BadRows[2].Value != "2025年2月30日" {
		t.Errorf("impossible date written %q, want the ERP's layout 2025年2月30日", f.BadRows[2].Value)
	}
}

func sheetRows(t *testing.T, dir string, file File) [][]string {
	t.Helper()
	x, err := excelize.OpenFile(filepath.Join(dir, file.Path))
	if err != nil {
		t.Fatalf("opening %s: %v", file.Path, err)
	}
	defer x.Close()
	rows, err := x.GetRows(file.Sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("reading %s: %v", file.Path, err)
	}
	return rows
}

func TestWorkbooks(t *testing.T) {
	cdir, cfiles, _ := generate(t, Options{Canonical: true})
	dir, files, _ := generate(t, Options{})
	serial := func(s string) string { // Excel's day number of an ISO date
		if s == "" {
			return ""
		}
		d := date(t, s)
		return strconv.Itoa(int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
	}
	for _, file := range files {
		if file.Format != "xlsx" {
			continue
		}
		x, err := excelize.OpenFile(filepath.Join(dir, file.Path))
		if err != nil {
			t.Fatalf("opening %s: %v", file.Path, err)
		}
		merged, err := x.GetMergeCells(file.Sheet)
		x.Close()
		if err != nil {
			t.Fatal(err)
		}
		rows := sheetRows(t, dir, file)
		header := 0
		if file.Kind == "reps" {
			if len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "G1" {
				t.Errorf("%s: merged cells %v, want the title A1:G1", file.Path, merged)
			}
			header = 1
		}
		want := one(t, cdir, cfiles, file.Kind)
		if len(rows)-header-1 != len(want.rows) {
			t.Fatalf("%s: %d data rows, want %d", file.Path, len(rows)-header-1, len(want.rows))
		}
		for i, w := range want.rows {
			got := map[string]string{}
			for j, h := range rows[header] {
				if j < len(rows[header+1+i]) {
					got[aliases[file.Kind][h]] = rows[header+1+i][j]
				} else {
					got[aliases[file.Kind][h]] = ""
				}
			}
			for _, f := range fieldsOf[file.Kind] {
				v := w[f]
				if strings.HasSuffix(f, "_date") {
					v = serial(v)
				}
				if got[f] != v {
					t.Fatalf("%s row %d %s = %q, want %q", file.Path, header+2+i, f, got[f], v)
				}
			}
		}
	}
}
