package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"

	"github.com/salesops/salesops/faults"
)

// readOnlyForms is what QueryReadOnly runs, for the refusals to say.
const readOnlyForms = "SELECT, WITH, FROM, SHOW, DESCRIBE, SUMMARIZE, PIVOT … IN (…) or EXPLAIN"

// sideEffects are DuckDB table functions a SELECT may call that change the
// database or the session (enable_logging even past lock_configuration),
// or run SQL handed to them as text, which the checks here cannot see.
var sideEffects = map[string]string{
	"checkpoint": "changes", "force_checkpoint": "changes",
	"enable_logging": "changes", "disable_logging": "changes", "truncate_duckdb_logs": "changes",
	"enable_profiling": "changes", "disable_profiling": "changes",
	"enable_peg_parser": "changes", "disable_peg_parser": "changes",
	"query": "runs SQL", "json_execute_serialized_sql": "runs SQL",
}

// QueryReadOnly runs text, a user's SQL, and hands its rows to fn. The
// sandbox (Options.Sandbox) is what keeps it from writing or reading any
// file; the checks here refuse, with exit 2 and what is allowed, anything
// but one statement that reads: DuckDB's parser counts the statements,
// its prepared statement names the type, and json_serialize_sql, which
// only takes a SELECT, tells a SELECT from a PRAGMA DuckDB rewrote as one.
func (w *Warehouse) QueryReadOnly(ctx context.Context, text string, fn func(*sql.Rows) error) error {
	if !w.sandboxed {
		return errors.New("QueryReadOnly needs a warehouse opened with Options.Sandbox")
	}
	// The driver's prepare runs every statement but the last, so the
	// statements are counted before anything is prepared.
	n, err := countStatements(text)
	if err != nil {
		return fmt.Errorf("%w: query: %w", faults.ErrUsage, err)
	}
	switch {
	case n == 0:
		return refuse("the text has no statement")
	case n > 1:
		return refuse(fmt.Sprintf("the text has %d statements (a PIVOT without IN (…) has 2: DuckDB creates a type first)", n))
	}
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connecting to the warehouse: %w", err)
	}
	defer conn.Close()
	if err := checkRead(ctx, conn, text, true); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, text)
	if err != nil {
		return fmt.Errorf("%w: query: %w", faults.ErrUsage, err)
	}
	defer rows.Close()
	if err := fn(rows); err != nil {
		return err
	}
	return rows.Close()
}

func refuse(why string) error {
	return fmt.Errorf("%w: query runs one read-only statement (%s); %s", faults.ErrUsage, readOnlyForms, why)
}

// checkRead refuses a single statement that is not a read.
func checkRead(ctx context.Context, conn *sql.Conn, text string, explain bool) error {
	typ, err := statementType(ctx, conn, text)
	if err != nil {
		return fmt.Errorf("%w: query: %w", faults.ErrUsage, err)
	}
	switch {
	case typ == duckdb.STATEMENT_TYPE_EXPLAIN && explain:
		return checkExplain(ctx, conn, text)
	case typ != duckdb.STATEMENT_TYPE_SELECT:
		return refuse("this is " + typeName(typ) + " statement")
	}
	var out string
	if err := conn.QueryRowContext(ctx, "SELECT json_serialize_sql(CAST(? AS VARCHAR))::VARCHAR", text).Scan(&out); err != nil {
		return fmt.Errorf("parsing the query: %w", err)
	}
	var tree struct {
		Error      bool              `json:"error"`
		Message    string            `json:"error_message"`
		Statements []json.RawMessage `json:"statements"`
	}
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		return fmt.Errorf("reading the parsed query: %w", err)
	}
	if tree.Error || len(tree.Statements) != 1 {
		return refuse("this is not a plain SELECT (DuckDB: " + tree.Message + ")")
	}
	var node any
	if err := json.Unmarshal(tree.Statements[0], &node); err != nil {
		return fmt.Errorf("reading the parsed query: %w", err)
	}
	if f := calledSideEffect(node); f != "" {
		return refuse(f + "() " + sideEffects[f] + ", it does not only read")
	}
	return nil
}

// checkExplain lets an EXPLAIN through only if what it explains is a read:
// EXPLAIN ANALYZE runs it, and the sandbox does not keep a COPY from the
// warehouse file itself (DuckDB lets a database write its own files). The
// explained statement is what follows the leading keywords, and DuckDB's
// parser, not this cut, decides it is one SELECT; anything else after
// EXPLAIN, options in parentheses included, is refused.
func checkExplain(ctx context.Context, conn *sql.Conn, text string) error {
	rest, ok := cutKeyword(text, "EXPLAIN")
	if !ok {
		return refuse("put EXPLAIN first, before any comment")
	}
	if r, ok := cutKeyword(rest, "ANALYZE"); ok {
		rest = r
	}
	if n, err := countStatements(rest); err != nil || n != 1 {
		return refuse("EXPLAIN takes one SELECT")
	}
	return checkRead(ctx, conn, rest, false)
}

