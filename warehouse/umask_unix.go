//go:build unix

package warehouse

import (
	"io/fs"
	"syscall"
)

// restrictUmask adds mask to the process umask. Reading the umask means
// setting it: 077 is set first, so a file created in between is never
// less private than under either value.
func restrictUmask(mask fs.FileMode) {
	old := syscall.Umask(0o077)
	syscall.Umask(old | int(mask))
}
