package core

import "fmt"

// fmtReport prints a report as a careless log line would.
func fmtReport(r *Report) string { return fmt.Sprintf("%v %+v %#v", r, r, r) }
