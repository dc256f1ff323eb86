package transform

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	sqlmodels "github.com/salesops/salesops/sql"
	"github.com/salesops/salesops/warehouse"
)

// TestKeyedRefreshEqualsAFullBuild applies the same random sequence of
// ingest batches (new rows, changed rows that move a deal or follow-up to
// another customer, rep, status or date, changed owners, now and then a
// roster change) to two warehouses, transforms one incrementally and the
// other in full after each batch, and requires every model to hold the
// same rows. The batches are written as ingest writes them (upsert.go):
// a new or changed row carries its batch in _batch, the version it
// replaced goes to <table>_history with _superseded_by.
func TestKeyedRefreshEqualsAFullBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("three seeds of six batches, each transformed twice: about ten seconds")
	}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { keyedAgainstFull(t, seed, false) })
	}
}

// keyedAgainstFull runs the batches of seed; with followupsAdded they
// change deals, customers and the roster but only add follow-ups, and a
// merged model must have merged them.
func keyedAgainstFull(t *testing.T, seed uint64, followupsAdded bool) {
	ctx := context.Background()
	models, _, err := LoadModels(sqlmodels.FS())
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	changedMerge := map[string]bool{} // merged with changed rows, not only new ones
	for _, m := range models {
		if m.Refresh != "" || m.Merge != "" {
			targets = append(targets, m.Name)
		}
		changedMerge[m.Name] = m.MergeChanged
	}
	targets = append(targets, "funnel_period", "lead_facts", "rep_period_metrics")
	inc, full := openTemp(t), openTemp(t)
	g := &batchGen{r: rand.New(rand.NewPCG(seed, 11)), followupsAdded: followupsAdded}
	stamps := map[string]string{}
	opt := Options{Vars: Vars(config.Default(), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)), Stamps: stamps, Targets: targets,
		// the bonus step, which its data tests name; not a target here
		Steps: []Step{{Name: "bonus_allocations", Fingerprint: "none"}}}
	refreshed, merged, mergedChanges := 0, 0, 0
	mergedOnce := map[string]bool{}
	for b := int64(1); b <= 6; b++ {
		stmts := g.batch(b)
		for _, w := range []*warehouse.Warehouse{inc, full} {
			for _, s := range stmts {
				if _, err := w.DB.ExecContext(ctx, s.q, s.args...); err != nil {
					t.Fatalf("batch %d: %s: %v", b, s.q, err)
				}
			}
		}
		for _, tbl := range g.touched {
			stamps[tbl] = fmt.Sprint("batch ", b)
		}
		res, err := Run(ctx, inc, opt)
		if err != nil {
			t.Fatalf("batch %d, keyed: %v", b, err)
		}
		refreshed += len(res.Refreshed)
		for _, m := range res.Merged {
			mergedOnce[m] = true
			if changedMerge[m] {
				mergedChanges++
			} else {
				merged++
			}
		}
		fo := opt
		fo.Full = true
		if _, err := Run(ctx, full, fo); err != nil {
			t.Fatalf("batch %d, full: %v", b, err)
		}
		for _, m := range res.Models {
			got, want := tableRows(t, inc, m), tableRows(t, full, m)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("batch %d (refreshed %v, merged %v): %s differs from a full build (-full +keyed):\n%s", b, res.Refreshed, res.Merged, m, diff)
			}
		}
		if res, err := Run(ctx, inc, opt); err != nil || len(res.Models) > 0 {
			t.Errorf("batch %d: a rerun with nothing new built %v (%v)", b, res.Models, err)
		}
	}
	if refreshed == 0 {
		t.Error("no model was refreshed by key: the test compared full builds only")
	}
	if followupsAdded && merged == 0 {
		t.Error("no model merged the added follow-ups: the test compared full builds only")
	}
	if !followupsAdded && merged > 0 {
		t.Errorf("%d models merged batches that changed follow-ups", merged)
	}
	if mergedChanges == 0 {
		t.Error("no model merged the changed deals: the test compared full builds only")
	}
	// Each model merged on changed rows took a day's deals by a merge at
	// least once, so each merge statement was compared with a full build.
	for name, changed := range changedMerge {
		if changed && !mergedOnce[name] && mergedChanges > 0 {
			t.Errorf("%s was never merged: only its full build was compared", name)
		}
	}
}

