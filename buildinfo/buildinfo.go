// Package buildinfo is the identity of the salesops build that is running:
// module version, VCS revision, whether the tree had uncommitted changes,
// and the toolchain. Every output and every run records it, so a figure can
// be traced to the code that computed it. It sits at the bottom of the
// import graph (like money and period) so reports may take an Info without
// reaching into the command line.
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Set with -ldflags -X by the Makefile. Go stamps the VCS state itself
// unless -buildvcs=false, which some machines put in GOFLAGS; the Makefile
// then reads git and passes it here. Empty: not set, Go's stamp (if any)
// is used.
var (
	revision   string // full commit hash
	modified   string // "true" when the tree had uncommitted changes
	commitTime string // RFC 3339
)

// Info identifies one build. The zero Info means "not given": writers then
// leave the identity out rather than claim one.
type Info struct {
	Version  string    // module version: a tag, a pseudo-version, or "(devel)"
	Revision string    // VCS commit hash; empty when unknown
	Time     time.Time // commit time; zero when unknown
	Dirty    bool      // built from a tree with uncommitted changes
	Go       string    // toolchain, such as go1.26.8
	Platform string    // GOOS/GOARCH
}

// Read is the identity of the running binary.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return fromBuild(bi, revision, modified, commitTime)
}

// fromBuild merges what the toolchain stamped (bi may be nil) with the
// ldflags values, which win: they are set only when stamping was off.
func fromBuild(bi *debug.BuildInfo, rev, mod, at string) Info {
	i := Info{Go: runtime.Version()}
	goos, goarch := runtime.GOOS, runtime.GOARCH
	if bi != nil {
		i.Version, i.Go = bi.Main.Version, bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				i.Revision = s.Value
			case "vcs.modified":
				i.Dirty = s.Value == "true"
			case "vcs.time":
				i.Time, _ = time.Parse(time.RFC3339, s.Value)
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
	}
	i.Platform = goos + "/" + goarch
	if rev != "" {
		i.Revision = rev
		i.Dirty, _ = strconv.ParseBool(mod)
		i.Time, _ = time.Parse(time.RFC3339, at)
	}
	if i.Version == "" || i.Version == "(devel)" {
		i.Version = pseudoVersion(i)
	}
	return i
}

// pseudoVersion is the version Go itself would stamp for an untagged
// commit (v0.0.0-<UTC time>-<12 hex>, +dirty), so a Makefile build with
// stamping off reads like one with it on; "(devel)" without a revision.
func pseudoVersion(i Info) string {
	if i.Revision == "" || i.Time.IsZero() {
		return "(devel)"
	}
	v := "v0.0.0-" + i.Time.UTC().Format("20060102150405") + "-" + short(i.Revision, 12)
	if i.Dirty {
		v += "+dirty"
	}
	return v
}

func short(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// IsZero reports whether i was never set (a writer given no identity).
func (i Info) IsZero() bool { return i == Info{} }

// Label is the identity outputs carry: "salesops v0.0.0-… (revision
// abcdef123456, modified)", or "salesops (devel) revision unknown" for a
// build outside a git checkout.
func (i Info) Label() string {
	v := i.Version
	if v == "" {
		v = "(devel)"
	}
	if i.Revision == "" {
		return "salesops " + v + " revision unknown"
	}
	rev := "revision " + short(i.Revision, 12)
	if i.Dirty {
		rev += ", modified"
	}
	return "salesops " + v + " (" + rev + ")"
}

// String is what --version prints: the label, the toolchain and platform.
func (i Info) String() string {
	return strings.TrimSpace(i.Label() + " " + i.Go + " " + i.Platform)
}
