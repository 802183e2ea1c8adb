package desktop

import (
	"context"
	"net/http"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
)

// callTimeout bounds one Send, retries included.
const callTimeout = 20 * time.Second

// The APIs of the Call tab, by the name WeChat's documents give them.
var callAPIs = []string{"getuserphonenumber", "jscode2session", "stable_token", "rid/get",
	"checkencryptedmsg", "getuserencryptkey", "resetusersessionkey", "component/jscode2session", "getopendata"}

// userDataAPI is the path of the calls built by wxapi.BuildCall, by their
// name in callAPIs.
var userDataAPI = map[string]string{
	"checkencryptedmsg": wxapi.APICheckEncrypted, "getuserencryptkey": wxapi.APIUserEncryptKey,
	"resetusersessionkey": wxapi.APIResetSessionKey, "component/jscode2session": wxapi.APIComponentCode2Session,
	"getopendata": wxapi.APIOpenData,
}

// callTab builds WeChat server API calls with the core's builders, shows
// them as curl and sends them through core/wxclient.
type callTab struct {
	api      *widget.Select
	base     *widget.Entry
	appID    *widget.Entry
	secret   *widget.Entry
	token    *widget.Entry
	code     *widget.Entry
	openID   *widget.Entry
	ridEntry *widget.Entry
	// the parameters of the user-data calls (wxapi.CallParams) that have no
	// entry above, by name
	params   map[string]*widget.Entry
	clients  map[callRequest]*wxclient.Client       // one per endpoint and credentials: it remembers used phone codes
	rows     map[*widget.Entry][2]fyne.CanvasObject // the label and entry of each row
	reveal   *widget.Check
	curl     *widget.Label
	copyCurl *widget.Button
	send     *widget.Button
	outcome  *widget.Label
	detail   *widget.Label
	rid      *widget.Label
	copyRID  *widget.Button
	ridValue string
	use      *widget.Button // puts what the answer brought to use

	session *wxapi.Session // the last jscode2session answer, kept for use
}

// callRequest is what one Send needs, read from the widgets before the
// goroutine starts.
type callRequest struct {
	api, base, appID, secret, token, code, openID, rid                 string
	encryptedMsg, sessionKey, componentAppID, componentToken, cloudIDs string
}

// callResult is what the goroutine brings back.
type callResult struct {
	phone   *wxapi.PhoneNumberResult
	session *wxapi.Session
	token   string
	ridInfo *wxapi.RIDInfo
	check   *wxapi.EncryptedCheck
	keys    []wxapi.UserKey
	data    []wxapi.OpenData
	err     error
	appID   string // the appid the call was made for
	api     string
}

