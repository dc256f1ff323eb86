// Package demo owns the deterministic demo company: a sales department of
// about forty reps with two years of customers, deals, follow-ups, surveys
// and tickets, written as the exports such a department really has (an HR
// spreadsheet, a CRM, a GB18030 ERP, a survey tool) or, in canonical mode, as
// plain CSV with the field names of exports.md. The data is a pure function
// of Options: the same options give the same records and the same CSV bytes,
// so tests of every other package can rely on the situations it contains
// (clawbacks, a rep missing from the roster, a rep below the satisfaction
// gate, hostile customer names, a handful of rejectable rows).
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/salesops/salesops/period"
)

// Options selects the company to generate.
type Options struct {
	Seed      uint64    // default 1
	AsOf      time.Time // civil date: data runs through this day; zero means today in Asia/Shanghai
	Months    int       // complete months of history before AsOf's month; default 24, at least 3
	Canonical bool      // plain CSV with canonical field names and values instead of the realistic mix
}

// File describes one written export.
type File struct {
	Kind     string // reps, customers, sales, followups, surveys, tickets, fx_rates
	Path     string // relative to the output dir, slash-separated
	Format   string // "csv" or "xlsx"
	Encoding string // "utf-8", "utf-8-bom", "gb18030" (csv only)
	Sheet    string // xlsx only
	Currency string // source currency if the file's amounts carry none ("" = base CNY)
	Note     string // one line for the user: what this file simulates
}

// Facts describes the generated data so tests and the demo command need not
// re-read it. Counts are of distinct valid records: the deliberately bad rows
// are listed in BadRows and not counted.
type Facts struct {
	Reps, Customers, Deals, Followups, Surveys, Tickets int
	BadRows                                             []BadRow
	LatestCompleteMonth                                 string

	// Repeats lists keys written twice in one file; Line is the later row,
	// which corrects the earlier one and must win.
	Repeats []BadRow
	// Corrections is the re-export of a few deals of an earlier month with
	// changed amounts; CorrectedDeals are its deal ids.
	Corrections    string
	CorrectedDeals []string

	UnknownRep      string   // rep id on deals but missing from the roster
	GatedRep        string   // csat below 60% with ≥3 responses in the latest complete month
	LeaverRep       string   // leaves mid-month in the latest complete month
	NewHireRep      string   // hired after the latest complete month
	Clawback        string   // deal won before, cancelled in the latest complete month
	SameMonthCancel string   // deal won and cancelled within the latest complete month
	CancelNoDate    string   // cancelled deal with close_date but no cancel_date
	HostileNames    []string // customer ids whose names are markup or a spreadsheet formula
}

// BadRow locates one deliberately rejectable row. Line is the physical CSV
// line (the header is line 1) or the XLSX sheet row; Column is the header as
// written in that file.
type BadRow struct {
	Path   string
	Line   int
	Column string
	Value  string
	Why    string
}

// Generate writes the exports of the demo company under dir and returns them
// in a stable order: reps, customers, sales, followups, surveys, tickets,
// fx_rates.
func Generate(ctx context.Context, dir string, opt Options) ([]File, error) {
	opt, err := normalize(opt)
	if err != nil {
		return nil, err
	}
	plans := layout(build(opt), opt.Canonical)
	files := make([]File, 0, len(plans))
	for _, p := range plans {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("writing demo exports: %w", err)
		}
		if err := p.write(dir); err != nil {
			return nil, fmt.Errorf("writing demo export %s: %w", p.file.Path, err)
		}
		files = append(files, p.file)
	}
	return files, nil
}

// Describe returns the facts of the data Generate writes for opt, without
// writing anything.
func Describe(opt Options) (Facts, error) {
	opt, err := normalize(opt)
	if err != nil {
		return Facts{}, err
	}
	w := build(opt)
	return facts(w, layout(w, opt.Canonical)), nil
}

func normalize(opt Options) (Options, error) {
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Months == 0 {
		opt.Months = 24
	}
	if opt.Months < 3 || opt.Months > 120 {
		return opt, fmt.Errorf("demo history of %d months: want 3 to 120 so every situation fits", opt.Months)
	}
	if opt.AsOf.IsZero() {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			loc = time.FixedZone("CST", 8*3600)
		}
		opt.AsOf = time.Now().In(loc)
	}
	y, m, d := opt.AsOf.Date()
	opt.AsOf = period.Date(y, m, d)
	return opt, nil
}
