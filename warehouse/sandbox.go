package warehouse

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// sandboxSettings confine a database to reading its own file. They are
// DuckDB options given when the database starts, not SET statements, so
// every connection the pool opens has them before it runs anything, and
// lock_configuration comes with them: no statement can SET or RESET any
// of them afterwards. access_mode alone is not enough: a read-only
// database still writes any other file (COPY TO, EXPORT DATABASE, even
// over the warehouse itself), reads any file (read_text, glob) and
// downloads extensions.
var sandboxSettings = []dsnSetting{
	{"access_mode", "read_only"},
	{"enable_external_access", "false"},
	{"autoinstall_known_extensions", "false"},
	{"autoload_known_extensions", "false"},
	{"allow_community_extensions", "false"},
	{"allow_unsigned_extensions", "false"},
	{"lock_configuration", "true"},
}

// dsnSetting is one DuckDB option given in the DSN, so that it holds from
// the database's start, on every pooled connection.
type dsnSetting struct{ name, value string }

// restrictedDSN opens path under settings. The allocator's settings
// (allocator.go), the memory limit and threads go in the DSN too: a SET of
// them on a later connection would meet the locked configuration.
func restrictedDSN(path string, settings []dsnSetting, opt Options) string {
	v := url.Values{}
	for _, s := range append(slices.Clone(allocatorSettings), settings...) {
		v.Set(s.name, s.value)
	}
	if opt.MemoryLimit != "" {
		v.Set("memory_limit", opt.MemoryLimit)
	}
	if opt.Threads > 0 {
		v.Set("threads", strconv.Itoa(opt.Threads))
	}
	return path + "?" + v.Encode()
}

// checkSandbox reads the settings back, because the driver may hand out a
// database this process already has open on the same file (its instance
// cache) rather than one started with ours.
func (w *Warehouse) checkSandbox(ctx context.Context) error {
	for _, s := range sandboxSettings {
		var got string
		if err := w.DB.QueryRowContext(ctx, "SELECT current_setting(?)::VARCHAR", s.name).Scan(&got); err != nil {
			return fmt.Errorf("reading the setting %s of the read-only warehouse: %w", s.name, err)
		}
		if !strings.EqualFold(got, s.value) {
			return fmt.Errorf("warehouse %s is open in this process with %s = %s; a read-only query needs %s", w.Path, s.name, got, s.value)
		}
	}
	return nil
}
