// Package desktop is the Fyne user interface of wxinspect: a window with an
// Inspect tab (paste session_key, iv and encryptedData, see what they decrypt
// to or why they do not), a Call tab (build and send WeChat's server API
// calls), a Fixture tab (make open data for tests), the History of the
// session, and a Security mode tab (explain a captured request or answer of
// API security mode, step by step).
//
// The package does not import fyne.io/fyne/v2/app, so that its tests build
// without cgo and run headless with fyne.io/fyne/v2/test;
// cmd/wxinspect-desktop creates the real app and hands it to New.
//
// Every check is the core's: the window renders one core.Report. Secrets
// (session_key, AppSecret, access_token) live only in the widgets and in
// the in-memory history; the preferences keep the last appid, the API base,
// the language and the window size.
package desktop

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// The preference keys: nothing secret is ever stored under any key.
const (
	prefAppID   = "appid"
	prefAPIBase = "api_base"
	prefLang    = "lang"
	prefWidth   = "window_width"
	prefHeight  = "window_height"
)

// debounce is how long typing must pause before the inputs are inspected.
const debounce = 250 * time.Millisecond

// UI owns the window and every widget in it. Its handler methods are what
// the widgets call, so tests can call them too.
type UI struct {
	app  fyne.App
	win  fyne.Window
	lang core.Lang
	now  func() time.Time
	// do runs f on the UI goroutine: fyne.Do. Goroutines the UI starts (the
	// debounce timer, Send) touch widgets only through it.
	do func(f func())
	// pending counts the work started off the UI goroutine (a debounce
	// timer, a Send) whose last step has not yet run on it: tests wait for
	// it to reach zero instead of for a quiet moment.
	pending atomic.Int64

	// The clipboards: the system's through github.com/atotto/clipboard,
	// Fyne's as the fallback. Tests replace them.
	writeSystem func(string) error
	readSystem  func() (string, error)
	fyneClip    func() fyne.Clipboard

	relabel []func() // re-applies the texts after a language switch

	tabs       *container.AppTabs
	tabInspect *container.TabItem
	tabCall    *container.TabItem
	tabFixture *container.TabItem
	tabHistory *container.TabItem
	tabRecords *container.TabItem
	tabSecure  *container.TabItem // secure.go
	langSelect *widget.Select
	status     *widget.Label

	inspect inspectTab
	fixture fixtureTab
	history historyTab
	records recordsTab
	call    callTab
	secure  secureTab
}

// New builds the main window of a (not shown yet). The language is the one
// last chosen, or the system's.
func New(a fyne.App) *UI {
	u := &UI{
		app:  a,
		now:  time.Now,
		do:   fyne.Do,
		lang: core.ParseLang(a.Preferences().StringWithFallback(prefLang, systemLang())),
	}
	u.writeSystem, u.readSystem = systemClipboard()
	u.fyneClip = a.Clipboard
	a.Settings().SetTheme(appTheme{})
	u.win = a.NewWindow("wxinspect")

	u.status = widget.NewLabel("")
	u.status.Wrapping = fyne.TextWrapWord
	u.onLang(func() { u.status.SetText(u.t("status.secrets_note")) })

	u.langSelect = widget.NewSelect(langNames, func(name string) {
		for i, n := range langNames {
			if n == name {
				u.SetLang(langs[i])
			}
		}
	})
	u.langSelect.SetSelectedIndex(langIndex(u.lang))

	u.tabInspect = container.NewTabItem("", u.buildInspect())
	u.tabCall = container.NewTabItem("", u.buildCall())
	u.tabFixture = container.NewTabItem("", u.buildFixture())
	u.tabHistory = container.NewTabItem("", u.buildHistory())
	u.tabRecords = container.NewTabItem("", u.buildRecords())
	u.tabSecure = container.NewTabItem("", u.buildSecure())
	u.tabs = container.NewAppTabs(u.tabInspect, u.tabRecords, u.tabCall, u.tabFixture, u.tabHistory, u.tabSecure)
	u.onLang(func() {
		u.tabInspect.Text = u.t("tab.inspect")
		u.tabRecords.Text = u.t("tab.records")
		u.tabCall.Text = u.t("tab.call")
		u.tabFixture.Text = u.t("tab.fixture")
		u.tabHistory.Text = u.t("tab.history")
		u.tabSecure.Text = u.t("tab.secure")
		u.tabs.Refresh()
	})

	bottom := container.NewBorder(nil, nil, nil, u.langSelect, u.status)
	u.win.SetContent(container.NewBorder(nil, bottom, nil, nil, u.tabs))

	prefs := a.Preferences()
	u.win.Resize(fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWidth, 1100)),
		float32(prefs.FloatWithFallback(prefHeight, 760))))
	u.win.SetOnClosed(func() {
		size := u.win.Canvas().Size()
		prefs.SetFloat(prefWidth, float64(size.Width))
		prefs.SetFloat(prefHeight, float64(size.Height))
	})
	u.addShortcuts()
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.DropFiles(uris) })
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// LoadSample fills the Inspect tab with WeChat's official sample and
// inspects it.
func (u *UI) LoadSample() {
	u.Load(core.OfficialSample())
}

// SetLang switches every text of the window, and the report, to lang, and
// remembers the choice.
func (u *UI) SetLang(lang core.Lang) {
	if lang != core.Chinese {
		lang = core.English
	}
	u.app.Preferences().SetString(prefLang, string(lang))
	if lang == u.lang {
		return
	}
	u.lang = lang
	u.langSelect.SetSelectedIndex(langIndex(lang))
	for _, f := range u.relabel {
		f()
	}
}

// onLang runs f now and again after every language switch. f sets the
// texts of some widgets.
func (u *UI) onLang(f func()) {
	f()
	u.relabel = append(u.relabel, f)
}

// label is a label whose text is texts[key].
func (u *UI) label(key string) *widget.Label {
	l := widget.NewLabel("")
	u.onLang(func() { l.SetText(u.t(key)) })
	return l
}

// button is a button whose text is texts[key].
func (u *UI) button(key string, tapped func()) *widget.Button {
	b := widget.NewButton("", tapped)
	u.onLang(func() { b.SetText(u.t(key)) })
	return b
}

// placeholder sets the placeholder of e to texts[key].
func (u *UI) placeholder(e *widget.Entry, key string) {
	u.onLang(func() { e.SetPlaceHolder(u.t(key)) })
}

// setStatus shows msg in the status line.
func (u *UI) setStatus(msg string) {
	u.status.SetText(msg)
}

func langIndex(l core.Lang) int {
	for i, x := range langs {
		if x == l {
			return i
		}
	}
	return 0
}
