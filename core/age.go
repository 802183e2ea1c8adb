package core

import (
	"strconv"
	"time"
)

// FormatAge writes how long d is as every front end shows it: its two
// largest whole units, "3687 d 14 h", "5 min 2 s", "0 s" (Chinese "3687天14小时").
// A negative d is written as its magnitude: the caller says "ago" or "ahead".
func FormatAge(d time.Duration, lang Lang) string {
	if d < 0 {
		d = -d
	}
	s := int64(d / time.Second)
	units := [...]struct {
		n      int64
		en, zh string
	}{{86400, "d", "天"}, {3600, "h", "小时"}, {60, "min", "分"}, {1, "s", "秒"}}
	var out []byte
	shown := 0
	for _, u := range units {
		if s < u.n || shown == 2 {
			if shown > 0 {
				shown = 2 // only adjacent units: "2 d 5 s" would read as a typo
			}
			continue
		}
		if shown > 0 && lang != Chinese {
			out = append(out, ' ')
		}
		out = strconv.AppendInt(out, s/u.n, 10)
		if lang == Chinese {
			out = append(out, u.zh...)
		} else {
			out = append(out, ' ')
			out = append(out, u.en...)
		}
		s %= u.n
		shown++
	}
	if shown == 0 {
		if lang == Chinese {
			return "0秒"
		}
		return "0 s"
	}
	return string(out)
}
