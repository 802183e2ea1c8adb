package core

import (
	"strconv"
	"time"
)

// rfc3339 is t.UTC().Format(time.RFC3339), written without time's layout
// interpreter, which would be the only user of it in the page's WebAssembly
// module (about 7 KB of its size budget).
func rfc3339(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	b := make([]byte, 0, 20)
	if year < 0 {
		b = append(b, '-')
		year = -year
	}
	b = appendPadded(b, year, 4)
	for _, f := range [...]struct {
		sep byte
		v   int
	}{{'-', int(month)}, {'-', day}, {'T', hour}, {':', min}, {':', sec}} {
		b = appendPadded(append(b, f.sep), f.v, 2)
	}
	return string(append(b, 'Z'))
}

// appendPadded appends v in decimal with at least width digits.
func appendPadded(b []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