func tableRows(t *testing.T, w *warehouse.Warehouse, table string) []string {
	t.Helper()
	rows, err := w.DB.Query("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM " + warehouse.QuoteIdent(table))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]*string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, v := range vals {
			if v == nil {
				b.WriteString("NULL|")
			} else {
				b.WriteString(*v + "|")
			}
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

type stmt struct {
	q    string
	args []any
}

// batchGen writes random batches over a small company: few customers,
// so that a batch moves rows between customers that hold other rows.
type batchGen struct {
	r                *rand.Rand
	deals, followups int
	customers        int
	// followupsAdded: batches add follow-ups but change none, as a CRM's
	// daily export of new activity does (merge_test.go).
	followupsAdded bool
	touched        []string
	stmts          []stmt
}

const (
	genCustomers = 60
	genReps      = 6 // R0..R5; R6 is not in the roster
)

var day0 = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func (g *batchGen) add(q string, args ...any) { g.stmts = append(g.stmts, stmt{q, args}) }

func (g *batchGen) customer() any {
	if g.r.IntN(15) == 0 {
		return nil
	}
	return fmt.Sprintf("C%02d", g.r.IntN(genCustomers+5)) // a few without a customers row
}

func (g *batchGen) rep() string { return fmt.Sprintf("R%d", g.r.IntN(genReps+1)) }

func (g *batchGen) date(span int) time.Time { return day0.AddDate(0, 0, g.r.IntN(span)) }

func (g *batchGen) dealValues(id string, b int64) []any {
	status := []string{"won", "lost", "open", "cancelled"}[g.r.IntN(4)]
	created := g.date(400)
	var createdV, closeV, cancelV any = created, nil, nil
	if g.r.IntN(10) == 0 {
		createdV = nil
	}
	if status != "open" || g.r.IntN(4) == 0 {
		if g.r.IntN(12) != 0 {
			closeV = created.AddDate(0, 0, g.r.IntN(60))
		}
	}
	if status == "cancelled" && closeV != nil && g.r.IntN(2) == 0 {
		cancelV = closeV.(time.Time).AddDate(0, 0, g.r.IntN(20))
	}
	amount := fmt.Sprintf("%d.%02d", 100+g.r.IntN(5000), g.r.IntN(100))
	return []any{id, g.customer(), g.rep(), status, amount, createdV, closeV, cancelV, b}
}

const insertDeal = `INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, currency, amount_original,
	created_date, close_date, cancel_date, product, _file, _line, _batch)
	VALUES (?, ?, ?, ?, CAST(? AS DECIMAL(18,2)), 'CNY', NULL, ?, ?, ?, 'P', 'f', 1, ?)`

func (g *batchGen) followupValues(id string, b int64) []any {
	c := g.customer()
	if c == nil {
		c = "C00"
	}
	stage := []string{"development", "follow_up", "contract", "after_sales", "other"}[g.r.IntN(5)]
	at := g.date(420).Add(time.Duration(g.r.IntN(3)) * time.Hour) // ties on the same time
	return []any{id, c, g.rep(), at, stage, b}
}

const insertFollowup = `INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, channel, stage, content, _file, _line, _batch)
	VALUES (?, ?, ?, ?, 'phone', ?, 'x', 'f', 1, ?)`

// replace moves the current version of key in table to its history, as
// ingest's upsert does, before the new version is inserted.
func (g *batchGen) replace(table, keyCol, key string, b int64) {
	g.add(fmt.Sprintf(`INSERT INTO %s_history SELECT *, TIMESTAMP '2026-01-01', ? FROM %s WHERE %s = ?`, table, table, keyCol), b, key)
	g.add(fmt.Sprintf(`DELETE FROM %s WHERE %s = ?`, table, keyCol), key)
}

func (g *batchGen) batch(b int64) []stmt {
	g.stmts, g.touched = nil, []string{"deals", "followups"}
	g.add(`INSERT INTO ingest_batches VALUES (?, now(), now(), 'committed', 1, NULL)`, b)
	if b == 1 {
		g.touched = append(g.touched, "customers", "reps")
		for i := range genReps {
			g.add(`INSERT INTO reps (rep_id, name, _batch) VALUES (?, ?, 1)`, fmt.Sprintf("R%d", i), fmt.Sprintf("rep %d", i))
		}
		for i := range genCustomers {
			g.add(`INSERT INTO customers (customer_id, company_name, owner_rep_id, _batch) VALUES (?, ?, ?, 1)`,
				fmt.Sprintf("C%02d", i), fmt.Sprintf("co %d", i), g.rep())
		}
	}
	newDeals, newFollowups := 15, 20
	if b == 1 {
		newDeals, newFollowups = 300, 400
	}
	for range newDeals {
		g.deals++
		g.add(insertDeal, g.dealValues(fmt.Sprintf("D%04d", g.deals), b)...)
	}
	for range newFollowups {
		g.followups++
		g.add(insertFollowup, g.followupValues(fmt.Sprintf("F%04d", g.followups), b)...)
	}
	if b == 1 {
		return g.stmts
	}
	// Changed rows, of this batch's or earlier ones; a key changed twice
	// in one batch is changed once (ingest keeps one version per key).
	seen := map[string]bool{}
	for range 25 {
		id := fmt.Sprintf("D%04d", 1+g.r.IntN(g.deals))
		if !seen[id] {
			seen[id] = true
			g.replace("deals", "deal_id", id, b)
			g.add(insertDeal, g.dealValues(id, b)...)
		}
	}
	for range 20 {
		if g.followupsAdded {
			break
		}
		id := fmt.Sprintf("F%04d", 1+g.r.IntN(g.followups))
		if !seen[id] {
			seen[id] = true
			g.replace("followups", "followup_id", id, b)
			g.add(insertFollowup, g.followupValues(id, b)...)
		}
	}
	if g.r.IntN(2) == 0 {
		g.touched = append(g.touched, "customers")
		for range 4 {
			id := fmt.Sprintf("C%02d", g.r.IntN(genCustomers))
			if !seen[id] {
				seen[id] = true
				g.replace("customers", "customer_id", id, b)
				g.add(`INSERT INTO customers (customer_id, company_name, owner_rep_id, _batch) VALUES (?, ?, ?, ?)`,
					id, fmt.Sprintf("co %s b%d", id, b), g.rep(), b)
			}
		}
	}
	if b == 4 {
		// A roster change: no model reads the roster by key, so every
		// keyed model that reads it is rebuilt in full.
		g.touched = append(g.touched, "reps")
		g.replace("reps", "rep_id", "R1", b)
		g.add(`INSERT INTO reps (rep_id, name, _batch) VALUES ('R1', 'rep one', ?)`, b)
		g.add(`INSERT INTO reps (rep_id, name, _batch) VALUES ('R6', 'rep six', ?)`, b)
	}
	return g.stmts
}

// TestKeyedRefreshFallsBackToAFullBuild: what a keyed refresh cannot
// see rebuilds the keyed models in full, with the rows a full build has.
func TestKeyedRefreshFallsBackToAFullBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("a few transforms of a small company: seconds")
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		tables []string // whose stamps the change moves (ingest's bookkeeping)
		change func(g *batchGen, opt *Options) []stmt
	}{
		{"a follow-up written outside ingest", []string{"followups"}, func(g *batchGen, opt *Options) []stmt {
			return []stmt{{`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage) VALUES ('X1', 'C01', 'R1', TIMESTAMP '2025-01-02 08:00', 'development')`, nil}}
		}},
		{"a deal removed outside ingest", []string{"deals"}, func(g *batchGen, opt *Options) []stmt {
			return []stmt{{`DELETE FROM deals WHERE deal_id = 'D0001'`, nil}}
		}},
		{"the last batch removed", []string{"deals", "followups"}, func(g *batchGen, opt *Options) []stmt {
			return []stmt{{`DELETE FROM ingest_batches WHERE batch_id = 2`, nil}}
		}},
		{"a parameter", []string{"deals", "followups"}, func(g *batchGen, opt *Options) []stmt {
			opt.Vars["lead_window_days"] = 7
			return g.batch(3)
		}},
		{"the roster", []string{"reps"}, func(g *batchGen, opt *Options) []stmt {
			return []stmt{{`INSERT INTO reps (rep_id, name, _batch) VALUES ('R6', 'rep six', 2)`, nil}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newKeyedCompany(t, 5, "lead_facts")
			w, opt := c.w, &c.opt
			for b := int64(1); b <= 2; b++ {
				c.batch(b)
				if _, err := Run(ctx, w, *opt); err != nil {
					t.Fatal(err)
				}
			}
			c.exec(tc.change(c.g, opt))
			for _, tbl := range tc.tables {
				c.stamps[tbl] += " changed"
			}
			res, err := Run(ctx, w, *opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Refreshed) > 0 || len(res.Merged) > 0 || !slices.Contains(res.Models, "lead_facts") {
				t.Errorf("built %v, refreshed by key %v, merged %v; want lead_facts rebuilt in full", res.Models, res.Refreshed, res.Merged)
			}
			got := tableRows(t, w, "lead_facts")
			opt.Full = true
			if _, err := Run(ctx, w, *opt); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tableRows(t, w, "lead_facts"), got); diff != "" {
				t.Errorf("lead_facts differs from a full build (-full +got):\n%s", diff)
			}
		})
	}
}

