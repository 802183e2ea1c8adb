package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/wxinspect/wxinspect/wasm/web"
)

// TestMain lets the scripts run the real command: testscript re-executes
// this test binary as "wxinspect", which then runs main's code with the
// script's arguments, standard streams and environment.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wxinspect": func() {
			os.Exit(newCLI(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(os.Args[1:]))
		},
	})
}

// TestScripts runs testdata/*.txtar: each is a terminal session, with the
// expected output, exit status and files.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       os.Getenv("WXINSPECT_UPDATE_SCRIPTS") != "", // rewrite the expected files after a schema change
		Setup: func(env *testscript.Env) error {
			// The directory testscript put the wxinspect command in, first
			// on PATH, so that a script can run it with nothing else.
			env.Setenv("WXINSPECT_BIN", filepath.SplitList(env.Getenv("PATH"))[0])
			secureData, _ := filepath.Abs("../../testdata/secure")
			env.Setenv("SECURE_DATA", secureData)
			platformKeys, _ := filepath.Abs("../../testdata/platforms/keys")
			env.Setenv("PLATFORM_KEYS", platformKeys)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "web":
				// make test builds the page before the Go tests and says so:
				// there a script that needs the page fails without it
				// rather than skipping its body.
				if !web.Available() && os.Getenv("WXINSPECT_REQUIRE_WEB") != "" {
					return false, errors.New("the page is not built into this test binary, and WXINSPECT_REQUIRE_WEB is set: run make web")
				}
				return web.Available(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"freeport":    cmdFreePort,
			"waithttp":    cmdWaitHTTP,
			"httpget":     cmdHTTPGet,
			"fakectl":     cmdFakeCtl,
			"stdout2env":  cmdStdoutToEnv,
			"stdoutlines": cmdStdoutLines,
			"envfile":     cmdEnvFile,
		},
	})
}

// freeport NAME sets $NAME to a TCP port free on 127.0.0.1.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport NAME")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ts.Setenv(args[0], strconv.Itoa(port))
}

// waithttp URL waits until URL answers, for up to 20 seconds.
func cmdWaitHTTP(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waithttp URL")
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not answer: %v", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// httpget URL FILE saves the body of URL in FILE and the status and headers
// in FILE.headers.
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: httpget URL FILE")
	}
	resp, err := http.Get(args[0])
	ts.Check(err)
	defer resp.Body.Close()
	var body bytes.Buffer
	_, err = body.ReadFrom(resp.Body)
	ts.Check(err)
	var h strings.Builder
	fmt.Fprintf(&h, "status %d\n", resp.StatusCode)
	resp.Header.Write(&h)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), body.Bytes(), 0o644))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]+".headers"), []byte(h.String()), 0o644))
}

// fakectl ACTION ARGS... plays the mini-program's part against the fake at
// $WX_API_BASE through its control endpoints:
//
//	fakectl login APPID [OPENID]               sets $JS_CODE and $OPENID
//	fakectl phone-code APPID PHONE             sets $PHONE_CODE
//	fakectl encrypted-phone APPID OPENID PHONE FILE   writes {"encrypted_data", "iv"} to FILE
//	fakectl component APPID COMPONENT_APPID    sets $COMPONENT_TOKEN and $AUTHORIZER_TOKEN
//	fakectl cloud-id APPID OPENID PHONE        sets $CLOUD_ID
func cmdFakeCtl(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: fakectl ACTION ARGS...")
	}
	post := func(path string, req map[string]string) map[string]string {
		b, _ := json.Marshal(req)
		resp, err := http.Post(ts.Getenv("WX_API_BASE")+"/_fake/"+path, "application/json", bytes.NewReader(b))
		ts.Check(err)
		defer resp.Body.Close()
		var out map[string]string
		ts.Check(json.NewDecoder(resp.Body).Decode(&out))
		if resp.StatusCode != http.StatusOK {
			ts.Fatalf("%s: %d %v", path, resp.StatusCode, out)
		}
		return out
	}
	switch args[0] {
	case "login":
		req := map[string]string{"appid": args[1]}
		if len(args) > 2 {
			req["openid"] = args[2]
		}
		out := post("login", req)
		ts.Setenv("JS_CODE", out["js_code"])
		ts.Setenv("OPENID", out["openid"])
	case "phone-code":
		out := post("phone-code", map[string]string{"appid": args[1], "phone_number": args[2]})
		ts.Setenv("PHONE_CODE", out["code"])
	case "encrypted-phone":
		out := post("encrypted-phone", map[string]string{"appid": args[1], "openid": args[2], "phone_number": args[3]})
		b, _ := json.Marshal(out)
		ts.Check(os.WriteFile(ts.MkAbs(args[4]), b, 0o644))
	case "component":
		out := post("component", map[string]string{"appid": args[1], "component_appid": args[2]})
		ts.Setenv("COMPONENT_TOKEN", out["component_access_token"])
		ts.Setenv("AUTHORIZER_TOKEN", out["authorizer_access_token"])
	case "cloud-id":
		out := post("cloud-id", map[string]string{"appid": args[1], "openid": args[2], "phone_number": args[3]})
		ts.Setenv("CLOUD_ID", out["cloud_id"])
	default:
		ts.Fatalf("unknown action %q", args[0])
	}
}

// stdout2env NAME sets $NAME to the last command's standard output, trimmed.
func cmdStdoutToEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: stdout2env NAME")
	}
	ts.Setenv(args[0], strings.TrimSpace(ts.ReadFile("stdout")))
}

// stdoutlines N checks that the last command's standard output has N lines,
// each a JSON object.
func cmdStdoutLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: stdoutlines N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	out := ts.ReadFile("stdout")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if out == "" {
		lines = nil
	}
	if len(lines) != want {
		ts.Fatalf("stdout has %d lines, want %d", len(lines), want)
	}
	for i, l := range lines {
		if !json.Valid([]byte(l)) || !strings.HasPrefix(l, "{") {
			ts.Fatalf("stdout line %d is not a JSON object: %.80q", i+1, l)
		}
	}
}
