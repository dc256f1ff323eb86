package scalegen

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeConfig writes the company's salesops.yaml: the five sources of
// `salesops init` over its drop folders, and every other key left to its
// default, as a customer trying salesops on their exports would.
func writeConfig(dir string, m Manifest) error {
	text := fmt.Sprintf(`# Written by scalegen for make bench-scale: company %s (%d reps, %d customers,
# %d deals, %d follow-ups, %d surveys), seed %d, data through %s. The next
# day's exports are under delta/; the bench moves them into drop/.
version: 1
sources:
  - name: roster
    kind: reps
    path: drop/reps/*.csv
  - name: customers
    kind: customers
    path: drop/customers/*.csv
  - name: sales
    kind: sales
    path: drop/sales/*.csv
  - name: followups
    kind: followups
    path: drop/followups/*.csv
  - name: surveys
    kind: surveys
    path: drop/surveys/*.csv
`, m.Size.Name, m.Size.Reps, m.Size.Customers, m.Size.Deals, m.Size.Followups(), m.Size.Surveys(), m.Seed, m.AsOf)
	if err := os.WriteFile(filepath.Join(dir, m.Config), []byte(text), 0o644); err != nil {
		return fmt.Errorf("writing the configuration: %w", err)
	}
	return nil
}
