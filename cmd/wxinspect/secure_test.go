package main

import (
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// envfile FILE sets the variables of the NAME=VALUE lines of FILE (lines
// starting with "export " too), as a shell's ". FILE" would.
func cmdEnvFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: envfile FILE")
	}
	for _, l := range strings.Split(ts.ReadFile(args[0]), "\n") {
		l = strings.TrimPrefix(strings.TrimSpace(l), "export ")
		if name, v, ok := strings.Cut(l, "="); ok && !strings.HasPrefix(l, "#") {
			ts.Setenv(name, v)
		}
	}
}
