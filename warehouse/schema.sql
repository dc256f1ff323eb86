-- The warehouse schema. Applied on every open; every statement is idempotent.
-- Canonical tables hold the current version of each record, keyed as in
-- exports.md; <table>_history keeps every version a later export replaced.
-- Provenance columns (_file, _line, _sheet, _hash, _batch) say where each
-- row came from, so every figure can be traced to a line of an export.
-- Keys are unique without a PRIMARY KEY (schema version 2): an index on ten
-- million keys cost more time than the whole load and more memory than the
-- memory limit at commit. Ingest dedupes each file and upserts by key, and
-- the data test sql/tests/canonical_keys_unique.sql checks it.
-- Money is DECIMAL(18,2) in the base currency; local times are TIMESTAMP
-- wall-clock in the configured time zone; system times are TIMESTAMP in UTC.

CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS reps (
    rep_id VARCHAR NOT NULL, name VARCHAR, team VARCHAR, region VARCHAR,
    manager_id VARCHAR, hire_date DATE, leave_date DATE,
    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);

CREATE TABLE IF NOT EXISTS customers (
    customer_id VARCHAR NOT NULL, company_name VARCHAR, contact_name VARCHAR,
    phone VARCHAR, email VARCHAR, industry VARCHAR, region VARCHAR, source VARCHAR,
    owner_rep_id VARCHAR, created_date DATE,
    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);

CREATE TABLE IF NOT EXISTS deals (
    deal_id VARCHAR NOT NULL, customer_id VARCHAR, rep_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('won', 'lost', 'open', 'cancelled')),
    amount DECIMAL(18,2),            -- in the base currency
    currency VARCHAR,                -- the currency of the export
    amount_original DECIMAL(18,2),   -- as exported, in that currency
    created_date DATE, close_date DATE, cancel_date DATE,
    product VARCHAR, contract_archived BOOLEAN,
    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);

CREATE TABLE IF NOT EXISTS followups (
    followup_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, rep_id VARCHAR NOT NULL,
    followup_at TIMESTAMP NOT NULL, channel VARCHAR, stage VARCHAR,
    content VARCHAR, result VARCHAR, next_followup_date DATE,
    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);

CREATE TABLE IF NOT EXISTS surveys (
    survey_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, rep_id VARCHAR,
    survey_date DATE NOT NULL, score INTEGER NOT NULL, comment VARCHAR,
    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);

CREATE TABLE IF NOT EXISTS tickets (
    ticket_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, rep_id VARCHAR,
    kind VARCHAR, opened_at TIMESTAMP NOT NULL, resolved_at TIMESTAMP,
    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);

CREATE TABLE IF NOT EXISTS fx_rates (
    currency VARCHAR NOT NULL, month VARCHAR NOT NULL, rate DECIMAL(18,8) NOT NULL,
    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);

CREATE TABLE IF NOT EXISTS reps_history      AS SELECT *, NULL::TIMESTAMP AS _superseded_at, NULL::BIGINT AS _superseded_by FROM reps LIMIT 0;
CREATE TABLE IF NOT EXISTS customers_history AS SELECT *, NULL::TIMESTAMP AS _superseded_at, NULL::BIGINT AS _superseded_by FROM customers LIMIT 0;
CREATE TABLE IF NOT EXISTS deals_history     AS SELECT *, NULL::TIMESTAMP AS _superseded_at, NULL::BIGINT AS _superseded_by FROM deals LIMIT 0;
CREATE TABLE IF NOT EXISTS followups_history AS SELECT *, NULL::TIMESTAMP AS _superseded_at, NULL::BIGINT AS _superseded_by FROM followups LIMIT 0;
CREATE TABLE IF NOT EXISTS surveys_history   AS SELECT *, NULL::TIMESTAMP AS _superseded_at, NULL::BIGINT AS _superseded_by FROM surveys LIMIT 0;
CREATE TABLE IF NOT EXISTS tickets_history   AS SELECT *, NULL::TIMESTAMP AS _superseded_at, NULL::BIGINT AS _superseded_by FROM tickets LIMIT 0;
CREATE TABLE IF NOT EXISTS fx_rates_history  AS SELECT *, NULL::TIMESTAMP AS _superseded_at, NULL::BIGINT AS _superseded_by FROM fx_rates LIMIT 0;

-- Ingest bookkeeping. A batch commits in one transaction with its rows, so a
-- batch row with status 'committed' means its data is all there, and a row
-- of no committed batch is what a commit torn by a crash left (recover.go).
CREATE SEQUENCE IF NOT EXISTS batch_seq START 1;
CREATE TABLE IF NOT EXISTS ingest_batches (
    batch_id BIGINT PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
    status VARCHAR, files INTEGER, error VARCHAR);
