package demo

import (
	"fmt"
	"strings"
	"time"
)

// newCustomer creates a customer owned by r, entered in the CRM on created.
// About 5% of records are left incomplete, as real CRMs are, for audit A1.
func (w *world) newCustomer(r *rep, created time.Time) *customer {
	c := &customer{owner: r, creator: r, created: created, seq: w.next()}
	cities := regionCities[r.region]
	if w.pct(3) {
		cities = regionCities[otherRegion(r.region)]
	}
	city := pick(w, cities)
	ind := industries[w.r.IntN(len(industries))]
	c.region = city.zh
	c.industry = ind.name
	c.source = pick(w, sources)
	if w.pct(5) {
		c.english = true
		c.name = pick(w, englishCompanies)
		c.contact = pick(w, englishContacts)
		domain := strings.ToLower(strings.Fields(c.name)[0])
		c.email = strings.ToLower(strings.ReplaceAll(c.contact, " ", ".")) + "@" + domain + ".com"
		c.phone = fmt.Sprintf("+852 %04d %04d", w.r.IntN(10000), w.r.IntN(10000))
	} else {
		b := pick(w, brands)
		c.name = city.zh + b.zh + ind.word + pick(w, companySuffixes)
		sn, gn := pick(w, surnames), pick(w, givenNames)
		c.contact = sn.zh + gn.zh
		c.email = fmt.Sprintf("%s.%s@%s-%s.com.cn", gn.py, sn.py, b.py, ind.py)
		if w.pct(25) {
			c.phone = fmt.Sprintf("0%d-%08d", 20+w.r.IntN(80), 60000000+w.r.IntN(30000000))
		} else {
			c.phone = fmt.Sprintf("1%d%d%08d", 3+w.r.IntN(7), w.r.IntN(10), w.r.IntN(100000000))
		}
		if w.pct(30) {
			c.email = "" // a phone alone is a complete contact
		}
	}
	if w.pct(5) {
		switch w.r.IntN(4) {
		case 0:
			c.contact = ""
		case 1:
			c.phone, c.email = "", ""
		case 2:
			c.industry = ""
		default:
			c.region = ""
			c.contact = ""
		}
	}
	w.customers = append(w.customers, c)
	r.book = append(r.book, c)
	return c
}

func otherRegion(r string) string {
	if r == "华东" {
		return "华南"
	}
	return "华东"
}

// seedCustomers gives every rep working when the history starts the book
// they built before it.
func (w *world) seedCustomers() {
	for _, r := range w.reps {
		if !r.activeOn(w.start) {
			continue
		}
		for range 14 + w.r.IntN(8) {
			created := w.between(maxDate(r.hire, w.start.AddDate(-2, 0, 0)), w.start.AddDate(0, 0, -1))
			w.newCustomer(r, created)
		}
	}
}
