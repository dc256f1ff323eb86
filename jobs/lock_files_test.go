package jobs

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteFileAtomic(t *testing.T) {
	errDisk := errors.New("disk full")
	tests := []struct {
		name      string
		write     func(cancel context.CancelFunc) func(io.Writer) error
		cancelled bool // ctx cancelled before the call
		wantErr   error
		want      string // content of report.csv afterwards
	}{
		{
			name: "writes and renames",
			write: func(context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { _, err := io.WriteString(w, "new,report\n"); return err }
			},
			want: "new,report\n",
		},
		{
			name: "write error leaves the old file",
			write: func(context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { io.WriteString(w, "half"); return errDisk }
			},
			wantErr: errDisk, want: "old\n",
		},
		{
			name: "cancelled between writes",
			write: func(cancel context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error {
					io.WriteString(w, "half")
					cancel()
					_, err := io.WriteString(w, "rest\n")
					return err
				}
			},
			wantErr: context.Canceled, want: "old\n",
		},
		{
			name: "cancelled after the last write",
			write: func(cancel context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { io.WriteString(w, "all\n"); cancel(); return nil }
			},
			wantErr: context.Canceled, want: "old\n",
		},
		{
			name:      "cancelled before",
			cancelled: true,
			write: func(context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { t.Error("write called after cancel"); return nil }
			},
			wantErr: context.Canceled, want: "old\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report.csv")
			if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancelled {
				cancel()
			}
			err := WriteFileAtomic(ctx, path, 0o640, tt.write(cancel))
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("WriteFileAtomic error %v, want %v", err, tt.wantErr)
			}
			if d := cmp.Diff(map[string]string{"report.csv": tt.want}, readDir(t, dir)); d != "" {
				t.Errorf("folder afterwards (-want +got):\n%s", d)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			wantPerm := os.FileMode(0o600)
			if tt.wantErr == nil {
				wantPerm = 0o640
			}
			if info.Mode().Perm() != wantPerm {
				t.Errorf("permission %v, want %v", info.Mode().Perm(), wantPerm)
			}
		})
	}
}