func (u *UI) buildCall() fyne.CanvasObject {
	t := &u.call
	prefs := u.app.Preferences()
	t.api = widget.NewSelect(callAPIs, func(string) {
		u.clearAnswer()
		u.callChanged()
	})
	t.base = widget.NewEntry()
	t.base.SetText(prefs.StringWithFallback(prefAPIBase, wxapi.DefaultBaseURL))
	t.appID = widget.NewEntry()
	t.appID.SetText(prefs.String(prefAppID))
	t.secret = widget.NewPasswordEntry()
	t.token = widget.NewPasswordEntry()
	t.code = widget.NewEntry()
	t.openID = widget.NewEntry()
	t.ridEntry = widget.NewEntry()
	t.params = map[string]*widget.Entry{
		"encrypted_msg": widget.NewEntry(), "session_key": widget.NewPasswordEntry(),
		"component_appid": widget.NewEntry(), "component_access_token": widget.NewPasswordEntry(),
		"cloudid_list": widget.NewEntry(),
	}
	u.placeholder(t.token, "call.token")
	t.reveal = widget.NewCheck("", func(bool) { u.callChanged() })
	u.onLang(func() { t.reveal.Text = u.t("call.reveal"); t.reveal.Refresh() })
	t.curl = widget.NewLabel("")
	t.curl.TextStyle = fyne.TextStyle{Monospace: true}
	t.curl.Wrapping = fyne.TextWrapBreak
	t.curl.Selectable = true
	t.copyCurl = u.button("call.copy", func() { u.copyText("what.curl", u.buildCallNow().Curl(t.reveal.Checked)) })
	t.send = u.button("call.send", u.Send)
	t.send.Importance = widget.HighImportance
	t.outcome = heading("", widget.MediumImportance)
	t.detail = wrapped("", widget.MediumImportance)
	t.rid = selectable("")
	t.copyRID = u.button("copy.rid", func() { u.copyText("what.rid", t.ridValue) })
	t.copyRID.Hide()
	t.use = widget.NewButton("", u.useAnswer)
	t.use.Hide()

	form := container.New(layout.NewFormLayout(), u.label("call.api"), t.api)
	t.rows = map[*widget.Entry][2]fyne.CanvasObject{}
	for _, row := range []struct {
		key string
		e   *widget.Entry
	}{
		{"call.base", t.base}, {"call.appid", t.appID}, {"call.secret", t.secret},
		{"call.token", t.token}, {"call.code", t.code}, {"call.openid", t.openID}, {"call.rid_entry", t.ridEntry},
		{"encrypted_msg", t.params["encrypted_msg"]}, {"session_key", t.params["session_key"]},
		{"component_appid", t.params["component_appid"]}, {"component_access_token", t.params["component_access_token"]},
		{"cloudid_list", t.params["cloudid_list"]},
	} {
		l := u.label(row.key)
		form.Add(l)
		form.Add(row.e)
		t.rows[row.e] = [2]fyne.CanvasObject{l, row.e}
		row.e.OnChanged = func(string) { u.callChanged() }
	}
	t.api.SetSelected(callAPIs[0])
	u.onLang(u.callChanged)

	return container.NewVScroll(container.NewVBox(form, t.reveal, t.curl,
		container.NewHBox(t.copyCurl, layout.NewSpacer(), t.send),
		widget.NewSeparator(), t.outcome, t.detail, container.NewHBox(t.rid, t.copyRID), container.NewHBox(t.use)))
}

// request reads the widgets.
func (u *UI) request() callRequest {
	t := &u.call
	return callRequest{
		api:    t.api.Selected,
		base:   strings.TrimRight(strings.TrimSpace(t.base.Text), "/"),
		appID:  strings.TrimSpace(t.appID.Text),
		secret: strings.TrimSpace(t.secret.Text),
		token:  strings.TrimSpace(t.token.Text),
		code:   strings.TrimSpace(t.code.Text),
		openID: strings.TrimSpace(t.openID.Text),
		rid:    strings.TrimSpace(t.ridEntry.Text),

		encryptedMsg:   strings.TrimSpace(t.params["encrypted_msg"].Text),
		sessionKey:     strings.TrimSpace(t.params["session_key"].Text),
		componentAppID: strings.TrimSpace(t.params["component_appid"].Text),
		componentToken: strings.TrimSpace(t.params["component_access_token"].Text),
		cloudIDs:       t.params["cloudid_list"].Text,
	}
}

// buildCallNow builds the call the widgets describe with the core's
// builders. A missing access_token shows as ACCESS_TOKEN: Send fetches one
// with the appid and secret.
func (u *UI) buildCallNow() *wxapi.Call {
	r := u.request()
	switch r.api {
	case "jscode2session":
		return wxapi.NewCode2SessionCall(r.base, r.appID, r.secret, r.code)
	case "stable_token":
		return wxapi.NewStableTokenCall(r.base, r.appID, r.secret, false)
	}
	token := r.token
	if token == "" {
		token = "ACCESS_TOKEN"
	}
	if r.api == "rid/get" {
		return wxapi.NewRIDCall(r.base, token, wxapi.FindRID(r.rid))
	}
	if path, ok := userDataAPI[r.api]; ok {
		if r.componentToken == "" {
			r.componentToken = "COMPONENT_ACCESS_TOKEN"
		}
		return wxapi.BuildCall(r.base, path, r.param(token))
	}
	return wxapi.NewPhoneNumberCall(r.base, token, r.code, r.openID)
}

