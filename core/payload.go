package core

import (
	"time"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// Kind is what a decrypted payload holds, told by its keys.
type Kind string

// The kinds of open data.
const (
	KindPhone   Kind = "phone"   // getPhoneNumber: phoneNumber, purePhoneNumber, countryCode
	KindUser    Kind = "user"    // getUserInfo / getUserProfile: openId or nickName
	KindWeRun   Kind = "werun"   // getWeRunData: stepInfoList
	KindShare   Kind = "share"   // getShareInfo: openGId
	KindGroup   Kind = "group"   // getGroupEnterInfo and chat tools: opengid, group_openid, chat_type
	KindUnknown Kind = "unknown" // decrypted JSON of any other shape
)

// Data is decrypted, validated open data.
//
// All payload structs are filled from the keys present; Kind says which one the
// data is. A value of the wrong JSON type leaves its field empty; Raw always
// holds everything.
type Data struct {
	Kind      Kind
	Watermark Watermark
	Phone     PhoneInfo
	User      UserInfo
	WeRun     WeRunInfo
	Share     ShareInfo
	Group     GroupInfo
	// Raw is the decrypted JSON object exactly as WeChat wrote it, without
	// the padding.
	Raw string
}

// Watermark is the {appid, timestamp} WeChat adds to every payload.
type Watermark struct {
	AppID     string
	Timestamp int64 // Unix seconds
}

// Time returns the watermark's timestamp as a UTC time.
func (w Watermark) Time() time.Time { return time.Unix(w.Timestamp, 0).UTC() }

// PhoneInfo is the payload of getPhoneNumber.
type PhoneInfo struct {
	PhoneNumber     string // with the country code for numbers outside mainland China
	PurePhoneNumber string // without the country code
	CountryCode     string // WeChat sends a string or a number; both arrive here as text
}

// UserInfo is the payload of getUserInfo.
type UserInfo struct {
	OpenID    string
	NickName  string
	Gender    int
	Language  string
	City      string
	Province  string
	Country   string
	AvatarURL string
	UnionID   string
}

// WeRunInfo is the payload of getWeRunData: steps per day, oldest first.
type WeRunInfo struct {
	StepInfoList []Step
}

// Step is one day of WeRun data.
type Step struct {
	Timestamp int64 // the day's start, Unix seconds
	Step      int
}

// ShareInfo is the payload of getShareInfo.
type ShareInfo struct {
	OpenGID string
}

// GroupInfo is the payload of getGroupEnterInfo and the chat tools.
type GroupInfo struct {
	OpenGID     string // opengid
	GroupOpenID string // group_openid
	ChatType    int    // chat_type
}

// field identifies a key the parser knows. The order is the order of
// encoding/json's case-insensitive fallback, which picks the first field whose
// name folds to the key.
type field uint8

const (
	fNone field = iota
	fPhoneNumber
	fPurePhoneNumber
	fCountryCode
	fOpenID
	fNickName
	fGender
	fLanguage
	fCity
	fProvince
	fCountry
	fAvatarURL
	fUnionID
	fStepInfoList
	fOpenGIDShare
	fOpenGIDGroup
	fGroupOpenID
	fChatType
	fWatermark
	fieldCount
)

var fieldNames = [fieldCount]string{
	fPhoneNumber: "phoneNumber", fPurePhoneNumber: "purePhoneNumber", fCountryCode: "countryCode",
	fOpenID: "openId", fNickName: "nickName", fGender: "gender", fLanguage: "language",
	fCity: "city", fProvince: "province", fCountry: "country", fAvatarURL: "avatarUrl",
	fUnionID: "unionId", fStepInfoList: "stepInfoList", fOpenGIDShare: "openGId",
	fOpenGIDGroup: "opengid", fGroupOpenID: "group_openid", fChatType: "chat_type",
	fWatermark: "watermark",
}

// lookup matches a key as encoding/json matches it to struct fields: exactly,
// or failing that, the first field whose name is equal under case folding.
func lookup(key string) field {
	switch key {
	case "phoneNumber":
		return fPhoneNumber
	case "purePhoneNumber":
		return fPurePhoneNumber
	case "countryCode":
		return fCountryCode
	case "openId":
		return fOpenID
	case "nickName":
		return fNickName
	case "gender":
		return fGender
	case "language":
		return fLanguage
	case "city":
		return fCity
	case "province":
		return fProvince
	case "country":
		return fCountry
	case "avatarUrl":
		return fAvatarURL
	case "unionId":
		return fUnionID
	case "stepInfoList":
		return fStepInfoList
	case "openGId":
		return fOpenGIDShare
	case "opengid":
		return fOpenGIDGroup
	case "group_openid":
		return fGroupOpenID
	case "chat_type":
		return fChatType
	case "watermark":
		return fWatermark
	}
	for f := fPhoneNumber; f < fieldCount; f++ {
		if foldEqual(key, fieldNames[f]) {
			return f
		}
	}
	return fNone
}

// foldEqual reports whether key matches the ASCII name under encoding/json's
// folding: ASCII letters compare case-insensitively, and any other rune r
// compares as unicode.ToUpper(unicode.ToLower(r)) (so U+017F 'ſ' is 'S' and
// U+212A 'K' is 'K').
func foldEqual(key, name string) bool {
	j := 0
	for i := 0; i < len(key); {
		if j >= len(name) {
			return false
		}
		var r rune
		if c := key[i]; c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(key[i:])
			i += size
			r = foldNonASCII(r)
		}
		if upperASCII(r) != upperASCII(rune(name[j])) {
			return false
		}
		j++
	}
	return j == len(name)
}

