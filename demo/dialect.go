package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesops/salesops/money"
)

// dialect is how one exporting system writes values. Every word and layout
// used here is one exports.md recognises without configuration.
type dialect struct {
	date    func(y int, m time.Month, d int) string
	stamp   string // time layout for timestamps
	money   func(c money.Cents, currency string) string
	cny     string // what the currency column says for CNY
	words   map[string]string
	boolean [2]string // false, true
}

func isoDate(y int, m time.Month, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, int(m), d) }

func slashDate(y int, m time.Month, d int) string { return fmt.Sprintf("%d/%d/%d", y, int(m), d) }

func chineseDate(y int, m time.Month, d int) string {
	return fmt.Sprintf("%d年%d月%d日", y, int(m), d)
}

func plainMoney(c money.Cents, _ string) string { return c.String() }

// yuanMoney writes ¥1,234.50 for CNY and 1,234.50 for other currencies, as
// an ERP's formatted report does.
func yuanMoney(c money.Cents, currency string) string {
	s := c.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + frac
	if currency == "CNY" {
		out = "¥" + out
	}
	if neg {
		out = "-" + out
	}
	return out
}

var (
	canonical = dialect{date: isoDate, stamp: "2006-01-02 15:04:05", money: plainMoney, cny: "CNY", boolean: [2]string{"false", "true"}}

	// The ERP of earlier years: GB18030, Chinese words and formatted amounts.
	erpDialect = dialect{date: chineseDate, stamp: "2006-01-02 15:04:05", money: yuanMoney, cny: "CNY",
		boolean: [2]string{"否", "是"},
		words:   map[string]string{"won": "已签约", "lost": "丢单", "open": "跟进中", "cancelled": "已取消"}}

	// The CRM that replaced it this year: English words, no currency for CNY.
	crmDialect = dialect{date: isoDate, stamp: "2006-01-02 15:04:05", money: plainMoney, cny: "",
		boolean: [2]string{"no", "yes"},
		words:   map[string]string{"won": "Won", "lost": "Lost", "open": "Engaging", "cancelled": "Cancelled"}}

	// The CRM's Chinese screens: follow-ups, customers and tickets.
	chineseCRM = dialect{date: slashDate, stamp: "2006/1/2 15:04", money: plainMoney, cny: "CNY",
		boolean: [2]string{"否", "是"},
		words: map[string]string{
			"visit": "上门拜访", "call": "电话", "email": "邮件", "message": "微信", "meeting": "会议",
			"development": "客户开发", "follow_up": "客户跟进", "contract": "合同签署", "after_sales": "售后服务",
			"complaint": "投诉", "suggestion": "建议", "request": "咨询",
		}}
)

func (dl dialect) day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dl.date(t.Year(), t.Month(), t.Day())
}

func (dl dialect) at(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dl.stamp)
}

func (dl dialect) word(w string) string {
	if s, ok := dl.words[w]; ok {
		return s
	}
	return w
}

func (dl dialect) bool(s string) string {
	switch s {
	case "true":
		return dl.boolean[1]
	case "false":
		return dl.boolean[0]
	}
	return ""
}

func (dl dialect) currency(c string) string {
	if c == "CNY" {
		return dl.cny
	}
	return c
}
