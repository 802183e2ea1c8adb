package securereport_test

import (
	"os"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxsecure"
	"github.com/wxinspect/wxinspect/internal/render"
	"github.com/wxinspect/wxinspect/internal/securereport"
)

// TestWrite renders the report of a generated capture with a fifth line:
// the result line names the code and WeChat's errcode, the failing step is
// marked, a skipped step shows '-', and no key appears.
func TestWrite(t *testing.T) {
	b, err := os.ReadFile("../../testdata/secure/requests/signature_fifth_line.http")
	if err != nil {
		t.Fatal(err)
	}
	m, err := wxsecure.ParseCapture(b)
	if err != nil {
		t.Fatal(err)
	}
	pem, err := os.ReadFile("../../testdata/secure/guide/app_pub.pem")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := wxsecure.ParsePublicKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	k := &wxsecure.Keys{AppID: "wxba6223c06417af7b", Public: pub, RSASN: "97845f6ed842ea860df6fdf65941ff56"}
	r := wxsecure.Explain(m, wxsecure.CanonicalURL(wxsecure.APIPath(m, "")), k, wxsecure.Options{})
	var out strings.Builder
	if err := securereport.Write(&out, r, render.Options{Lang: core.English}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"result     ✗ not ok request · signature_fifth_line (WeChat 40234)\n",
		"  ✗ signature      RSASSA-PSS",
		"  - decrypt        no symmetric key given\n",
		"           hint: Sign urlpath\\nappid",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in\n%s", want, s)
		}
	}
	if strings.Contains(s, "\x1b[") || strings.Contains(s, "ACCESS_TOKEN") {
		t.Errorf("colour or token in\n%s", s)
	}
}
