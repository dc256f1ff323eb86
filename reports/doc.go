// Package reports owns every file salesops writes for people and machines:
// the finance workbook and bonus CSV/JSON, KPI files, dashboards,
// scorecards, the audit report and the index. It reads the warehouse and
// the transform's tables; it never ingests or transforms.
//
// Safety rules that every writer here follows:
//   - files are written to a temporary name and renamed (WriteFile), with
//     permissions 0640, so a cancelled job leaves no half-written report;
//   - CSV text cells pass through SafeText, so a value such as =HYPERLINK(…)
//     reaches a spreadsheet as text, never as a formula;
//   - XLSX text is written with SetCellStr (a string cell, never a formula);
//   - HTML goes through html/template; chart options are data handed to the
//     template in a script context, so user text is escaped inside the JSON
//     too, and a Content-Security-Policy forbids every network request.
package reports
