# salesops: one Go binary over an embedded DuckDB. cgo is required (DuckDB's
# static library ships in the duckdb-go-bindings module); the duckdb_arrow
# tag enables duckdb-go's Arrow API, which ingest uses to stream decoded
# files into DuckDB.
GO        ?= go
TAGS      := duckdb_arrow
export CGO_ENABLED := 1
BIN       := bin/salesops
DEMO_OUT  ?= salesops-demo

# The build identity (salesops --version, the run history, every report).
# Go stamps the VCS state itself unless GOFLAGS has -buildvcs=false, as on
# some machines; git's state is then passed with -X. Outside a git checkout
# these are empty and the binary says "revision unknown".
BUILDINFO := github.com/salesops/salesops/buildinfo
GIT_REV   := $(shell git rev-parse HEAD 2>/dev/null)
GIT_TIME  := $(shell git show -s --format=%cI HEAD 2>/dev/null)
GIT_DIRTY := $(if $(GIT_REV),$(if $(shell git status --porcelain 2>/dev/null | head -c1),true,false))
LDFLAGS   := -X $(BUILDINFO).revision=$(GIT_REV) -X $(BUILDINFO).modified=$(GIT_DIRTY) -X $(BUILDINFO).commitTime=$(GIT_TIME)

.PHONY: build demo test test-short lint bench bench-scale deps-e2e clean

build:
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/salesops

# The main job on the embedded default: a generated company, ingested,
# transformed and reported. Open $(DEMO_OUT)/reports/index.html.
demo: build
	./$(BIN) demo --out $(DEMO_OUT)

# Everything, end-to-end tests included (headless Chromium, LibreOffice).
# CI installs those with `make deps-e2e`; locally the browser and
# spreadsheet tests skip when the tools are missing, unless CI=true.
test:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) -timeout 20m ./...

test-short:
	$(GO) test -tags $(TAGS) -short ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

# Benchmarks: the allocation, the 10-million-row ingest against DuckDB's own
# read_csv, and the dashboard's size and render time in headless Chromium.
bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 1x -timeout 60m ./transform/ ./bonus/ ./ingest/ ./reports/

# The whole job on generated companies of 100k (S), 1M (M) and 10M (L)
# deals against DuckDB alone (run before the jobs and after them): cold,
# warm, a new day's delta, the audit cold and warm.
# Rewrites the "Whole job at scale" section of docs/performance.md. L needs
# about 10 GB of disk in $TMPDIR and an hour: SIZES="S M L" make bench-scale.
# Its own binaries: other builds in the checkout rewrite bin/salesops.
SIZES     ?= S M
bench-scale:
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o bin/bench-scale/salesops ./cmd/salesops
	$(GO) build -tags $(TAGS) -o bin/bench-scale/benchscale ./internal/benchscale
	./bin/bench-scale/benchscale run -sizes "$(SIZES)" -salesops bin/bench-scale/salesops -doc docs/performance.md

# Debian packages the end-to-end tests use: pdftotext and pdfinfo
# (poppler-utils) read back the workbooks LibreOffice prints.
deps-e2e:
	@if ! command -v chromium >/dev/null || ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium chromium-driver libreoffice-calc-nogui fonts-noto-cjk poppler-utils >/dev/null; \
	fi

clean:
	rm -rf bin $(DEMO_OUT)
