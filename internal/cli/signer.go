package cli

import (
	"os"
	"os/user"
	"strings"
)

// defaultSigner is who signs a close, approval or reopen when --by is not
// given: the OS account running salesops, as the operating system knows
// it, else as the shell says ($USER, then $LOGNAME); "" when nobody can
// be named, which the sign-off refuses.
func defaultSigner() string { return signerFrom(user.Current, os.Getenv) }

func signerFrom(current func() (*user.User, error), getenv func(string) string) string {
	if u, err := current(); err == nil && strings.TrimSpace(u.Username) != "" {
		return strings.TrimSpace(u.Username)
	}
	for _, k := range []string{"USER", "LOGNAME"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
	}
	return ""
}

// signer is --by, or the default signer when it was not given.
func signer(by string) string {
	if by = strings.TrimSpace(by); by != "" {
		return by
	}
	return defaultSigner()
}
