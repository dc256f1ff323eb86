package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// TestCSVCorpus offers every file of a corpus of odd and malformed CSV as a
// sales export: each must end in a load, a clear error or rejects with
// reasons; no panic, no hang, and a failed file leaves nothing behind. The
// corpus is $SALESOPS_CSV_CORPUS (CI: DuckDB's), else testdata/corpus.
func TestCSVCorpus(t *testing.T) {
	root := os.Getenv("SALESOPS_CSV_CORPUS")
	if root == "" {
		root = filepath.Join("testdata", "corpus")
	} else if testing.Short() {
		t.Skip("the full corpus is slow; -short")
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no files under %s", root)
	}
	dir := t.TempDir()
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	outcomes := map[string]int{}
	for _, p := range files {
		abs, _ := filepath.Abs(p)
		for _, src := range corpusSources(abs) {
			cfg := testConfig(t, dir, src)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			before := queryStrings(t, w.DB, "SELECT (SELECT count(*) FROM deals), (SELECT count(*) FROM reps)")
			rep, err := Ingest(ctx, w, cfg, Options{})
			hung := ctx.Err() != nil
			cancel()
			if hung {
				t.Errorf("%s: hung (over a minute)", p)
				continue
			}
			var fe *FileError
			var te *ThresholdError
			switch {
			case err == nil:
				outcomes["loaded"]++
				if rep.Totals().Rejected > 0 && len(rep.TopReasons) == 0 {
					t.Errorf("%s: rejects without reasons", p)
				}
			case errors.As(err, &fe) && fe.Reason != "":
				outcomes["file error"]++
			case errors.As(err, &te) && len(te.First) > 0:
				outcomes["over threshold"]++
			default:
				t.Errorf("%s: unclear failure: %v", p, err)
				continue
			}
			if err != nil {
				after := queryStrings(t, w.DB, "SELECT (SELECT count(*) FROM deals), (SELECT count(*) FROM reps)")
				if !cmp.Equal(before, after) {
					t.Errorf("%s: failed but changed the deals: %v → %v", p, before, after)
				}
			}
		}
	}
	t.Logf("%d files: %v", len(files), outcomes)
}

// corpusSources offers a file as a sales export and, so that files without
// sales headers still exercise parsing, as a roster whose first header is
// mapped to rep_id.
func corpusSources(path string) []config.Source {
	out := []config.Source{{Name: "corpus", Kind: "sales", Path: path, Format: "csv"}}
	sf, err := openSource(path, "", false)
	if err != nil {
		return out
	}
	defer sf.close()
	fi, err := inspect(context.Background(), sf, config.Source{Format: "csv"}, false)
	if err != nil {
		return out
	}
	rc, err := openDecoded(fi, nil)
	if err != nil {
		return out
	}
	defer rc.Close()
	delim, _ := delimiterOf(fi, config.Source{})
	_, headers, err := newCSVSource(rc, path, delim)
	if err != nil || len(headers) == 0 || normHeader(headers[0]) == "" {
		return out
	}
	return append(out, config.Source{Name: "corpus-roster", Kind: "reps", Path: path, Format: "csv",
		Columns: map[string]string{headers[0]: "rep_id"}})
}

const crashChildEnv = "SALESOPS_INGEST_CRASH_CHILD"

// TestCrashChild is the child of TestKillMidLoad: it ingests the folder
// named by the environment and is killed before it finishes.
func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashChildEnv)
	if spec == "" {
		t.Skip("run by TestKillMidLoad")
	}
	dir, rest, _ := strings.Cut(spec, "|")
	dbPath, then, _ := strings.Cut(rest, "|")
	w := openWarehouse(t, dbPath)
	if _, err := Ingest(context.Background(), w, crashConfig(t, dir), Options{}); err != nil {
		t.Fatal(err)
	}
	if then == "die" {
		// Dead after the commit, before the close's checkpoint: the
		// commit is in the WAL alone.
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
	}
}

func crashConfig(t *testing.T, dir string) config.Config {
	return testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: filepath.Join(dir, "in", "*.csv")})
}

// writeSales writes n generated deals: amounts are i cents plus whole yuan.
func writeSales(t testing.TB, path string, from, n int) {
	t.Helper()
	writeSalesPlus(t, path, from, n, 0)
}

// writeSalesPlus is writeSales with plus yuan added to every amount: the
// same deals, changed.
func writeSalesPlus(t testing.TB, path string, from, n, plus int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	b.WriteString("deal_id,rep_id,customer_id,status,amount,close_date,product\n")
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&b, "D%08d,R%03d,C%05d,won,%d.%02d,2026-%02d-%02d,P%d\n", i, i%97, i%9973, i%100000+plus, i%100, i%12+1, i%28+1, i%7)
		if b.Len() > 1<<20 {
			f.WriteString(b.String())
			b.Reset()
		}
	}
	f.WriteString(b.String())
}

