// Package transform runs the SQL models of package sql in dependency order
// inside one transaction, each followed by its data tests, plus the Go
// steps its caller registers for what SQL does not express well (the exact
// bonus allocation of package bonus). A failed data test rolls the whole
// transform back and fails the job with the offending rows.
package transform
