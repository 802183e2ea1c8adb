package testvectors

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// TestPlatformShapes: the input with its keys inline (Line) and the input as
// a form's fields (Fields) give the command line's report (Report), byte for
// byte, so that front ends can be compared with it.
func TestPlatformShapes(t *testing.T) {
	vs := LoadPlatforms(t)
	if len(vs) < 30 {
		t.Fatalf("only %d platform vectors", len(vs))
	}
	seen := map[core.Platform]bool{}
	for _, v := range vs {
		seen[v.Platform()] = true
		want := v.Report(t)
		defaults := core.Input{Now: time.Unix(v.Now, 0)}
		if got := core.InspectJSON([]byte(v.Line()), defaults).AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%s: Line:\ngot  %s\nwant %s", v.Name, got, want)
		}
		form, err := json.Marshal(v.Fields())
		if err != nil {
			t.Fatal(err)
		}
		if got := core.InspectJSON(form, defaults).AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%s: Fields:\ngot  %s\nwant %s", v.Name, got, want)
		}
	}
	for _, p := range core.Platforms()[1:] {
		if !seen[p] {
			t.Errorf("no vector of %s", p)
		}
	}
}
