package ingest

import "strings"

// words lists, per vocabulary field, every value recognised without
// configuration (exports.md), folded to lower case. A value outside these
// and the source's configured values is rejected, never guessed.
var words = map[string]map[string]string{
	"status": fold(map[string][]string{
		"won":       {"won", "signed", "closed won", "paid", "delivered", "签约", "已签约", "成交", "已成交", "赢单", "已付款", "已回款"},
		"lost":      {"lost", "closed lost", "丢单", "输单", "未成交", "失败"},
		"open":      {"open", "engaging", "prospecting", "negotiation", "跟进中", "进行中", "洽谈中", "待签约"},
		"cancelled": {"cancelled", "canceled", "refunded", "void", "取消", "已取消", "作废", "退款", "已退款"},
	}),
	"channel": fold(map[string][]string{
		"visit":   {"visit", "上门拜访", "拜访"},
		"call":    {"call", "phone", "电话"},
		"email":   {"email", "e-mail", "邮件"},
		"message": {"message", "微信", "短信"},
		"meeting": {"meeting", "会议"},
		"other":   {"other", "其他"},
	}),
	"stage": fold(map[string][]string{
		"development": {"development", "客户开发"},
		"follow_up":   {"follow_up", "follow-up", "follow up", "客户跟进", "回访"},
		"contract":    {"contract", "合同签署"},
		"after_sales": {"after_sales", "after-sales", "after sales", "售后服务"},
	}),
	"kind": fold(map[string][]string{
		"complaint":  {"complaint", "投诉"},
		"suggestion": {"suggestion", "建议"},
		"request":    {"request", "咨询", "需求"},
	}),
}

// boolWords are the boolean spellings of exports.md.
var boolWords = fold(map[string][]string{
	"true":  {"true", "yes", "y", "1", "是", "已"},
	"false": {"false", "no", "n", "0", "否", "未"},
})

// currencyWords are the names and symbols exports write instead of a code.
var currencyWords = map[string]string{"人民币": "CNY", "rmb": "CNY", "元": "CNY", "美元": "USD", "欧元": "EUR", "港币": "HKD", "港元": "HKD", "日元": "JPY", "英镑": "GBP"}

func fold(m map[string][]string) map[string]string {
	out := map[string]string{}
	for canon, vs := range m {
		for _, v := range vs {
			out[strings.ToLower(v)] = canon
		}
	}
	return out
}

// MapWord maps a status, channel, stage or ticket-kind value to its
// canonical word: the source's configured values first, then the built-in
// words. ok is false for a value that maps to nothing.
func MapWord(fieldName, value string, configured map[string]string) (string, bool) {
	v := strings.ToLower(trimSpace(value))
	for k, c := range configured {
		if strings.ToLower(trimSpace(k)) == v {
			v = strings.ToLower(c)
			break
		}
	}
	c, ok := words[fieldName][v]
	return c, ok
}

// canonicalWords lists, as SQL literals, the values a vocabulary maps to
// (each of which maps to itself).
func canonicalWords(field string) string {
	seen := map[string]bool{}
	var out []string
	for _, k := range sortedKeys(words[field]) {
		if v := words[field][k]; !seen[v] && words[field][v] == v {
			seen[v] = true
			out = append(out, lit(v))
		}
	}
	return strings.Join(out, ", ")
}