// A load killed with SIGKILL in the middle leaves all or nothing, and a
// rerun gives the totals of an uninterrupted load.
func TestKillMidLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("slow; -short")
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		writeSales(t, filepath.Join(dir, "in", fmt.Sprintf("part%d.csv", i)), i*300000, 300000)
	}
	totals := func(dbPath string) [][]string {
		w := openWarehouse(t, dbPath)
		defer w.Close()
		return queryStrings(t, w.DB, `SELECT count(*), sum(amount), (SELECT count(*) FROM ingest_files WHERE status = 'loaded') FROM deals`)
	}
	clean := filepath.Join(dir, "clean.duckdb")
	start := time.Now()
	w := openWarehouse(t, clean)
	if _, err := Ingest(context.Background(), w, crashConfig(t, dir), Options{}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	full := time.Since(start)
	want := totals(clean)

	for _, frac := range []float64{0.3, 0.7} {
		killed := filepath.Join(dir, fmt.Sprintf("killed%.0f.duckdb", frac*10))
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir+"|"+killed)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(float64(full) * frac))
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		mid := totals(killed)
		if mid[0][0] != "0" && !cmp.Equal(mid, want) {
			t.Errorf("after the kill at %.0f%% the warehouse holds part of the batch: %v", frac*100, mid)
		}
		w := openWarehouse(t, killed)
		if _, err := Ingest(context.Background(), w, crashConfig(t, dir), Options{}); err != nil {
			t.Fatal(err)
		}
		w.Close()
		if diff := cmp.Diff(want, totals(killed)); diff != "" {
			t.Errorf("rerun after the kill at %.0f%% (-want +got):\n%s", frac*100, diff)
		}
	}
	if want[0][0] != "1200000" {
		t.Errorf("clean load %v", want)
	}
	_ = faults.ErrData
}

// A process killed while DuckDB writes a commit to the WAL leaves the WAL
// torn before the commit's last entry. DuckDB 1.5.6 still replays the
// row groups a large insert wrote straight to the file (optimistic
// writes) and rolls back the rest, so the table came back with a batch no
// ingest_batches row recorded (warehouse/recover.go). Tearing the WAL of
// a finished commit by its last byte makes the case without a timed kill:
// the warehouse must hold what it held before the batch, for a first load
// and for a re-export that changes every row, and a rerun must load it.
func TestTornCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("slow; -short")
	}
	const rows = 300_000 // more than two of DuckDB's row groups
	totals := func(dbPath string) [][]string {
		w := openWarehouse(t, dbPath)
		defer w.Close()
		return queryStrings(t, w.DB, `SELECT count(*), count(DISTINCT deal_id), sum(amount),
			(SELECT count(*) FROM deals_history),
			(SELECT count(*) FROM ingest_files WHERE status = 'loaded') FROM deals`)
	}
	ingestIn := func(db, dir string) {
		w := openWarehouse(t, db)
		if _, err := Ingest(context.Background(), w, crashConfig(t, dir), Options{}); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
	for _, tc := range []struct {
		name  string
		plus  int // the batch's amounts: the first load's plus this
		first bool
		want  string // the totals after the torn batch
	}{
		{"first load", 0, false, "[[0 0 NULL 0 0]]"},
		// 3 × (0 + … + 99,999) yuan and 3,000 × (0 + … + 99) cents.
		{"re-export changing every deal", 7, true, "[[300000 300000 14999998500.00 0 1]]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			db := filepath.Join(root, "w.duckdb")
			if tc.first {
				first := filepath.Join(root, "first")
				writeSalesPlus(t, filepath.Join(first, "in", "deals.csv"), 0, rows, 0)
				ingestIn(db, first)
			}
			batch := filepath.Join(root, "batch")
			writeSalesPlus(t, filepath.Join(batch, "in", "deals.csv"), 0, rows, tc.plus)
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashChildEnv+"="+batch+"|"+db+"|die")
			if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(err.Error(), "killed") {
				t.Fatalf("the child was to die after its commit: %v\n%s", err, out)
			}
			wal := db + ".wal"
			st, err := os.Stat(wal)
			if err != nil {
				t.Fatalf("no WAL after the commit: %v", err)
			}
			if err := os.Truncate(wal, st.Size()-1); err != nil {
				t.Fatal(err)
			}
			// A reader first: it must not see the torn batch either.
			r, err := warehouse.Open(context.Background(), db, warehouse.Options{ReadOnly: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			n := queryStrings(t, r.DB, "SELECT count(*) FROM deals")[0][0]
			r.Close()
			if !strings.HasPrefix(tc.want, "[["+n+" ") {
				t.Errorf("a reader after the torn commit sees %s deals, want the totals %s", n, tc.want)
			}
			if got := fmt.Sprint(totals(db)); got != tc.want {
				t.Errorf("after the torn commit the warehouse holds %s, want %s (as before the batch)", got, tc.want)
			}
			ingestIn(db, batch)
			want := fmt.Sprintf("[[300000 300000 %d.00 0 1]]", 14999998500+rows*tc.plus)
			if tc.first {
				want = fmt.Sprintf("[[300000 300000 %d.00 %d 2]]", 14999998500+rows*tc.plus, rows)
			}
			if got := fmt.Sprint(totals(db)); got != want {
				t.Errorf("the rerun's totals %s, want %s", got, want)
			}
		})
	}
}
