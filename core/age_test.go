package core_test

import (
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

func TestFormatAge(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		en, zh string
	}{
		{0, "0 s", "0秒"},
		{999 * time.Millisecond, "0 s", "0秒"},
		{42 * time.Second, "42 s", "42秒"},
		{3*time.Minute + 5*time.Second, "3 min 5 s", "3分5秒"},
		{5 * time.Hour, "5 h", "5小时"},
		{5*time.Hour + 7*time.Second, "5 h", "5小时"}, // minutes are 0: the seconds are not shown
		{-(2*time.Hour + 30*time.Minute), "2 h 30 min", "2小时30分"},
		{3687*24*time.Hour + 14*time.Hour + 59*time.Minute, "3687 d 14 h", "3687天14小时"},
	} {
		if got := core.FormatAge(c.d, core.English); got != c.en {
			t.Errorf("FormatAge(%v, en) = %q, want %q", c.d, got, c.en)
		}
		if got := core.FormatAge(c.d, core.Chinese); got != c.zh {
			t.Errorf("FormatAge(%v, zh) = %q, want %q", c.d, got, c.zh)
		}
	}
}

// The expired message, the report's watermark age and Open's error say the
// age the same way.
func TestAgeSaidOneWay(t *testing.T) {
	in := core.OfficialSample()
	in.Now = time.Unix(1477314187, 0).Add(50*time.Hour + 20*time.Minute + 3*time.Second)
	in.MaxAge = 36 * time.Hour
	for lang, want := range map[core.Lang][2]string{
		core.English: {"2 d 2 h", "1 d 12 h"},
		core.Chinese: {"2天2小时", "1天12小时"},
	} {
		in.Lang = lang
		r := core.Inspect(in)
		if r.Error == nil || r.Error.Code != core.CodeWatermarkExpired {
			t.Fatalf("%s: %+v, want watermark_expired", lang, r.Error)
		}
		if r.Watermark.Age != want[0] || !strings.Contains(r.Error.Message, want[0]) || !strings.Contains(r.Error.Message, want[1]) {
			t.Errorf("%s: age %q, message %q; want %q and %q in both", lang, r.Watermark.Age, r.Error.Message, want[0], want[1])
		}
		if j := string(r.AppendJSON(nil)); !strings.Contains(j, `"age":"`+want[0]+`"`) {
			t.Errorf("%s: JSON has no age %q: %s", lang, want[0], j)
		}
	}
	_, err := core.Open("wx4f4bc4dec97d474b", in.SessionKey, in.IV, in.EncryptedData, core.WithMaxAge(in.MaxAge), core.WithNow(func() time.Time { return in.Now }))
	if err == nil || !strings.Contains(err.Error(), "2 d 2 h old, over 1 d 12 h") {
		t.Errorf("Open: %v", err)
	}
}
