package scalegen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// gen holds what every row needs: the options and the calendar.
type gen struct {
	opt                Options
	size               Size
	start, asOf, delta int // day numbers: first day of the history, last day, delta day
	cal                calendar
}

func newGen(opt Options) *gen {
	asOf := dayNumber(opt.AsOf)
	first := opt.AsOf.AddDate(0, 0, 1-opt.AsOf.Day()).AddDate(0, -(Months - 1), 0)
	g := &gen{opt: opt, size: opt.Size, start: dayNumber(first), asOf: asOf, delta: asOf + 1}
	// Hires reach 2,030 days before the history, customers 731; follow-ups
	// plan up to 30 days past the delta day.
	g.cal = newCalendar(g.start-2100, g.delta+64)
	return g
}

// Generate writes the company of opt under dir: drop/<kind>/ with the full
// exports, delta/<kind>/ with the next day's, and salesops.yaml. Files
// appear under their names only when complete.
func Generate(ctx context.Context, dir string, opt Options) (Manifest, error) {
	opt, err := opt.normalized()
	if err != nil {
		return Manifest{}, err
	}
	g := newGen(opt)
	day, next := g.cal.String(g.asOf), g.cal.String(g.delta)
	m := Manifest{Size: opt.Size, Seed: opt.Seed, AsOf: day, Delta: next, Config: "salesops.yaml"}
	// Named by the export's day, so the delta sorts after the full export
	// in the source's glob and its rows win.
	path := func(base, kind, name, day string) string { return base + "/" + kind + "/" + name + "-" + day + ".csv" }
	small := []struct {
		kind, name string
		n          int
		row        func([]byte, rng, int) []byte
	}{
		{"reps", "reps", opt.Size.Reps, g.appendRep},
		{"customers", "customers", opt.Size.Customers, g.appendCustomer},
	}
	for _, s := range small {
		f, err := g.writeSequential(ctx, dir, File{Kind: s.kind, Path: path("drop", s.kind, s.name, day)}, s.n, s.row)
		if err != nil {
			return m, err
		}
		m.Base = append(m.Base, f)
	}
	big := [3]File{
		{Kind: "sales", Path: path("drop", "sales", "deals", day)},
		{Kind: "followups", Path: path("drop", "followups", "followups", day)},
		{Kind: "surveys", Path: path("drop", "surveys", "surveys", day)},
	}
	written, err := g.writeDeals(ctx, dir, big)
	if err != nil {
		return m, err
	}
	m.Base = append(m.Base, written[:]...)
	delta, err := g.writeDelta(ctx, dir, File{Kind: "sales", Path: path("delta", "sales", "deals", next)},
		File{Kind: "followups", Path: path("delta", "followups", "followups", next)})
	if err != nil {
		return m, err
	}
	m.DeltaFiles = delta[:]
	if err := writeConfig(dir, m); err != nil {
		return m, err
	}
	return m, nil
}

// writeSequential writes a small file row by row on one goroutine.
func (g *gen) writeSequential(ctx context.Context, dir string, f File, n int, row func([]byte, rng, int) []byte) (File, error) {
	o, err := create(dir, f)
	if err != nil {
		return f, err
	}
	defer o.abort()
	r := newRNG()
	var b []byte
	for i := range n {
		if i%10_000 == 0 {
			if err := ctx.Err(); err != nil {
				return f, fmt.Errorf("writing %s: %w", f.Path, err)
			}
		}
		b = row(b[:0], r, i)
		if err := o.write(b, 1); err != nil {
			return f, err
		}
	}
	return o.commit()
}

// chunkDeals is how many deals one task renders: a few MB of text.
const chunkDeals = 20_000

// chunk is the rendered text of one task, for the three files.
type chunk [3][]byte

