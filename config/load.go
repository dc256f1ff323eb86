package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/salesops/salesops/faults"
)

// Error is a configuration problem: bad usage, exit code 2.
type Error struct {
	File string
	Err  error
}

func (e *Error) Error() string {
	if e.Err == errEmpty {
		return fmt.Sprintf("configuration %s is empty: it holds no settings, not even version (run 'salesops init' for a starter)", e.File)
	}
	return fmt.Sprintf("configuration %s: %v", e.File, e.Err)
}

// errEmpty is a file without a YAML document: empty, or comments only.
// goccy reports it as a bare io.EOF, which says nothing to an operator.
var errEmpty = errors.New("empty")

func (e *Error) Unwrap() error { return e.Err }

// Is makes every configuration error a usage error (exit 2).
func (e *Error) Is(target error) bool { return target == faults.ErrUsage }

// Load reads, defaults and validates the configuration file at path.
func Load(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, &Error{File: path, Err: err}
	}
	return Parse(path, b)
}

// Parse decodes configuration text; name is used in errors and to resolve
// relative paths.
func Parse(name string, text []byte) (Config, error) {
	c := Default()
	c.Version = 0 // the file must say which schema it is written for
	dec := yaml.NewDecoder(bytes.NewReader(text), yaml.DisallowUnknownField())
	if err := dec.Decode(&c); err != nil {
		if errors.Is(err, io.EOF) {
			return Config{}, &Error{File: name, Err: errEmpty}
		}
		return Config{}, &Error{File: name, Err: decodeError(text, err)}
	}
	def := Default()
	for k, v := range def.Audit.Weights {
		if _, ok := c.Audit.Weights[k]; !ok {
			c.Audit.Weights[k] = v
		}
	}
	for k, v := range def.Schedule.Jobs {
		if _, ok := c.Schedule.Jobs[k]; !ok {
			c.Schedule.Jobs[k] = v
		}
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return Config{}, &Error{File: name, Err: err}
	}
	c.Dir = filepath.Dir(abs)
	if err := c.validate(); err != nil {
		return Config{}, &Error{File: name, Err: err}
	}
	return c, nil
}

// Resolve makes a path from the configuration absolute against its folder.
func (c Config) Resolve(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// WarehousePath is the DuckDB file, resolved.
func (c Config) WarehousePath() string { return c.Resolve(c.Warehouse) }

// OutputDir is the report folder, resolved.
func (c Config) OutputDir() string { return c.Resolve(c.Output) }

// ScheduleLocation is the zone cron expressions are read in.
func (c Config) ScheduleLocation() (*time.Location, error) {
	if c.Schedule.Timezone == "" {
		return c.Location, nil
	}
	return time.LoadLocation(c.Schedule.Timezone)
}
