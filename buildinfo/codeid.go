package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

var codeID = sync.OnceValue(func() string {
	i := Read()
	if i.Revision != "" && !i.Dirty {
		return "revision " + i.Revision
	}
	// A build from a modified tree or outside git has no name for its
	// code, and two such builds can compute differently: the executable's
	// own bytes tell them apart.
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return "executable sha256:" + hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	return ""
})

// CodeID names the code that is running, for telling whether something it
// computed before would come out the same now: the VCS revision of a clean
// build, else a hash of the executable. Empty when neither can be read
// (then nothing computed before may be trusted).
func CodeID() string { return codeID() }
