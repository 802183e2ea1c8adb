package core_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps the core, the WeChat call package and the page's
// WebAssembly module free of fmt, reflect and encoding/json, and keeps every
// package of this module in them from importing unicode's tables: each costs
// the page's module tens of kilobytes (see doc.go). The size budget of `make
// web-size` would only say that something grew. The WASI module has no size
// budget and links crypto/rsa (which links fmt and reflect) for the RSA
// platforms' keys: there, only our own packages must not import them.
func TestImports(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the imports: %v", err)
	}
	const module = "github.com/wxinspect/wxinspect"
	banned := map[string]bool{"fmt": true, "reflect": true, "encoding/json": true}
	for _, tc := range []struct {
		goos, goarch, pkg string
		direct            bool // only our packages' own imports count
	}{
		{"", "", module + "/core", false},
		{"", "", module + "/core/wxapi", false},
		{"js", "wasm", module + "/wasm/js", false},
		{"wasip1", "wasm", module + "/wasm/wasi", true},
	} {
		t.Run(strings.TrimPrefix(tc.pkg, module+"/")+"/"+tc.goos, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(goBin, "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, tc.pkg)
			if tc.goos != "" {
				cmd.Env = append(cmd.Environ(), "GOOS="+tc.goos, "GOARCH="+tc.goarch)
			}
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list: %v", err)
			}
			n := 0
			for line := range strings.Lines(string(out)) {
				fields := strings.Fields(line)
				if len(fields) == 0 {
					continue
				}
				n++
				pkg := fields[0]
				if banned[pkg] && !tc.direct {
					t.Errorf("%s links %s", tc.pkg, pkg)
				}
				if pkg != module && !strings.HasPrefix(pkg, module+"/") {
					continue
				}
				for _, imp := range fields[1:] {
					if imp == "unicode" {
						t.Errorf("%s imports unicode (its tables): use ASCII-only code", pkg)
					}
					if tc.direct && banned[imp] {
						t.Errorf("%s imports %s", pkg, imp)
					}
				}
			}
			if n < 10 {
				t.Fatalf("go list gave %d packages: %s", n, out)
			}
		})
	}
}
