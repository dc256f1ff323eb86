package reports

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// repSheets reads a month's deals, new customers and responses a rep at a
// time, so that each rep's statement gets every line of its own while no
// more than one rep's lines are held: the sheets are ordered by rep first
// (detail_lines.go), and the reps are asked for in that order.
type repSheets struct {
	deals     *repPull[dealLine]
	news      *repPull[newCustomerLine]
	responses *repPull[responseLine]
}

func openRepSheets(ctx context.Context, d workbookDetail) *repSheets {
	return &repSheets{
		deals:     pullLines(ctx, d, d.deals, dealLines),
		news:      pullLines(ctx, d, d.newCustomers, newCustomerLines),
		responses: pullLines(ctx, d, d.responses, responseLines),
	}
}

// close ends the reads still open.
func (r *repSheets) close() {
	r.deals.stop()
	r.news.stop()
	r.responses.stop()
}

// of is rep's lines of the three sheets. Each call must name a rep after
// the one before it, in the lines' order (byte order, DuckDB's and Go's).
func (r *repSheets) of(rep string) (deals []dealLine, news []newCustomerLine, responses []responseLine, err error) {
	if deals, err = r.deals.take(rep); err == nil {
		if news, err = r.news.take(rep); err == nil {
			responses, err = r.responses.take(rep)
		}
	}
	return deals, news, responses, err
}

// repPull is one sheet's lines, pulled as they are read.
type repPull[T repLine] struct {
	what string
	next func() (T, error, bool)
	stop func()
	head T      // the first line not taken yet
	held bool   // head holds a line
	last string // the rep of the last line read
}

// errPullStopped ends a read whose puller stopped.
var errPullStopped = errors.New("the reader stopped")

func pullLines[T repLine](ctx context.Context, d workbookDetail, held []T, q lineQuery[T]) *repPull[T] {
	next, stop := iter.Pull2(func(yield func(T, error) bool) {
		stopped := false
		err := eachLine(ctx, d, held, q, func(l T) error {
			if !yield(l, nil) {
				stopped = true
				return errPullStopped
			}
			return nil
		})
		if err != nil && !stopped {
			var zero T
			yield(zero, err)
		}
	})
	return &repPull[T]{what: q.what, next: next, stop: stop}
}

// take is rep's lines, skipping the lines of the reps before it.
func (p *repPull[T]) take(rep string) ([]T, error) {
	var out []T
	for {
		if !p.held {
			l, err, ok := p.next()
			if !ok {
				return out, nil
			}
			if err != nil {
				return nil, err
			}
			if l.rep() < p.last {
				return nil, fmt.Errorf("reading %s: the lines are not in rep order (%q after %q)", p.what, l.rep(), p.last)
			}
			p.head, p.held, p.last = l, true, l.rep()
		}
		switch r := p.head.rep(); {
		case r < rep:
			p.held = false
		case r == rep:
			out = append(out, p.head)
			p.held = false
		default:
			return out, nil
		}
	}
}
