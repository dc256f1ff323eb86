package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// step is one measured child process.
type step struct {
	Size   string
	Name   string // what ran, for the table
	Key    string // short name: duckdb, cold, warm, incremental, audit, audit-warm
	Wall   time.Duration
	RSS    int64  // peak resident set of the child, bytes
	DBSize int64  // the database file (and WAL) after the step, bytes
	Load   string // 1-minute load average when it started
	Failed string // "failed after N s: first line of the error"; empty when it succeeded
	Detail string // e.g. DuckDB alone's load and SQL times
}

// child runs one command as a child process with its output in logPath,
// and measures its wall time and peak RSS. A failing child is a result,
// not an error: the bench records it and goes on.
func child(ctx context.Context, timeout time.Duration, logPath string, env []string, name string, args ...string) (st step, stdout, stderr []byte, err error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return st, nil, nil, fmt.Errorf("creating the log of %s: %w", name, err)
	}
	defer logf.Close()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout = io.MultiWriter(&out, logf)
	cmd.Stderr = io.MultiWriter(&errb, logf)
	cmd.WaitDelay = 10 * time.Second
	st.Load = loadAverage()
	fmt.Fprintf(logf, "$ %s %s\n", name, strings.Join(args, " "))
	start := time.Now()
	runErr := cmd.Run()
	st.Wall = time.Since(start)
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			st.RSS = ru.Maxrss << 10 // Linux reports KiB
		}
	}
	if runErr != nil {
		why := firstErrorLine(errb.String())
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			why = fmt.Sprintf("killed at the %s timeout", timeout)
		case why == "":
			why = runErr.Error()
		}
		st.Failed = fmt.Sprintf("failed after %.0f s: %s", st.Wall.Seconds(), why)
		if errors.Is(ctx.Err(), context.Canceled) {
			st.Failed = fmt.Sprintf("stopped after %.0f s: the bench was interrupted", st.Wall.Seconds())
			return st, out.Bytes(), errb.Bytes(), fmt.Errorf("%s: %w", name, ctx.Err())
		}
	}
	return st, out.Bytes(), errb.Bytes(), nil
}

// firstErrorLine is the line salesops prints its error on ("salesops:
// …"), else the last line that looks like an error, else the last line.
func firstErrorLine(stderr string) string {
	var last, lastErr string
	sc := bufio.NewScanner(strings.NewReader(stderr))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "salesops: "):
			return cut(strings.TrimPrefix(line, "salesops: "))
		case strings.Contains(line, "level=ERROR") || strings.HasPrefix(line, "error") || strings.Contains(line, "Error"):
			lastErr = line
		}
		last = line
	}
	if lastErr != "" {
		return cut(lastErr)
	}
	return cut(last)
}

// cut keeps a table cell readable; the log has the whole error.
func cut(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

// fileSize is the size of path plus its WAL, 0 when absent.
func fileSize(path string) int64 {
	var n int64
	for _, p := range []string{path, path + ".wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// removeWarehouse makes the next run cold: no database, no WAL, no lock
// or run journal, no reports.
func removeWarehouse(dir string) error {
	matches, err := filepath.Glob(filepath.Join(dir, "salesops.duckdb*"))
	if err != nil {
		return err
	}
	for _, p := range append(matches, filepath.Join(dir, "reports")) {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("removing %s for a cold run: %w", p, err)
		}
	}
	return nil
}

// phases splits a salesops run into ingest, transform and reports from the
// times of its log lines (run started, transform done with its took=, run
// finished), so the table says where the time went; "" when the log lacks
// them (a failed run, another log format).
func phases(stderr string) string {
	var started, transformed, finished time.Time
	var transform time.Duration
	for _, line := range strings.Split(stderr, "\n") {
		ts, rest, ok := strings.Cut(strings.TrimPrefix(line, "time="), " ")
		if !ok || !strings.HasPrefix(line, "time=") {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			continue
		}
		switch {
		case strings.Contains(rest, `msg="run started"`):
			started = t
		case strings.Contains(rest, `msg="transform done"`):
			transformed = t
			if _, took, ok := strings.Cut(rest, " took="); ok {
				transform, _ = time.ParseDuration(strings.Fields(took)[0])
			}
		case strings.Contains(rest, `msg="run finished"`):
			finished = t
		}
	}
	if started.IsZero() || transformed.IsZero() || finished.IsZero() || transform == 0 {
		return ""
	}
	ingest := transformed.Add(-transform).Sub(started)
	return fmt.Sprintf("ingest %.1f s, transform %.1f s, reports %.1f s", ingest.Seconds(), transform.Seconds(), finished.Sub(transformed).Seconds())
}