// cutKeyword returns text after its first word if that word is kw.
func cutKeyword(text, kw string) (string, bool) {
	t := strings.TrimLeftFunc(text, unicode.IsSpace)
	if len(t) <= len(kw) || !strings.EqualFold(t[:len(kw)], kw) {
		return "", false
	}
	rest := t[len(kw):]
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsSpace(r) {
		return "", false
	}
	return rest, true
}

// statementType prepares text, which holds one statement, on conn and
// returns DuckDB's type of it. Preparing binds it: a missing table, or a
// file the sandbox keeps out, fails here.
func statementType(ctx context.Context, conn *sql.Conn, text string) (duckdb.StmtType, error) {
	typ := duckdb.STATEMENT_TYPE_INVALID
	err := conn.Raw(func(dc any) error {
		pc, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return fmt.Errorf("the DuckDB connection %T cannot prepare", dc)
		}
		st, err := pc.PrepareContext(ctx, text)
		if err != nil {
			return err
		}
		defer st.Close()
		ds, ok := st.(*duckdb.Stmt)
		if !ok {
			return fmt.Errorf("the DuckDB statement is a %T", st)
		}
		typ, err = ds.StatementType()
		return err
	})
	return typ, err
}

// calledSideEffect walks a statement json_serialize_sql returned and names
// the first function of sideEffects it calls, however qualified or nested.
func calledSideEffect(node any) string {
	switch n := node.(type) {
	case map[string]any:
		if name, ok := n["function_name"].(string); ok {
			if _, bad := sideEffects[strings.ToLower(name)]; bad {
				return strings.ToLower(name)
			}
		}
		for _, v := range n {
			if f := calledSideEffect(v); f != "" {
				return f
			}
		}
	case []any:
		for _, v := range n {
			if f := calledSideEffect(v); f != "" {
				return f
			}
		}
	}
	return ""
}

// countStatements parses text with DuckDB's parser alone, in a throwaway
// in-memory database that may not touch files or extensions: counting
// through the warehouse's connection would mean preparing, which runs
// all but the last statement.
func countStatements(text string) (int, error) {
	var cfg mapping.Config
	if mapping.CreateConfig(&cfg) == mapping.StateError {
		return 0, errors.New("configuring DuckDB's parser")
	}
	defer mapping.DestroyConfig(&cfg)
	for _, s := range sandboxSettings {
		if s.name == "access_mode" {
			continue // it has no file
		}
		if mapping.SetConfig(cfg, s.name, s.value) == mapping.StateError {
			return 0, fmt.Errorf("configuring DuckDB's parser: %s", s.name)
		}
	}
	var db mapping.Database
	var msg string
	if mapping.OpenExt("", &db, cfg, &msg) == mapping.StateError {
		mapping.Close(&db)
		return 0, fmt.Errorf("starting DuckDB's parser: %s", msg)
	}
	defer mapping.Close(&db)
	var conn mapping.Connection
	if mapping.Connect(db, &conn) == mapping.StateError {
		return 0, errors.New("connecting to DuckDB's parser")
	}
	defer mapping.Disconnect(&conn)
	var stmts mapping.ExtractedStatements
	n := mapping.ExtractStatements(conn, text, &stmts)
	defer mapping.DestroyExtracted(&stmts)
	if n == 0 {
		if msg := mapping.ExtractStatementsError(stmts); msg != "" {
			return 0, errors.New(msg)
		}
	}
	return int(n), nil
}

// typeName says which statement a refused type is, e.g. "a COPY".
func typeName(t duckdb.StmtType) string {
	names := map[duckdb.StmtType]string{
		duckdb.STATEMENT_TYPE_INSERT: "an INSERT", duckdb.STATEMENT_TYPE_UPDATE: "an UPDATE",
		duckdb.STATEMENT_TYPE_DELETE: "a DELETE", duckdb.STATEMENT_TYPE_PREPARE: "a PREPARE",
		duckdb.STATEMENT_TYPE_CREATE: "a CREATE", duckdb.STATEMENT_TYPE_EXECUTE: "an EXECUTE",
		duckdb.STATEMENT_TYPE_ALTER: "an ALTER", duckdb.STATEMENT_TYPE_TRANSACTION: "a TRANSACTION",
		duckdb.STATEMENT_TYPE_COPY: "a COPY", duckdb.STATEMENT_TYPE_ANALYZE: "an ANALYZE",
		duckdb.STATEMENT_TYPE_VARIABLE_SET: "a SET VARIABLE", duckdb.STATEMENT_TYPE_CREATE_FUNC: "a CREATE FUNCTION",
		duckdb.STATEMENT_TYPE_DROP: "a DROP", duckdb.STATEMENT_TYPE_EXPORT: "an EXPORT",
		duckdb.STATEMENT_TYPE_PRAGMA: "a PRAGMA", duckdb.STATEMENT_TYPE_VACUUM: "a VACUUM",
		duckdb.STATEMENT_TYPE_CALL: "a CALL", duckdb.STATEMENT_TYPE_SET: "a SET",
		duckdb.STATEMENT_TYPE_LOAD: "a LOAD", duckdb.STATEMENT_TYPE_ATTACH: "an ATTACH",
		duckdb.STATEMENT_TYPE_DETACH: "a DETACH",
	}
	if s, ok := names[t]; ok {
		return s
	}
	return fmt.Sprintf("a DuckDB type %d", t)
}
