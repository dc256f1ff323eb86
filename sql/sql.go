// Package sql holds the SQL models and data tests that turn the canonical
// tables into metrics, the bonus and the audit. Models live in models/, one
// CREATE OR REPLACE per file, named after the table it builds, with a
// "-- depends: a, b" header. Data tests live in tests/: each is a query that
// must return no rows, with a "-- tests: model" header saying after which
// model it runs. The transform package runs them through an fs.FS, so tests
// can swap in their own.
package sql

import (
	"embed"
	"io/fs"
)

//go:embed models/*.sql tests/*.sql
var files embed.FS

// FS returns the embedded models and tests.
func FS() fs.FS { return files }
