package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/salesops/salesops/reports"
)

// printPDFs prints each HTML report among paths to a PDF beside it when
// the configuration asks for PDFs (pdf: true, or run --pdf), through
// headless Chromium. Otherwise, or when Chromium is not installed (a
// warning, not a failure: the HTML prints from any browser), it removes
// the PDF an earlier run printed of that report, so a report folder never
// holds a PDF that disagrees with its HTML.
func (j *job) printPDFs(ctx context.Context, paths ...string) error {
	chromium := ""
	if j.Config.PDF {
		if chromium = reports.FindChromium(""); chromium == "" {
			n := "no PDF reports: Chromium is not installed (chromium, chromium-browser or google-chrome on PATH); the HTML reports print to A4 from any browser"
			j.out.Notes = append(j.out.Notes, n)
			j.log.Warn(n)
		}
	}
	for _, p := range paths {
		if filepath.Ext(p) != ".html" {
			continue
		}
		pdf := strings.TrimSuffix(p, ".html") + ".pdf"
		if chromium == "" {
			if err := os.Remove(pdf); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("removing %s, printed from an earlier %s: %w", pdf, filepath.Base(p), err)
			}
			continue
		}
		if err := reports.PrintPDF(ctx, chromium, p, pdf); err != nil {
			return err
		}
		j.addOutput(pdf)
	}
	return nil
}
