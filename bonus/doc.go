// Package bonus owns the plan and the paid month: the Plan built once from
// the configuration, the exact allocation of bonus.md (Allocate, in
// rational arithmetic), the transform step that stores every month's
// allocation, and the Month record that is both the published
// bonus-M.json and the frozen record of a closed month.
//
// It sits beside transform: transform runs the steps it is given, and the
// caller registers this package's Step; reports renders a Month.
package bonus
