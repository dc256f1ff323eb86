package transform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A data test with a "-- refresh: <key>" header checks, on a new day, only
// the rows of the keys written since it last passed: the canonical key
// tests, which find a key held by two rows. Each such row either was in
// the table when the test last passed, which it did with no key held
// twice, or was written since, so a key held twice now is a key written
// since. Those keys' rows are what the test reads: its inputs are shadowed
// by temp views of them, as a keyed refresh shadows a model's
// (shadowTouched), and the test's SQL is unchanged. At ten million deals
// and twenty million follow-ups this is a third of a second instead of
// three seconds of hashing every key again.
//
// What a keyed refresh falls back on makes the test read everything
// again: a changed SQL, parameter or unkeyed input of the model it tests
// (its fingerprint without the keyed inputs' stamps), a removed batch, a
// row count that ingest's batches do not explain, a full transform.
//
// Its state is a transform_keyed row named "test <name>", recorded only
// when the test passes (a failing test fails the transform's transaction).

// keyedTestState is the transform_keyed row of data test t.
func keyedTestState(t Model) string { return "test " + t.Name }

// runDataTest runs data test t of the model it tests, reading only the
// keys written since it last passed when it can; it says how many keys and
// whether it could.
func (p plan) runDataTest(ctx context.Context, tx *sql.Tx, f *freshness, t Model, vars map[string]any, full bool) (keys int64, keyed bool, err error) {
	if t.Refresh == "" {
		return 0, false, runTest(ctx, tx, t)
	}
	m := p.models[t.Tests]
	m.Refresh = t.Refresh
	inputs, err := f.keyedInputs(ctx, tx, m)
	if err != nil {
		return 0, false, err
	}
	var base string
	if len(inputs) > 0 {
		if base, err = p.fingerprintExcept(ctx, tx, f, t.Tests, vars, inputs); err != nil {
			return 0, false, fmt.Errorf("data test %s: %w", t.Name, err)
		}
	}
	if !full && base != "" {
		if keys, keyed, err = f.testTouched(ctx, tx, t, inputs, base); err != nil {
			return 0, false, err
		}
	}
	if !keyed {
		if err := runTest(ctx, tx, t); err != nil {
			return 0, false, err
		}
	}
	return keys, keyed, f.recordKeyed(ctx, tx, keyedTestState(t), inputs, base, base)
}

// testTouched runs t over the keys written since it last passed, and says
// whether it could; false means t must read everything.
func (f *freshness) testTouched(ctx context.Context, tx *sql.Tx, t Model, inputs []string, base string) (keys int64, ok bool, err error) {
	var st keyedState
	err = tx.QueryRowContext(ctx, `SELECT base, watermark, counts FROM transform_keyed WHERE model = ?`, keyedTestState(t)).
		Scan(&st.base, &st.watermark, &st.counts)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("data test %s: reading when it last passed: %w", t.Name, err)
	}
	keys, drop, ok, err := f.touchedSince(ctx, tx, st, base, t.Refresh, inputs)
	defer drop()
	if err != nil {
		return 0, false, fmt.Errorf("data test %s: %w", t.Name, err)
	}
	if !ok {
		return 0, false, nil
	}
	if keys == 0 {
		return 0, true, nil
	}
	return keys, true, runTest(ctx, tx, t)
}
