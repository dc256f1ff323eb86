package buildinfo

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFromBuild(t *testing.T) {
	stamped := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261130163721-eef4b769e1b2+dirty"},
		Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "arm64"},
			{Key: "vcs.revision", Value: "eef4b769e1b2a915a1a77c6ca5f614e46916dc3b"}, {Key: "vcs.time", Value: "2026-11-30T16:37:21Z"}, {Key: "vcs.modified", Value: "true"}}}
	unstamped := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "amd64"}}}
	tests := []struct {
		name          string
		bi            *debug.BuildInfo
		rev, mod, at  string
		label, output string
	}{
		{"go stamped the VCS state", stamped, "", "", "",
			"salesops v0.0.0-20261130163721-eef4b769e1b2+dirty (revision eef4b769e1b2, modified)",
			"salesops v0.0.0-20261130163721-eef4b769e1b2+dirty (revision eef4b769e1b2, modified) go1.26.8 linux/arm64"},
		{"stamping off, the Makefile passed git's state", unstamped, "eef4b769e1b2a915a1a77c6ca5f614e46916dc3b", "false", "2026-11-30T16:37:21Z",
			"salesops v0.0.0-20261130163721-eef4b769e1b2 (revision eef4b769e1b2)",
			"salesops v0.0.0-20261130163721-eef4b769e1b2 (revision eef4b769e1b2) go1.26.8 linux/amd64"},
		{"commit time in another zone is written in UTC", unstamped, "eef4b769e1b2a915a1a77c6ca5f614e46916dc3b", "true", "2026-12-01T00:37:21+08:00",
			"salesops v0.0.0-20261130163721-eef4b769e1b2+dirty (revision eef4b769e1b2, modified)",
			"salesops v0.0.0-20261130163721-eef4b769e1b2+dirty (revision eef4b769e1b2, modified) go1.26.8 linux/amd64"},
		{"go install outside a checkout", unstamped, "", "", "",
			"salesops (devel) revision unknown", "salesops (devel) revision unknown go1.26.8 linux/amd64"},
		{"a tagged module from the proxy", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}}, "", "", "",
			"salesops v1.2.3 revision unknown", "salesops v1.2.3 revision unknown go1.26.8 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := fromBuild(tt.bi, tt.rev, tt.mod, tt.at)
			if got := i.Label(); got != tt.label {
				t.Errorf("Label() = %q, want %q", got, tt.label)
			}
			// The last case has no GOOS/GOARCH setting: the running platform fills in.
			if got := i.String(); !strings.HasPrefix(got, tt.output) {
				t.Errorf("String() = %q, want prefix %q", got, tt.output)
			}
		})
	}
}

func TestZeroInfo(t *testing.T) {
	if !(Info{}).IsZero() || (Info{Version: "test"}).IsZero() {
		t.Fatal("IsZero must mean only the zero Info")
	}
	if got := (Info{}).Label(); got != "salesops (devel) revision unknown" {
		t.Fatalf("zero Label() = %q", got)
	}
}
