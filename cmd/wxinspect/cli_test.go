package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestEnvLang(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  map[string]string
		want core.Lang
	}{
		{nil, core.English},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, core.Chinese},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, core.English},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW"}, core.Chinese},
		{map[string]string{"LC_ALL": "zh"}, core.Chinese},
	} {
		if got := envLang(env(c.env)); got != c.want {
			t.Errorf("envLang(%v) = %s, want %s", c.env, got, c.want)
		}
	}
}

func TestColor(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		tty  bool
		env  map[string]string
		want bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
	} {
		cl := &cli{getenv: env(c.env)}
		if got := cl.color(c.tty); got != c.want {
			t.Errorf("color(tty=%v, %v) = %v, want %v", c.tty, c.env, got, c.want)
		}
	}
}

// TestColorOnTerminal checks that a terminal gets coloured messages and
// that NO_COLOR turns them off, as the scripts cannot (they have no terminal).
func TestColorOnTerminal(t *testing.T) {
	t.Parallel()
	for _, noColor := range []string{"", "1"} {
		var out, errb bytes.Buffer
		c := &cli{stdout: &out, stderr: &errb, getenv: env(map[string]string{"NO_COLOR": noColor}), stdoutTTY: true, stderrTTY: true, lang: core.English}
		if st := c.run([]string{"demo"}); st != exitOK {
			t.Fatalf("demo: exit %d", st)
		}
		c.errorf("boom")
		colored := bytes.Contains(out.Bytes(), []byte("\x1b[")) && bytes.Contains(errb.Bytes(), []byte("\x1b["))
		if colored != (noColor == "") {
			t.Errorf("NO_COLOR=%q: coloured = %v\nstdout %q\nstderr %q", noColor, colored, out.String(), errb.String())
		}
	}
}

func TestParseAge(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    string
		want time.Duration
		ok   bool
	}{
		{"300", 300 * time.Second, true},
		{"10m", 10 * time.Minute, true},
		{"7d", 7 * 24 * time.Hour, true},
		{"1.5d", 36 * time.Hour, true},
		{"-1h", 0, false},
		{"forever", 0, false},
	} {
		got, err := parseAge(c.s)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseAge(%q) = %v, %v", c.s, got, err)
		}
	}
}

func TestDistance(t *testing.T) {
	t.Parallel()
	if d := distance("decryt", "decrypt"); d != 1 {
		t.Errorf("distance = %d", d)
	}
	if s := closest("inspct"); s != "inspect" {
		t.Errorf("closest(inspct) = %q", s)
	}
	if s := closest("zzzzzzzz"); s != "" {
		t.Errorf("closest(zzzzzzzz) = %q", s)
	}
}

// TestHelpListsEveryCommand fails when a command is registered but left out
// of the help's list.
func TestHelpListsEveryCommand(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	(&cli{}).printHelp(&b)
	for _, cmd := range commands {
		if !bytes.Contains(b.Bytes(), []byte("\n  "+cmd.name+" ")) {
			t.Errorf("wxinspect help does not list %q", cmd.name)
		}
	}
}
