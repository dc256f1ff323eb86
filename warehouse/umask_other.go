//go:build !unix

package warehouse

import "io/fs"

// restrictUmask does nothing where there is no umask (Windows): files
// inherit the folder's access control list.
func restrictUmask(fs.FileMode) {}
