// Package scalegen writes the large generated companies of `make
// bench-scale`: a roster, a customer database, deals, follow-ups and
// surveys as canonical CSV exports (exports.md field names and value
// forms), a salesops.yaml with the five sources and defaults otherwise, and
// the next day's delta export of a CRM (new deals and follow-ups, changed
// deals). Unlike the demo company, which holds every situation the tests
// need in a few thousand rows built in memory, these companies are only
// big: every row is a pure function of the seed and its index, so files of
// gigabytes are streamed to disk in bounded memory, in parallel, and the
// same seed gives the same bytes.
package scalegen

import (
	"fmt"
	"strings"
	"time"
)

// Size is the shape of one company.
type Size struct {
	Name      string
	Deals     int // follow-ups are 2× deals, surveys 0.1× deals
	Reps      int
	Customers int
}

// Followups is the number of follow-up records: two per deal.
func (s Size) Followups() int { return 2 * s.Deals }

// Surveys is the number of survey responses: one for every tenth deal.
func (s Size) Surveys() int { return (s.Deals + 9) / 10 }

// NewDeals is the number of deals first exported on the delta day (0.1%).
func (s Size) NewDeals() int { return s.Deals / 1000 }

// ChangedDeals is the number of existing deals re-exported changed on the
// delta day (0.5%).
func (s Size) ChangedDeals() int { return s.Deals / changeEvery }

// changeEvery picks the changed deals: every 200th, 0.5%.
const changeEvery = 200

// Sizes are the companies of `make bench-scale`. L is the company of issue
// 11 (500 reps, 200k customers, 10M deals); XL (30M deals, 8.4 GB of CSV)
// is where docs/scaling.md looks past it, measured only by hand as it
// needs some 20 GB of disk. Customers scale with deals (50 deals a
// customer over two years); reps less than linearly, as a team that sells
// ten times more does not have ten times the people.
var Sizes = []Size{
	{Name: "S", Deals: 100_000, Reps: 50, Customers: 2_000},
	{Name: "M", Deals: 1_000_000, Reps: 200, Customers: 20_000},
	{Name: "L", Deals: 10_000_000, Reps: 500, Customers: 200_000},
	{Name: "XL", Deals: 30_000_000, Reps: 1_000, Customers: 600_000},
}

// SizeNamed returns the size called name (S, M, L, XL; any case).
func SizeNamed(name string) (Size, error) {
	for _, s := range Sizes {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
	}
	return Size{}, fmt.Errorf("company size %q: want S, M, L or XL", name)
}

// Months of history: the baseline year (2025 by default) and the months
// reported must lie inside it.
const Months = 24

// DefaultAsOf is the last day of the data: a fixed date, so the same seed
// writes the same bytes on any day. The delta is the day after.
var DefaultAsOf = time.Date(2026, time.November, 29, 0, 0, 0, 0, time.UTC)

// Options selects the company.
type Options struct {
	Size Size
	Seed uint64    // default 1
	AsOf time.Time // the data's last day; default DefaultAsOf
	// Workers render rows in parallel; 0 means GOMAXPROCS. The bytes do
	// not depend on it.
	Workers int
}

func (o Options) normalized() (Options, error) {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.AsOf.IsZero() {
		o.AsOf = DefaultAsOf
	}
	y, m, d := o.AsOf.Date()
	o.AsOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	s := o.Size
	if s.Deals < 1000 || s.Reps < 1 || s.Customers < 1 {
		return o, fmt.Errorf("company %q: want at least 1,000 deals, a rep and a customer", s.Name)
	}
	return o, nil
}

// Manifest says what Generate wrote, paths relative to its folder.
type Manifest struct {
	Size   Size
	Seed   uint64
	AsOf   string // YYYY-MM-DD, the base export's day
	Delta  string // YYYY-MM-DD, the delta's day
	Config string // salesops.yaml
	// Base are the exports of the full company, under drop/<kind>/, as the
	// configured sources read them.
	Base []File
	// DeltaFiles are the next day's exports under delta/, at the same
	// relative place under drop/ once delivered (DeliverPath).
	DeltaFiles []File
}

// File is one written export.
type File struct {
	Kind  string
	Path  string // slash-separated, relative to the company folder
	Rows  int
	Bytes int64
}

// DeliverPath is where a delta file goes in the drop folder: the path the
// configured source globs, sorting after the base export of its kind.
func DeliverPath(f File) string {
	return "drop/" + strings.TrimPrefix(f.Path, "delta/")
}

// BaseBytes is the size of the full company's exports.
func (m Manifest) BaseBytes() int64 {
	var n int64
	for _, f := range m.Base {
		n += f.Bytes
	}
	return n
}
