// Package proc answers one question about processes on this machine: is a
// given pid alive. Recovery after a crash (runs left running, temporary
// folders left behind) depends on it.
package proc

import (
	"errors"
	"os"
	"syscall"
)

// Alive reports whether a process with pid exists on this host. Signal 0
// checks existence without touching the process; EPERM means it exists but
// belongs to another user. A pid the kernel has reused for another program
// reads as alive: callers keep what they are unsure of.
func Alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Hostname is os.Hostname, empty when it cannot be read.
func Hostname() string {
	h, _ := os.Hostname()
	return h
}
