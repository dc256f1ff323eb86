package config

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
)

//go:embed starter.yaml
var starter []byte

// Starter returns the commented configuration `salesops init` writes.
func Starter() []byte { return append([]byte(nil), starter...) }

// WriteStarter writes salesops.yaml and the drop folders it names into dir.
// It refuses to overwrite an existing configuration.
func WriteStarter(dir string) (string, error) {
	path := filepath.Join(dir, "salesops.yaml")
	if _, err := os.Stat(path); err == nil {
		return "", &Error{File: path, Err: fmt.Errorf("already exists; remove it or choose another folder")}
	}
	c, err := Parse(path, starter)
	if err != nil {
		return "", fmt.Errorf("starter configuration does not parse (a bug): %w", err)
	}
	for _, s := range c.Sources {
		if s.Path == "" {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(s.Path)), 0o750); err != nil {
			return "", fmt.Errorf("creating drop folder for %s: %w", s.Name, err)
		}
	}
	if err := os.WriteFile(path, starter, 0o640); err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}