// callChanged shows the rows the chosen API needs and its curl.
func (u *UI) callChanged() {
	t := &u.call
	if t.rows == nil {
		return // still building
	}
	need := map[string][]*widget.Entry{
		"getuserphonenumber": {t.base, t.appID, t.secret, t.token, t.code, t.openID},
		"jscode2session":     {t.base, t.appID, t.secret, t.code},
		"stable_token":       {t.base, t.appID, t.secret},
		"rid/get":            {t.base, t.appID, t.secret, t.token, t.ridEntry},
	}[t.api.Selected]
	if path, ok := userDataAPI[t.api.Selected]; ok {
		// The core's list of parameters; the token's rows where it takes one.
		need = []*widget.Entry{t.base}
		for _, p := range wxapi.CallParams(path) {
			switch p {
			case "access_token":
				need = append(need, t.appID, t.secret, t.token)
			case "appid":
				need = append(need, t.appID)
			case "openid":
				need = append(need, t.openID)
			case "js_code":
				need = append(need, t.code)
			default:
				need = append(need, t.params[p])
			}
		}
	}
	for e, row := range t.rows {
		show := false
		for _, n := range need {
			show = show || n == e
		}
		for _, o := range row {
			if show {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	t.curl.SetText(u.buildCallNow().Curl(t.reveal.Checked))
}

// Send sends the call through core/wxclient on a goroutine; the answer is
// shown through fyne.Do (u.do).
func (u *UI) Send() {
	t := &u.call
	r := u.request()
	prefs := u.app.Preferences()
	if r.base != "" {
		prefs.SetString(prefAPIBase, r.base)
	}
	if r.appID != "" {
		prefs.SetString(prefAppID, r.appID)
	}
	t.send.Disable()
	u.clearAnswer()
	t.outcome.SetText(u.t("call.sending"))
	u.pending.Add(1)
	c := u.client(r)
	go func() {
		res := send(c, r)
		u.do(func() {
			defer u.pending.Add(-1)
			t.send.Enable()
			u.showAnswer(res)
		})
	}()
}

// clearAnswer removes the answer of the last Send.
func (u *UI) clearAnswer() {
	t := &u.call
	if t.outcome == nil {
		return // still building
	}
	t.use.Hide()
	t.outcome.Importance = widget.MediumImportance
	t.outcome.SetText("")
	t.detail.SetText("")
	t.rid.SetText("")
	t.ridValue = ""
	t.copyRID.Hide()
}

// param gives the parameters of wxapi.BuildCall, token standing for the
// access_token.
func (r callRequest) param(token string) func(string) string {
	return func(name string) string {
		return map[string]string{
			"access_token": token, "appid": r.appID, "openid": r.openID, "js_code": r.code, "code": r.code, "rid": r.rid,
			"encrypted_msg": r.encryptedMsg, "session_key": r.sessionKey, "component_appid": r.componentAppID,
			"component_access_token": r.componentToken, "cloudid_list": r.cloudIDs,
		}[name]
	}
}

// client returns the client for r's endpoint and credentials, the same for
// every Send with them: it keeps the access_token and knows the phone codes
// it exchanged, so that a reused one is named as such.
func (u *UI) client(r callRequest) *wxclient.Client {
	t := &u.call
	token := ""
	if r.api != "jscode2session" && r.api != "stable_token" {
		token = r.token
	}
	key := callRequest{base: r.base, appID: r.appID, secret: r.secret, token: token}
	if c := t.clients[key]; c != nil {
		return c
	}
	opts := []wxclient.Option{
		wxclient.WithBaseURL(r.base),
		wxclient.WithHTTPClient(&http.Client{Timeout: callTimeout}),
	}
	if token != "" {
		opts = append(opts, wxclient.WithStaticToken(token))
	}
	if t.clients == nil {
		t.clients = map[callRequest]*wxclient.Client{}
	}
	t.clients[key] = wxclient.New(r.appID, r.secret, opts...)
	return t.clients[key]
}

// send runs on its own goroutine: it touches no widget.
func send(c *wxclient.Client, r callRequest) callResult {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	res := callResult{appID: r.appID, api: r.api}
	switch r.api {
	case "jscode2session":
		res.session, res.err = c.Code2Session(ctx, r.code)
	case "stable_token":
		res.token, res.err = c.AccessToken(ctx)
	case "rid/get":
		res.ridInfo, res.err = c.RID(ctx, wxapi.FindRID(r.rid))
	case "checkencryptedmsg":
		res.check, res.err = c.CheckEncrypted(ctx, r.encryptedMsg)
	case "getuserencryptkey":
		res.keys, res.err = c.UserEncryptKeys(ctx, r.openID, r.sessionKey)
	case "resetusersessionkey":
		res.session, res.err = c.ResetSessionKey(ctx, r.openID, r.sessionKey)
	case "component/jscode2session":
		res.session, res.err = c.ComponentCode2Session(ctx, r.code, r.componentAppID, r.componentToken)
	case "getopendata":
		ids := strings.Fields(strings.ReplaceAll(r.cloudIDs, ",", " "))
		res.data, res.err = c.OpenData(ctx, r.openID, ids...)
	default:
		res.phone, res.err = c.PhoneNumber(ctx, r.code, r.openID)
	}
	return res
}

// showAnswer shows errcode, hint and rid, or what the call brought.
func (u *UI) showAnswer(res callResult) {
	t := &u.call
	if res.err != nil {
		p := core.Explain(res.err, u.lang)
		t.outcome.Importance = widget.DangerImportance
		t.outcome.SetText(u.t("call.failed", p.Message))
		if p.Hint != "" {
			t.detail.SetText(u.t("hint", p.Hint))
		}
		if p.RID != "" {
			t.rid.SetText(u.t("call.rid", p.RID))
			t.ridValue = p.RID
			t.copyRID.Show()
			if res.api != "rid/get" {
				t.use.SetText(u.t("lookup.rid"))
				t.use.Show()
			}
		}
		return
	}
	t.outcome.Importance = widget.SuccessImportance
	t.outcome.SetText(u.t("call.ok"))
	switch {
	case res.phone != nil:
		p := res.phone.Phone
		number := p.Display()
		t.detail.SetText(u.t("call.phone", number))
		if err := res.phone.CheckAppID(res.appID); err != nil {
			p := core.Explain(err, u.lang)
			t.outcome.Importance = widget.WarningImportance
			t.outcome.SetText(p.Message)
			t.detail.SetText(u.t("call.phone", number) + "\n" + u.t("hint", p.Hint))
		}
	case res.session != nil:
		t.session = res.session
		union := res.session.UnionID
		if union == "" {
			union = "-"
		}
		t.detail.SetText(u.t("call.session", res.session.OpenID, union))
		t.use.SetText(u.t("call.use_session"))
		t.use.Show()
	case res.token != "":
		t.token.SetText(res.token)
		t.detail.SetText(u.t("call.token_got"))
	case res.check != nil:
		if res.check.Valid {
			t.detail.SetText(u.t("call.check_valid", time.Unix(res.check.CreateTime, 0).In(chinaTime).Format(time.RFC3339)))
		} else {
			t.outcome.Importance = widget.WarningImportance
			t.detail.SetText(u.t("call.check_invalid"))
		}
	case res.keys != nil:
		var lines []string
		for _, k := range res.keys {
			lines = append(lines, u.t("call.key", k.Version, int64(k.ExpireIn/time.Second)))
		}
		t.detail.SetText(strings.Join(lines, "\n"))
	case res.data != nil || res.api == "getopendata":
		var lines []string
		for _, d := range res.data {
			lines = append(lines, d.CloudID+"  "+d.JSON)
		}
		t.detail.SetText(u.t("call.open_data", len(res.data)) + "\n" + strings.Join(lines, "\n"))
	case res.ridInfo != nil:
		i := res.ridInfo
		q, body := i.Redacted()
		t.detail.SetText(u.t("call.rid_info", time.Unix(i.InvokeTime, 0).In(chinaTime).Format(time.RFC3339), i.CostMS, i.ClientIP, q, body, i.ResponseBody))
	}
}

// useAnswer puts the session_key of the last jscode2session answer into the
// Inspect tab, without showing it; after a failure, it looks its rid up.
func (u *UI) useAnswer() {
	t := &u.call
	if t.ridValue != "" {
		u.LookUpRID(t.ridValue)
		return
	}
	if t.session == nil {
		return
	}
	u.inspect.sessionKey.SetText(t.session.SessionKey)
	u.inspect.sessionKey.Password = true
	u.inspect.sessionKey.Refresh()
	u.tabs.Select(u.tabInspect)
}
