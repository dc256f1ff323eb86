package reports

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Hostile names the reports must show as plain text: markup that would
// run a script in a page, and a formula a spreadsheet would evaluate.
const (
	hostileScript  = `</script><img src=x onerror=alert(1)>`
	hostileFormula = `=HYPERLINK("http://example.com","x")`
)

// syntheticAsOf is the as_of of syntheticCompany: the end of its last month.
var syntheticAsOf = time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)

// syntheticCompany is a deterministic company of reps, customers, deals,
// follow-ups and surveys over three years to syntheticAsOf, as SQL, with
// the hostile names on two customers (both left without follow-ups, so
// they show among the customers at risk) and on two reps. reps and
// customers scale the size (the benchmark uses a bigger company).
func syntheticCompany(reps, customers int) string {
	rng := rand.New(rand.NewPCG(7, 11))
	var b strings.Builder
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	teams := []string{"华东一组", "华东二组", "华南组", "North"}
	regions := []string{"华东", "华东", "华南", "华北"}
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"}
	b.WriteString("INSERT INTO reps (rep_id, name, team, region, hire_date) VALUES\n")
	for i := range reps {
		name := surnames[i%len(surnames)] + []string{"伟", "芳", "娜", "敏", "静", "强"}[i%6] + fmt.Sprint(i)
		switch i {
		case 1:
			name = hostileScript
		case 2:
			name = hostileFormula
		case 3:
			name = "A very long rep name that would not fit in a sheet tab [Q4]/*?"
		}
		sep := ","
		if i == reps-1 {
			sep = ";"
		}
		fmt.Fprintf(&b, "(%s, %s, %s, %s, DATE '2020-01-01')%s\n", q(fmt.Sprintf("R%03d", i)), q(name), q(teams[i%len(teams)]), q(regions[i%len(regions)]), sep)
	}
	b.WriteString("INSERT INTO customers (customer_id, company_name, owner_rep_id) VALUES\n")
	for i := range customers {
		name := fmt.Sprintf("客户%04d有限公司", i)
		switch i {
		case 0:
			name = hostileScript
		case 1:
			name = hostileFormula
		}
		owner := fmt.Sprintf("R%03d", i%reps)
		if i%97 == 5 {
			owner = "R999" // not in the roster
		}
		sep := ","
		if i == customers-1 {
			sep = ";"
		}
		fmt.Fprintf(&b, "(%s, %s, %s)%s\n", q(fmt.Sprintf("C%05d", i)), q(name), q(owner), sep)
	}
	start := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
	days := int(syntheticAsOf.Sub(start).Hours()/24) + 1
	day := func() time.Time { return start.AddDate(0, 0, rng.IntN(days)) }
	date := func(t time.Time) string { return "DATE '" + t.Format(time.DateOnly) + "'" }
	var deals, fus, svs []string
	stages := []string{"development", "follow_up", "contract", "after_sales"}
	for c := 2; c < customers; c++ { // customers 0 and 1 stay untouched but active (below)
		cid := fmt.Sprintf("C%05d", c)
		rep := fmt.Sprintf("R%03d", c%reps)
		if c%53 == 7 {
			rep = "R998"
		}
		first := day()
		n := 1 + rng.IntN(6)
		for k := range n {
			at := first.AddDate(0, 0, k*(5+rng.IntN(40)))
			if at.After(syntheticAsOf) {
				break
			}
			fus = append(fus, fmt.Sprintf("(%s, %s, %s, TIMESTAMP '%s 10:%02d:00', %s)", q(fmt.Sprintf("F%05d-%d", c, k)), q(cid), q(rep),
				at.Format(time.DateOnly), rng.IntN(60), q(stages[min(k, 3)])))
		}
		for k := range rng.IntN(4) {
			created := first.AddDate(0, 0, rng.IntN(30))
			closed := created.AddDate(0, 0, 5+rng.IntN(80))
			status := []string{"won", "won", "won", "lost", "lost", "open", "cancelled"}[rng.IntN(7)]
			if closed.After(syntheticAsOf) {
				status = "open"
			}
			amount := fmt.Sprintf("%d.%02d", 1000+rng.IntN(90000), rng.IntN(100))
			closeS, cancelS := date(closed), "NULL"
			if status == "open" {
				closeS = "NULL"
			}
			if status == "cancelled" {
				if c := closed.AddDate(0, 0, rng.IntN(60)); !c.After(syntheticAsOf) && rng.IntN(5) > 0 {
					cancelS = date(c)
				}
			}
			deals = append(deals, fmt.Sprintf("(%s, %s, %s, %s, %s, %s, %s, %s)", q(fmt.Sprintf("D%05d-%d", c, k)), q(cid), q(rep),
				q(status), amount, date(created), closeS, cancelS))
			if status == "won" && rng.IntN(2) == 0 {
				sd := closed.AddDate(0, 0, rng.IntN(20))
				if !sd.After(syntheticAsOf) {
					score := 1 + rng.IntN(5)
					if rng.IntN(3) > 0 {
						score = 4 + rng.IntN(2)
					}
					svs = append(svs, fmt.Sprintf("(%s, %s, NULL, %s, %d)", q(fmt.Sprintf("S%05d-%d", c, k)), q(cid), date(sd), score))
				}
			}
		}
	}
	// The hostile customers: won a year ago, an open deal, never followed up.
	deals = append(deals, "('DH0', 'C00000', 'R000', 'won', 5000.00, DATE '2026-01-02', DATE '2026-02-01', NULL)",
		"('DH1', 'C00001', 'R001', 'open', NULL, DATE '2026-09-01', NULL, NULL)")
	insert := func(head string, rows []string) {
		for i := 0; i < len(rows); i += 1000 {
			b.WriteString(head + strings.Join(rows[i:min(i+1000, len(rows))], ",\n") + ";\n")
		}
	}
	insert("INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date) VALUES\n", deals)
	insert("INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage) VALUES\n", fus)
	insert("INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES\n", svs)
	b.WriteString(`INSERT INTO rejects (batch_id, source, kind, file, line, column_name, value, reason) VALUES
(1, 'crm', 'deals', 'deals.csv', 17, 'amount', '12,34.5', 'not a decimal amount'),
(1, 'crm', 'deals', 'deals.csv', 42, 'close_date', '2026-02-30', 'not a date');
INSERT INTO ingest_warnings (batch_id, source, kind, file, line, code, row_key, message) VALUES
(1, 'crm', 'deals', 'deals.csv', 9, 'cancel_date_missing', 'D00009-0', ` + q(hostileScript) + `);
`)
	return b.String()
}
