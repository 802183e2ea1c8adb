package wxfake

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestStateBounded floods the fake with made-up paths, codes and logins:
// its tables stay bounded.
func TestStateBounded(t *testing.T) {
	t.Parallel()
	now := time.Unix(1700000000, 0)
	s := New(WithClock(func() time.Time { return now }))
	app := s.DefaultApp()
	for i := range 3 * maxState {
		if i < 2000 {
			s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/made/up/"+strconv.Itoa(i), nil))
		}
		if _, err := s.PhoneCode(app.AppID, "13912345678", "86", ""); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Login(app.AppID, ""); err != nil {
			t.Fatal(err)
		}
		if i%1000 == 0 {
			now = now.Add(CodeLifetime) // the codes so far expire
		}
	}
	if len(s.requests) > maxPaths+1 || len(s.codes) > maxState || len(s.users) > maxState {
		t.Fatalf("%d paths, %d codes, %d users", len(s.requests), len(s.codes), len(s.users))
	}
	if s.Requests(otherPaths) == 0 {
		t.Fatal("the paths over the limit were not counted")
	}
}

// TestControlRefusesCrossSite posts to a control endpoint as a page on
// another site would (text/plain, Origin and Sec-Fetch-Site of a browser).
func TestControlRefusesCrossSite(t *testing.T) {
	t.Parallel()
	s := New()
	body := `{"appid":"` + s.DefaultApp().AppID + `","phone_number":"13912345678"}`
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
		{"Origin": "https://evil.example"},
	} {
		r := httptest.NewRequest("POST", "http://127.0.0.1:8788/_fake/phone-code", strings.NewReader(body))
		r.Header.Set("Content-Type", "text/plain")
		for k, v := range h {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusForbidden || len(s.codes) != 0 {
			t.Fatalf("%v: HTTP %d, %d codes made", h, w.Code, len(s.codes))
		}
	}
	// curl, a Go client, or the page of the fake itself.
	for _, h := range []map[string]string{{}, {"Sec-Fetch-Site": "same-origin", "Origin": "http://127.0.0.1:8788"}} {
		r := httptest.NewRequest("POST", "http://127.0.0.1:8788/_fake/phone-code", strings.NewReader(body))
		for k, v := range h {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Fatalf("%v: HTTP %d: %s", h, w.Code, w.Body)
		}
	}
}
