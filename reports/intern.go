package reports

// interner hands back one copy of each string it has seen. The month's
// detail and drill rows repeat a few values on every row (the rep, its
// name, the day, the event); the driver allocates each value afresh, and
// a month of 10M deals kept 2.3M such copies of a few thousand strings
// alive until its files were written: 18 MB of the 60 MB of strings live
// when the L workbook was written.
type interner map[string]string

// of is s, or the equal string seen first.
func (in interner) of(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}
