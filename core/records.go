package core

import (
	"strconv"
	"strings"
)

// SourceLine is the line of pasted text that a report's record was read
// from: the report's Line when set (a batch line, an unreadable line), else
// the first line where the record's session_key, iv or encryptedData was
// read. The appid does not count: a record keeps the appid of the record
// before it. It is 0 when the record was not read from text.
func (r *Report) SourceLine() int {
	if r.Line > 0 {
		return r.Line
	}
	line := 0
	for _, f := range r.Input {
		if f.Field != FieldAppID && f.Line > 0 && (line == 0 || f.Line < line) {
			line = f.Line
		}
	}
	return line
}

// AppendReportsJSONL appends the reports of a records view as JSON Lines:
// each report's JSON form (AppendJSON) with its SourceLine as "line".
func AppendReportsJSONL(dst []byte, reps []*Report) []byte {
	for _, r := range reps {
		c := *r
		c.Line = r.SourceLine()
		dst = append(c.AppendJSON(dst), '\n')
	}
	return dst
}

// AppendReportsCSV appends the reports of a records view as CSV (RFC 4180,
// CRLF line ends): a header, then line, ok, kind, code, message for each.
func AppendReportsCSV(dst []byte, reps []*Report) []byte {
	dst = append(dst, "line,ok,kind,code,message\r\n"...)
	for _, r := range reps {
		dst = strconv.AppendInt(dst, int64(r.SourceLine()), 10)
		dst = append(dst, ',')
		dst = strconv.AppendBool(dst, r.OK)
		dst = append(dst, ',')
		dst = appendCSVField(dst, string(r.Kind))
		dst = append(dst, ',')
		if r.Error != nil {
			dst = appendCSVField(dst, string(r.Error.Code))
			dst = append(dst, ',')
			dst = appendCSVField(dst, r.Error.Message)
		} else {
			dst = append(dst, ',')
		}
		dst = append(dst, "\r\n"...)
	}
	return dst
}

// appendCSVField quotes a field that holds a quote, a comma or a line break.
func appendCSVField(dst []byte, s string) []byte {
	if !strings.ContainsAny(s, "\",\r\n") {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	dst = append(dst, strings.ReplaceAll(s, `"`, `""`)...)
	return append(dst, '"')
}
