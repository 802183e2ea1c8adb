package wxfake

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/wxinspect/wxinspect/core/rsakey"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// Douyin is a fake of Douyin's get_phonenumber_info for one app: it answers
// a phone code it issued (PhoneCode) with the phone number encrypted to the
// application public key, as open.douyin.com does since base library 3.51.0.
// Serve it on loopback and pass its URL as the base URL of
// wxapi.NewDouyinPhoneNumberCall or wxclient's DouyinPhoneNumber.
//
// Its err_no for an unknown or used code, 40019, is this fake's own; the
// one for a wrong token, 28001003 (access_token无效), is Douyin's.
type Douyin struct {
	AppID       string
	ClientToken string
	Key         *rsakey.PublicKey // the application public key
	Now         func() time.Time  // default time.Now

	mu    sync.Mutex
	codes map[string]string // code → phone number
	n     int
}

// PhoneCode issues a single-use code for phoneNumber.
func (d *Douyin) PhoneCode(phoneNumber string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.codes == nil {
		d.codes = map[string]string{}
	}
	d.n++
	b := make([]byte, 8)
	rand.Read(b)
	code := "dyphone" + strconv.Itoa(d.n) + hex.EncodeToString(b)
	d.codes[code] = phoneNumber
	return code
}

func (d *Douyin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/"+wxapi.APIDouyinPhoneNumber || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	answer := func(v map[string]any) {
		v["log_id"] = "wxfake" + strconv.FormatInt(time.Now().UnixNano(), 10)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(v)
	}
	if r.Header.Get("access-token") != d.ClientToken || d.ClientToken == "" {
		answer(map[string]any{"err_no": 28001003, "err_tips": "access_token无效"})
		return
	}
	var body struct{ Code string }
	if json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&body) != nil {
		answer(map[string]any{"err_no": 40019, "err_tips": "bad request body (wxfake)"})
		return
	}
	d.mu.Lock()
	phone, ok := d.codes[body.Code]
	delete(d.codes, body.Code)
	d.mu.Unlock()
	if !ok {
		answer(map[string]any{"err_no": 40019, "err_tips": "code invalid or already used (wxfake)"})
		return
	}
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	plain, _ := json.Marshal(map[string]any{
		"phoneNumber": phone, "purePhoneNumber": phone, "countryCode": "86",
		"watermark": map[string]any{"appid": d.AppID, "timestamp": now().Unix()},
	})
	ct, err := d.Key.EncryptPKCS1v15(rand.Reader, plain)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	answer(map[string]any{"err_no": 0, "err_tips": "success", "data": base64.StdEncoding.EncodeToString(ct)})
}
