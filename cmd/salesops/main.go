// Command salesops turns a sales department's exports into KPIs, the
// monthly bonus, dashboards and the quarterly audit. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/salesops/salesops/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
