package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain stops a child started by TestLocaleC right after the packages
// are initialised: what Fyne logs while reading the locale is logged by then.
func TestMain(m *testing.M) {
	if os.Getenv("WXINSPECT_INIT_ONLY") == "1" {
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestLocaleC runs this binary, Fyne and all, under the C.UTF-8 locale of
// most containers: Fyne must not log "Error parsing user locale C". (This
// file does not import clocale: only main's import puts it first.)
func TestLocaleC(t *testing.T) {
	for _, env := range [][]string{
		{"LANG=C.UTF-8"},
		{"LC_ALL=C.UTF-8"},
		{"LANG="},
		{"LANG=zh_CN.UTF-8"},
	} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(cleanEnv(), "WXINSPECT_INIT_ONLY=1")
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", env, err, out)
		}
		if strings.Contains(string(out), "Fyne error") {
			t.Errorf("%v: Fyne logged an error:\n%s", env, out)
		}
	}
}

// cleanEnv is the environment without any locale variable.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
			continue
		}
		env = append(env, kv)
	}
	return env
}