// foldNonASCII returns unicode.ToUpper(unicode.ToLower(r)) where that is an
// ASCII letter, which happens for exactly these four runes (checked by a test
// over every rune); any other rune cannot match an ASCII name. Package unicode
// is not used because its tables would grow the WebAssembly module.
func foldNonASCII(r rune) rune {
	switch r {
	case '\u0130', '\u0131':
		return 'I'
	case '\u017f':
		return 'S'
	case '\u212a':
		return 'K'
	}
	return r
}

func upperASCII(r rune) rune {
	if 'a' <= r && r <= 'z' {
		return r - 'a' + 'A'
	}
	return r
}

// parsed is the result of parsing a plaintext.
type parsed struct {
	hasWatermark bool // a "watermark" key with an object value
	seen         [fieldCount]bool
}

// parsePayload validates raw as one JSON object and fills d from it, in one
// pass. It reports false if raw is not a JSON object.
func parsePayload(raw string, d *Data) (parsed, bool) {
	var p parsed
	ok := jsontext.ParseObject(raw, func(key string, v jsontext.Value) {
		f := lookup(key)
		p.seen[f] = true
		setField(d, &p, f, v)
	})
	if !ok {
		return p, false
	}
	d.Raw = raw
	d.Kind = kindOf(&p)
	return p, true
}

func kindOf(p *parsed) Kind {
	s := &p.seen
	switch {
	case s[fPhoneNumber] || s[fPurePhoneNumber] || s[fCountryCode]:
		return KindPhone
	case s[fStepInfoList]:
		return KindWeRun
	case s[fOpenGIDShare]:
		return KindShare
	case s[fOpenGIDGroup] || s[fGroupOpenID] || s[fChatType]:
		return KindGroup
	case s[fOpenID] || s[fNickName]:
		return KindUser
	}
	return KindUnknown
}

// setString sets *dst from a string value; null and other types leave it.
func setString(dst *string, v jsontext.Value) {
	if s, ok := v.String(); ok {
		*dst = s
	}
}

func setInt(dst *int, v jsontext.Value) {
	if n, ok := v.Int(); ok && int64(int(n)) == n {
		*dst = int(n)
	}
}

func setField(d *Data, p *parsed, f field, v jsontext.Value) {
	switch f {
	case fPhoneNumber:
		setString(&d.Phone.PhoneNumber, v)
	case fPurePhoneNumber:
		setString(&d.Phone.PurePhoneNumber, v)
	case fCountryCode:
		if v.Kind == jsontext.Number {
			d.Phone.CountryCode = v.Raw
		} else {
			setString(&d.Phone.CountryCode, v)
		}
	case fOpenID:
		setString(&d.User.OpenID, v)
	case fNickName:
		setString(&d.User.NickName, v)
	case fGender:
		setInt(&d.User.Gender, v)
	case fLanguage:
		setString(&d.User.Language, v)
	case fCity:
		setString(&d.User.City, v)
	case fProvince:
		setString(&d.User.Province, v)
	case fCountry:
		setString(&d.User.Country, v)
	case fAvatarURL:
		setString(&d.User.AvatarURL, v)
	case fUnionID:
		setString(&d.User.UnionID, v)
	case fStepInfoList:
		setSteps(&d.WeRun.StepInfoList, v)
	case fOpenGIDShare:
		setString(&d.Share.OpenGID, v)
	case fOpenGIDGroup:
		setString(&d.Group.OpenGID, v)
	case fGroupOpenID:
		setString(&d.Group.GroupOpenID, v)
	case fChatType:
		setInt(&d.Group.ChatType, v)
	case fWatermark:
		if v.Kind == jsontext.Object {
			p.hasWatermark = true
			v.Members(func(key string, v jsontext.Value) {
				switch {
				case key == "appid", foldEqual(key, "appid"):
					setString(&d.Watermark.AppID, v)
				case key == "timestamp", foldEqual(key, "timestamp"):
					if n, ok := v.Int(); ok {
						d.Watermark.Timestamp = n
					}
				}
			})
		}
	}
}

// setSteps decodes a stepInfoList as encoding/json decodes into a slice: the
// backing array is reused, and an element starts from whatever it held.
func setSteps(dst *[]Step, v jsontext.Value) {
	if v.Kind != jsontext.Array {
		return
	}
	steps := (*dst)[:0]
	if steps == nil {
		steps = []Step{}
	}
	v.Elements(func(e jsontext.Value) {
		var s Step
		if i := len(steps); i < cap(steps) {
			s = steps[:i+1][i]
		}
		e.Members(func(key string, v jsontext.Value) {
			switch {
			case foldEqual(key, "timestamp"):
				if n, ok := v.Int(); ok {
					s.Timestamp = n
				}
			case foldEqual(key, "step"):
				setInt(&s.Step, v)
			}
		})
		steps = append(steps, s)
	})
	*dst = steps
}

// parsePlaintext parses decrypted bytes, which WeChat's document defines as
// UTF-8 JSON: invalid UTF-8 is garbage, however JSON-like, and is rejected
// before any string of it can reach a report.
func parsePlaintext(b []byte, d *Data) (parsed, bool) {
	if !utf8.Valid(b) {
		return parsed{}, false
	}
	return parsePayload(bufString(b), d)
}

// Display is the number as front ends show it: "+countryCode purePhoneNumber"
// when both are known, else phoneNumber as WeChat sent it.
func (p PhoneInfo) Display() string {
	if p.CountryCode != "" && p.PurePhoneNumber != "" {
		return "+" + p.CountryCode + " " + p.PurePhoneNumber
	}
	return p.PhoneNumber
}

// ChinaTime returns China Standard Time (UTC+8, no daylight saving), the
// time zone of WeChat's WeRun days.
func ChinaTime() *time.Location { return chinaTime }

var chinaTime = time.FixedZone("CST", 8*3600)