// keyedCompany is batchGen's small company in a temporary warehouse, with
// the stamps ingest would give its tables and transform options for
// targets: what the keyed refresh and keyed test tests start from.
type keyedCompany struct {
	t      *testing.T
	w      *warehouse.Warehouse
	g      *batchGen
	stamps map[string]string
	opt    Options
}

func newKeyedCompany(t *testing.T, seed uint64, targets ...string) *keyedCompany {
	stamps := map[string]string{}
	return &keyedCompany{t: t, w: openTemp(t), g: &batchGen{r: rand.New(rand.NewPCG(seed, 11))}, stamps: stamps,
		opt: Options{Vars: Vars(config.Default(), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)), Stamps: stamps,
			// the bonus step, which its data tests name; not a target here
			Targets: targets, Steps: []Step{{Name: "bonus_allocations", Fingerprint: "none"}}}}
}

func (c *keyedCompany) exec(stmts []stmt) {
	c.t.Helper()
	for _, s := range stmts {
		if _, err := c.w.DB.ExecContext(context.Background(), s.q, s.args...); err != nil {
			c.t.Fatalf("%s: %v", s.q, err)
		}
	}
}

// batch writes batch b as ingest would and moves the stamps of the
// tables it touched.
func (c *keyedCompany) batch(b int64) {
	c.t.Helper()
	c.exec(c.g.batch(b))
	for _, tbl := range c.g.touched {
		c.stamps[tbl] = fmt.Sprint(b)
	}
}
