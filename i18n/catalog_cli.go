package i18n

// cliText: the summaries the command line prints for people after a
// command (what a run wrote, the ingest table). Machine-readable output
// (JSON, CSV, logs, error messages) stays English and never comes here.
var cliText = map[string][2]string{
	"cli.run_ok":    {"%s %s: run %d ok", "%s %s：运行 %d 成功"},
	"cli.note":      {"note: %s", "备注：%s"},
	"cli.ingest_ok": {"ingest: run %d ok", "导入：运行 %d 成功"},
	"cli.reopened":  {"%s reopened by %s (run %d): %s", "%s 已由 %s 重新打开（运行 %d）：%s"},

	"ingest.title.dry":         {"Validation (nothing loaded)", "校验（未导入任何内容）"},
	"ingest.title.rolled_back": {"Ingest batch %d: rolled back, nothing loaded", "导入批次 %d：已回滚，未导入任何内容"},
	"ingest.title":             {"Ingest batch %d", "导入批次 %d"},
	"ingest.title.batches":     {"Ingest batches %s", "导入批次 %s"},
	"ingest.title.rolled_back_after": {"Ingest batches %s: batch %d rolled back, the ones before it loaded",
		"导入批次 %s：批次 %d 已回滚，之前的批次已导入"},
	"ingest.split": {"%s changes rows that batch %d loaded, so it began batch %d, as if its export had come on a later day.",
		"%s 更改了批次 %d 导入的行，因此另起批次 %d，如同其导出在之后某天到达。"},

	"ingest.col.file":         {"FILE", "文件"},
	"ingest.col.kind":         {"KIND", "类型"},
	"ingest.col.status":       {"STATUS", "状态"},
	"ingest.col.would":        {"AN INGEST WOULD", "导入将会"},
	"ingest.col.read":         {"READ", "读取"},
	"ingest.col.load":         {"LOAD", "导入"},
	"ingest.col.update":       {"UPDATE", "更新"},
	"ingest.col.leave":        {"LEAVE", "不变"},
	"ingest.col.reject":       {"REJECT", "拒收"},
	"ingest.col.would_load":   {"WOULD LOAD", "将导入"},
	"ingest.col.would_update": {"WOULD UPDATE", "将更新"},
	"ingest.col.loaded":       {"LOADED", "已导入"},
	"ingest.col.updated":      {"UPDATED", "已更新"},
	"ingest.col.unchanged":    {"UNCHANGED", "未变"},
	"ingest.col.rejected":     {"REJECTED", "已拒收"},

	"ingest.status.loaded":      {"loaded", "已导入"},
	"ingest.status.skipped":     {"skipped", "已跳过"},
	"ingest.status.failed":      {"failed", "失败"},
	"ingest.status.not_read":    {"not read", "未读取"},
	"ingest.status.rolled_back": {"rolled back", "已回滚"},
	"ingest.status.load_it":     {"load it", "导入"},
	"ingest.status.refuse_it":   {"refuse it", "拒收"},
	"ingest.status.skip_it":     {"skip it", "跳过"},
	"ingest.status.none_loaded": {"0 loaded", "导入 0"},
	"ingest.total":              {"total", "合计"},

	"ingest.rollback_because": {"Batch %d was rolled back because %s failed: nothing from it was loaded. Fix that file and run again.", "批次 %d 已回滚，因为 %s 失败：其中任何内容都未导入。请修正该文件后重新运行。"},
	"ingest.rollback":         {"Batch %d was rolled back: nothing from it was loaded.", "批次 %d 已回滚：其中任何内容都未导入。"},
	"ingest.not_read":         {"Not read: %s (source %s): %s.", "未读取：%s（来源 %s）：%s。"},
	"ingest.empty":            {"No files in %s (source %s): nothing new of kind %s.", "%s 中没有文件（来源 %s）：类型 %s 没有新数据。"},
	"ingest.or":               {" or ", "或"},
	"ingest.missing":          {"The warehouse holds no %s yet: jobs refuse to run until such an export is loaded.", "数据仓库中还没有 %s：导入此类导出文件之前，任务拒绝运行。"},
	"ingest.optional_failed":  {"WARNING optional %s; this run uses what the warehouse already holds from it.", "警告：可选来源未能获取（%s）；本次运行使用数据仓库中已有的该来源数据。"},
	"ingest.reasons":          {"Commonest reject reasons:", "最常见的拒收原因："},
	"ingest.rejects_query":    {"Every rejected row is in the rejects table: %s", "每一条被拒收的行都在拒收表中：%s"},
	"ingest.warnings":         {"%d warnings (repeated keys and the like): %s.", "%d 条警告（重复的键等）：%s。"},
	"ingest.warnings_table":   {"they are in the ingest_warnings table", "见 ingest_warnings 表"},
	"ingest.warnings_dry":     {"the later line of a repeated key wins", "重复的键以后出现的一行为准"},

	// One rejected row as validate lists it: reject.text puts together
	// where, the column, the value (quoted) and the reason.
	"reject.line":      {"line %d", "第 %d 行"},
	"reject.sheet_row": {"sheet %s row %d", "工作表 %s 第 %d 行"},
	"reject.column":    {" column %s", "，列 %s"},
	"reject.value":     {" value %s", "，值 %s"},
	"reject.text":      {"%s%s%s: %s", "%s%s%s：%s"},
	"reject.more":      {"... and %d more", "……另有 %d 行"},
}
