package reports

// The browser helpers, for the tests of package reports_test (which drive
// the whole demo through internal/cli, a package reports cannot import).
var (
	NeedTool    = needTool
	NewBrowser  = newBrowser
	LoadReport  = loadReport
	ChromiumBin = chromiumPath
)

type PageProbe = pageProbe
