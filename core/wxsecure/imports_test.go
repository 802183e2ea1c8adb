package wxsecure_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports: like core, wxsecure does no I/O and formats nothing, and core
// does not depend on it (crypto/rsa and crypto/x509 stay out of core's
// WebAssembly module).
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, ".").Output()
	if err != nil {
		t.Skip("go list:", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch p {
		case "net/http", "net/url", "fmt", "os", "reflect", "encoding/json":
			t.Errorf("wxsecure imports %s", p)
		}
	}
	out, err = exec.Command("go", "list", "-deps", "..").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "github.com/wxinspect/wxinspect/core/wxsecure" || p == "crypto/rsa" || p == "crypto/x509" {
			t.Errorf("core depends on %s", p)
		}
	}
}