CREATE TABLE IF NOT EXISTS ingest_files (
    batch_id BIGINT, source VARCHAR, kind VARCHAR, path VARCHAR, content_hash VARCHAR,
    bytes BIGINT, encoding VARCHAR, format VARCHAR,
    rows_read BIGINT, rows_inserted BIGINT, rows_updated BIGINT, rows_unchanged BIGINT,
    rows_rejected BIGINT, status VARCHAR, message VARCHAR, loaded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS rejects (
    batch_id BIGINT, source VARCHAR, kind VARCHAR, file VARCHAR, line BIGINT, sheet VARCHAR,
    column_name VARCHAR, value VARCHAR, reason VARCHAR, row_key VARCHAR, row_date DATE);
CREATE TABLE IF NOT EXISTS ingest_warnings (
    batch_id BIGINT, source VARCHAR, kind VARCHAR, file VARCHAR, line BIGINT, sheet VARCHAR,
    code VARCHAR, row_key VARCHAR, message VARCHAR, row_date DATE);

-- Jobs.
CREATE SEQUENCE IF NOT EXISTS run_seq START 1;
CREATE TABLE IF NOT EXISTS runs (
    run_id BIGINT PRIMARY KEY, job VARCHAR, period VARCHAR, trigger VARCHAR,
    scheduled_at TIMESTAMP, started_at TIMESTAMP, finished_at TIMESTAMP,
    status VARCHAR, error VARCHAR, fingerprint VARCHAR, rows BIGINT,
    outputs VARCHAR, detail VARCHAR);
-- Which process ran it, so a run whose process is gone can be told from one
-- in progress (marked abandoned at the next start that takes the lock).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid BIGINT;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS host VARCHAR;
-- Which salesops build ran it (buildinfo Label: version and VCS revision),
-- so a figure can be traced to the code that computed it.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS version VARCHAR;

-- Closed months: the frozen bonus. Rates are kept as the exact decimal text
-- that was published, so a rerun reproduces the files byte for byte.
CREATE TABLE IF NOT EXISTS period_closes (
    period VARCHAR PRIMARY KEY, closed_at TIMESTAMP, run_id BIGINT, fingerprint VARCHAR,
    plan VARCHAR, summary VARCHAR);
CREATE TABLE IF NOT EXISTS closed_bonus_rows (
    period VARCHAR, rep_id VARCHAR, row_json VARCHAR, allocation DECIMAL(18,2),
    PRIMARY KEY (period, rep_id));
CREATE TABLE IF NOT EXISTS period_events (
    period VARCHAR, event VARCHAR, event_at TIMESTAMP, reason VARCHAR, run_id BIGINT);
-- What a closed month's reports read (KPI rows, dashboard, scorecards, the
-- workbook's detail sheets), frozen with the close so that every file of
-- the month renders from the month as it was paid (reports' MonthInputs).
CREATE TABLE IF NOT EXISTS closed_views (
    period VARCHAR, name VARCHAR, payload VARCHAR,
    PRIMARY KEY (period, name));
-- The lines of a closed month's workbook detail, CSVs and statements (its
-- deal events, new customers, responses, data-quality problems: sheet),
-- in their order (seq), each line as JSON of the reports' own line; copied
-- by the close in SQL, read back a sheet at a time, never held whole.
CREATE TABLE IF NOT EXISTS closed_detail_lines (
    period VARCHAR NOT NULL, sheet VARCHAR NOT NULL, seq BIGINT NOT NULL, line VARCHAR NOT NULL);
-- Adjustments to earlier closed months that the close of period_paid
-- included: paid once, then settled for every later month.
CREATE TABLE IF NOT EXISTS closed_adjustments (
    period_paid VARCHAR, closed_period VARCHAR, rep_id VARCHAR,
    frozen DECIMAL(18,2), current DECIMAL(18,2), amount DECIMAL(18,2),
    PRIMARY KEY (period_paid, closed_period, rep_id));

-- Approvals of closes (salesops approve): the second signature, tied to
-- the close's run, so a reopen voids it and the record of it stays.
CREATE TABLE IF NOT EXISTS period_approvals (
    period VARCHAR NOT NULL, close_run_id BIGINT NOT NULL, approved_by VARCHAR NOT NULL,
    approved_at TIMESTAMP NOT NULL, run_id BIGINT);

-- Responses to audit findings (salesops audit ack / waive), kept whole: the
-- latest per finding is the one the audit shows. finding_id is the stable id
-- of sql/models/audit_opportunities.sql, so a response survives reruns.
CREATE TABLE IF NOT EXISTS audit_responses (
    finding_id VARCHAR NOT NULL, action VARCHAR NOT NULL, by_name VARCHAR NOT NULL,
    note VARCHAR, responded_at TIMESTAMP NOT NULL, run_id BIGINT);

-- The audit's company figures as each quarterly audit reported them
-- (RecordAuditScores): per audited quarter, the check rows of that quarter
-- and of the one before, which its report compares with. The monthly
-- dashboard's audit card reads them, so a quarter's score stays what its
-- audit said whatever a later audit recomputes, and the same quarter a
-- year before comes from the audit that ran for it.
CREATE TABLE IF NOT EXISTS audit_scores (
    audit_period VARCHAR NOT NULL, period VARCHAR NOT NULL, check_id VARCHAR NOT NULL,
    weight DECIMAL(38,18) NOT NULL, findings BIGINT NOT NULL, opportunities BIGINT NOT NULL,
    run_id BIGINT);

-- What the transform last built: one row per model or step, with the
-- fingerprint of everything its table was computed from (its SQL, the
-- parameters it reads, the tables it reads). A model whose fingerprint is
-- unchanged and whose table is there is not rebuilt (transform/fresh.go).
CREATE TABLE IF NOT EXISTS transform_state (
    model VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, built_at TIMESTAMP NOT NULL,
    took_ms BIGINT);
-- What a model with a "-- refresh: <key>" header was built from, for a
-- keyed refresh (transform/keyed.go): its fingerprint (valid only while
-- transform_state still holds it), the fingerprint without the stamps of
-- its keyed inputs, the last ingest batch its inputs held, and their row
-- counts at that batch (the guard against writes outside ingest).
CREATE TABLE IF NOT EXISTS transform_keyed (
    model VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, base VARCHAR NOT NULL,
    watermark BIGINT NOT NULL, counts VARCHAR NOT NULL);
