package web

import (
	"context"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// fixedClock is a script that makes the page's clock read unix seconds: the
// Go runtime in both modules reads the wall clock through new Date().
func fixedClock(unix int64) string {
	return `(() => { const fixed = ` + strconv.FormatInt(unix*1000, 10) + `, D = Date;
  globalThis.Date = class extends D { constructor(...a) { if (a.length) super(...a); else super(fixed); } static now() { return fixed; } };
})()`
}

// TestPagePlatforms: for every vector of testdata/platforms a user picks the
// platform, types its inputs (the keys too), and the page's report (its
// Report JSON) is the command line's, once both go through the page's
// JSON.parse. Baidu, Alipay and Douyin's RSA flow, which the main module
// leaves out, come from the second module, fetched then; the keys go into
// neither the URL nor storage.
func TestPagePlatforms(t *testing.T) {
	vs := testvectors.LoadPlatforms(t)
	ctx := browser(t)
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	var log netlog
	log.listen(t, ctx)
	p := tab{t, ctx}
	now := vs[0].Now
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fixedClock(now)}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Navigate(srv.URL + "/"))
	p.wait(`document.body.dataset.ready === "true"`)
	var secureBefore bool
	p.eval(`document.getElementById("panel-secure").dataset.ready === "true"`, &secureBefore)
	if secureBefore {
		t.Fatal("the second module was loaded before a platform needed it")
	}

	for _, v := range vs {
		if v.Now != now {
			t.Fatalf("%s: clock %d, the page's is %d", v.Name, v.Now, now)
		}
		t.Run(v.Name, func(t *testing.T) {
			p := tab{t, ctx}
			p.click("#clear")
			p.eval(`(() => { const s = document.getElementById("platform"); s.value = `+js(string(v.Platform()))+`; s.dispatchEvent(new Event("change")); })()`, nil)
			fields := v.Fields()
			delete(fields, "platform")
			for _, id := range slices.Sorted(func(yield func(string) bool) {
				for k := range fields {
					if !yield(k) {
						return
					}
				}
			}) {
				var visible bool
				p.eval(`(() => { const e = document.getElementById(`+js(id)+`); return !!e && !e.hidden && e.getClientRects().length > 0; })()`, &visible)
				if !visible {
					t.Fatalf("no visible input %q for %s", id, v.Platform())
				}
				p.paste(id, fields[id])
			}
			want := string(v.Report(t))
			same := `(() => { const e = document.getElementById("raw-json"); if (!e || document.getElementById("raw").hidden) return false;
				return JSON.stringify(JSON.parse(e.textContent)) === JSON.stringify(JSON.parse(` + js(want) + `)); })()`
			wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			if _, err := chromedp.Run(wctx, chromedp.Poll[chromedp.Void](same, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
				var got string
				p.eval(`document.getElementById("raw-json").textContent`, &got)
				t.Fatalf("the page's report is not the command line's:\ngot  %s\nwant %s", got, want)
			}
			if v.Want.OK {
				// The payload's values are on the card, as decrypted.
				card := p.text("#card")
				for _, s := range []string{"13800138000", "baidu_user"} {
					if strings.Contains(want, `"`+s+`"`) && !strings.Contains(card, s) {
						t.Errorf("the card does not show %s: %q", s, card)
					}
				}
			}
			if v.Name == "alipay_phone" {
				p.screenshot("wxinspect-web-alipay.png")
			}
			badge := p.text("#report-platform")
			if !strings.Contains(want, `"platform":"`+string(v.Platform())+`"`) || badge == "" {
				t.Errorf("the page shows platform %q for a report of %s", badge, v.Platform())
			}
		})
	}

	var leaks struct {
		URL     string `json:"url"`
		Storage int    `json:"storage"`
		Secure  bool   `json:"secure"`
	}
	p.eval(`({url: location.href, storage: localStorage.length + sessionStorage.length, secure: document.getElementById("panel-secure").dataset.ready === "true"})`, &leaks)
	if leaks.URL != srv.URL+"/" || leaks.Storage != 0 {
		t.Errorf("after typing keys the page is at %s with %d stored items", leaks.URL, leaks.Storage)
	}
	if !leaks.Secure {
		t.Error("the second module never loaded")
	}
	for _, u := range log.snapshot() {
		if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request outside the page: %s", u)
		}
	}
}