// writeDeals renders deals, follow-ups and surveys in parallel chunks and
// writes the chunks in order, so at most a few chunks per worker are in
// memory whatever the size.
func (g *gen) writeDeals(ctx context.Context, dir string, files [3]File) ([3]File, error) {
	var outs [3]*output
	for k, f := range files {
		o, err := create(dir, f)
		if err != nil {
			return files, err
		}
		defer o.abort()
		outs[k] = o
	}
	workers := g.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type task struct {
		lo, hi int
		out    chan *chunk
	}
	queue, tasks := make(chan chan *chunk, 2*workers), make(chan task)
	go func() {
		defer close(queue)
		defer close(tasks)
		for lo := 0; lo < g.size.Deals; lo += chunkDeals {
			t := task{lo: lo, hi: min(lo+chunkDeals, g.size.Deals), out: make(chan *chunk, 1)}
			select {
			case queue <- t.out:
			case <-ctx.Done():
				return
			}
			select {
			case tasks <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	pool := sync.Pool{New: func() any { return new(chunk) }}
	var wg sync.WaitGroup
	defer wg.Wait()
	for range workers {
		wg.Go(func() {
			r := newRNG()
			for t := range tasks {
				c := pool.Get().(*chunk)
				g.renderDeals(c, r, t.lo, t.hi)
				t.out <- c
			}
		})
	}
	rows := [3]func(lo, hi int) int{
		func(lo, hi int) int { return hi - lo },
		func(lo, hi int) int { return 2 * (hi - lo) },
		func(lo, hi int) int { return (hi+9)/10 - (lo+9)/10 },
	}
	lo := 0
	for out := range queue {
		var c *chunk
		select {
		case c = <-out:
		case <-ctx.Done():
			return files, fmt.Errorf("writing deals: %w", ctx.Err())
		}
		hi := min(lo+chunkDeals, g.size.Deals)
		for k, o := range outs {
			if err := o.write(c[k], rows[k](lo, hi)); err != nil {
				return files, err
			}
		}
		pool.Put(c)
		lo = hi
	}
	if err := ctx.Err(); err != nil {
		return files, fmt.Errorf("writing deals: %w", err)
	}
	for k, o := range outs {
		f, err := o.commit()
		if err != nil {
			return files, err
		}
		files[k] = f
	}
	return files, nil
}

func (g *gen) renderDeals(c *chunk, r rng, lo, hi int) {
	for k := range c {
		c[k] = c[k][:0]
	}
	for i := lo; i < hi; i++ {
		d := g.deal(r, i)
		c[0] = g.appendDeal(c[0], d)
		c[1] = g.appendFollowups(c[1], r, d)
		if i%10 == 0 {
			c[2] = g.appendSurvey(c[2], r, d)
		}
	}
}

// writeDelta writes the next day's exports as a CRM's daily delta: the
// deals changed that day (every 200th: open ones won, won ones cancelled,
// the others' amounts corrected), then the deals created that day (0.1%,
// three in ten won the same day) and their two follow-ups each.
func (g *gen) writeDelta(ctx context.Context, dir string, sales, followups File) ([2]File, error) {
	files := [2]File{sales, followups}
	so, err := create(dir, sales)
	if err != nil {
		return files, err
	}
	defer so.abort()
	fo, err := create(dir, followups)
	if err != nil {
		return files, err
	}
	defer fo.abort()
	r := newRNG()
	var b []byte
	for i := changeEvery - 1; i < g.size.Deals; i += changeEvery {
		b = g.appendDeal(b[:0], g.changed(r, g.deal(r, i)))
		if err := so.write(b, 1); err != nil {
			return files, err
		}
	}
	if err := ctx.Err(); err != nil {
		return files, fmt.Errorf("writing the delta: %w", err)
	}
	for i := g.size.Deals; i < g.size.Deals+g.size.NewDeals(); i++ {
		d := g.newDeal(r, i)
		if err := so.write(g.appendDeal(b[:0], d), 1); err != nil {
			return files, err
		}
		if err := fo.write(g.appendFollowups(b[:0], r, d), 2); err != nil {
			return files, err
		}
	}
	if files[0], err = so.commit(); err != nil {
		return files, err
	}
	files[1], err = fo.commit()
	return files, err
}

// changed is deal d as re-exported on the delta day.
func (g *gen) changed(r rng, d deal) deal {
	switch d.status {
	case open:
		d.status, d.closed, d.archived = won, g.delta, "true"
		if d.amount == 0 {
			d.amount = 100_000 + r.Int64N(20_000_000)
		}
	case won:
		d.status, d.cancelled = cancelled, g.delta
	default:
		d.amount += 10_000 // a corrected amount, or one entered at last
	}
	return d
}

// newDeal is deal i created on the delta day.
func (g *gen) newDeal(r rng, i int) deal {
	d := g.deal(r, i)
	d.created, d.closed, d.cancelled, d.status, d.archived = g.delta, 0, 0, open, ""
	if r.IntN(10) < 3 {
		d.status, d.closed, d.archived = won, g.delta, "true"
		if d.amount == 0 {
			d.amount = 100_000 + r.Int64N(20_000_000)
		}
	}
	return d
}

// output is one export being written under a hidden temporary name.
type output struct {
	file     File
	tmp, dst string
	f        *os.File
	buf      []byte
}

func create(dir string, f File) (*output, error) {
	dst := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return nil, fmt.Errorf("creating the folder of %s: %w", f.Path, err)
	}
	tmp := filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp") // no source glob matches it
	fh, err := os.Create(tmp)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", f.Path, err)
	}
	o := &output{file: f, tmp: tmp, dst: dst, f: fh}
	return o, o.write([]byte(headers[f.Kind]+"\n"), 0)
}

// write appends rows of text; it buffers small writes itself.
func (o *output) write(b []byte, rows int) error {
	o.file.Rows += rows
	o.file.Bytes += int64(len(b))
	if len(b) >= 1<<20 {
		if err := o.flush(); err != nil {
			return err
		}
		return o.writeRaw(b)
	}
	o.buf = append(o.buf, b...)
	if len(o.buf) >= 1<<20 {
		return o.flush()
	}
	return nil
}

func (o *output) flush() error {
	err := o.writeRaw(o.buf)
	o.buf = o.buf[:0]
	return err
}

func (o *output) writeRaw(b []byte) error {
	if _, err := o.f.Write(b); err != nil {
		return fmt.Errorf("writing %s: %w", o.file.Path, err)
	}
	return nil
}

// commit moves the complete file into place.
func (o *output) commit() (File, error) {
	if err := o.flush(); err != nil {
		return o.file, err
	}
	err := o.f.Close()
	o.f = nil
	if err != nil {
		return o.file, fmt.Errorf("closing %s: %w", o.file.Path, err)
	}
	if err := os.Rename(o.tmp, o.dst); err != nil {
		return o.file, fmt.Errorf("moving %s into place: %w", o.file.Path, err)
	}
	return o.file, nil
}

// abort removes an uncommitted file; after commit it does nothing.
func (o *output) abort() {
	if o.f != nil {
		o.f.Close()
		os.Remove(o.tmp)
	}
}
