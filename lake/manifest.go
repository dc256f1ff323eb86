package lake

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ManifestName is the manifest's file name at the top of a lake.
const ManifestName = "manifest.json"

const (
	manifestFormat  = "salesops-parquet-lake"
	manifestVersion = 1
)

// Manifest says what a lake holds, so a reader in another engine can
// check it read all of it: per table the rows and the exact sum of every
// money column, as the warehouse had them when the lake was written.
type Manifest struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Generator  string    `json:"generator"` // the salesops build (buildinfo Label)
	ExportedAt time.Time `json:"exported_at"`
	Warehouse  struct {
		// Fingerprint is the warehouse's input fingerprint (the exports it
		// was loaded from), as runs record it.
		Fingerprint   string `json:"fingerprint"`
		SchemaVersion int    `json:"schema_version"`
	} `json:"warehouse"`
	Tables []TableEntry `json:"tables"`
}

// TableEntry is one table of the lake.
type TableEntry struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // "canonical" (exports.md) or "model" (built by a transform)
	Path string `json:"path"` // its folder, relative to the manifest
	// Files is the glob of its Parquet files, relative to the manifest.
	Files string `json:"files"`
	// PartitionBy is the Hive partition column ("month", YYYY-MM) and
	// PartitionFrom the column it was derived from; both empty for a table
	// written whole.
	PartitionBy   string   `json:"partition_by,omitempty"`
	PartitionFrom string   `json:"partition_from,omitempty"`
	Rows          int64    `json:"rows"`
	Columns       []Column `json:"columns"`
	// MoneyTotals is the sum of each DECIMAL(p,2) column as an exact
	// decimal text ("0.00" for no rows).
	MoneyTotals map[string]string `json:"money_totals,omitempty"`
}

// writeManifest writes m as indented JSON with the lake's file mode.
func writeManifest(path string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the lake's manifest: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), filePerm); err != nil {
		return fmt.Errorf("writing the lake's manifest: %w", err)
	}
	return nil
}

// ReadManifest reads the manifest of the lake in dir.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m, fmt.Errorf("reading the lake's manifest: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("reading the lake's manifest %s: %w", dir, err)
	}
	return m, nil
}
