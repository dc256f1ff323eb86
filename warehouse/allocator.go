package warehouse

import "fmt"

// allocatorSettings have DuckDB's allocator (jemalloc, on Linux) give
// memory back to the system soon after a step frees it, instead of keeping
// it for the next. memory_limit bounds what DuckDB's buffer manager holds
// at once, not what the allocator keeps of memory freed a moment ago: at
// ten million deals the cold monthly job peaked when the follow-up key
// check (a sort of 20M hashes) started just after the ingest had freed its
// buffers, at 985 to 1,095 MiB of RSS over five runs, with Go holding 66
// MiB of it. With these two settings four runs peaked at 857 to 884 MiB
// and took no longer (80.8 to 86.6 s, against 80.9 to 93.6 s); the
// incremental day 865 and 874 MiB against 923 and 967 MiB
// (docs/performance.md, "The allocator's share").
//
//   - allocator_bulk_deallocation_flush_threshold: a free larger than this
//     purges the allocator's cached pages (DuckDB's default is 512 MiB,
//     larger than the whole memory_limit of 600MB);
//   - allocator_background_threads: a jemalloc thread returns decayed pages
//     in the background, so the job's own threads do not pay for it.
//
// jemalloc's decay times (DUCKDB_JE_MALLOC_CONF) would do more, but
// jemalloc reads them when the process loads, before salesops runs.
var allocatorSettings = []dsnSetting{
	{"allocator_bulk_deallocation_flush_threshold", "32MB"},
	{"allocator_background_threads", "true"},
}

// allocatorStatements sets allocatorSettings on a connection.
func allocatorStatements() []string {
	stmts := make([]string, 0, len(allocatorSettings))
	for _, s := range allocatorSettings {
		stmts = append(stmts, fmt.Sprintf("SET %s = %s", s.name, quoteLiteral(s.value)))
	}
	return stmts
}
