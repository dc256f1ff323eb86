package reports

import (
	"fmt"

	"github.com/salesops/salesops/i18n"
)

// t is the text of key in the workbook's language. A key the catalog
// lacks is an error (it sticks), so no sheet ships with a gap in it.
func (wb *book) t(key string) string {
	if !i18n.Has(key) && wb.err == nil {
		wb.err = fmt.Errorf("workbook label %q is missing", key)
	}
	return wb.lang.T(key)
}

// reason translates bonus_inputs.excluded_reason, stored in English.
func (wb *book) reason(r string) string { return wb.lang.Reason(r) }

func (wb *book) yesNo(v bool) string {
	if v {
		return wb.t("yes")
	}
	return wb.t("no")
}

func (wb *book) satisfiedWord(v bool) string {
	if v {
		return wb.t("st.satisfied")
	}
	return wb.t("st.not_satisfied")
}
