package desktop

import (
	"bytes"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/wxinspect/wxinspect/core"
)

// luminance is the relative luminance of c, as WCAG 2.x defines it.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// over is fg drawn over the opaque bg.
func over(fg, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(f.R, b.R), mix(f.G, b.G), mix(f.B, b.B), 0xff}
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestThemeContrast checks every text and border colour of the theme
// against the backgrounds it is drawn on, in light and dark: WCAG 2.x AA.
func TestThemeContrast(t *testing.T) {
	th := appTheme{}
	texts := []fyne.ThemeColorName{
		theme.ColorNameForeground, theme.ColorNameSuccess, theme.ColorNameWarning,
		theme.ColorNameError, theme.ColorNamePrimary, theme.ColorNameHyperlink,
		theme.ColorNamePlaceHolder,
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		backgrounds := map[string]color.Color{
			"background":       bg,
			"input background": over(th.Color(theme.ColorNameInputBackground, v), bg),
		}
		check := func(what string, fg, on color.Color, want float64) {
			t.Helper()
			if got := contrast(fg, on); got < want {
				t.Errorf("variant %d: %s: %.2f:1, want ≥ %.1f:1", v, what, got, want)
			}
		}
		for bgName, b := range backgrounds {
			for _, n := range texts {
				check(string(n)+" text on "+bgName, over(th.Color(n, v), b), b, 4.5)
			}
			check("input border on "+bgName, over(th.Color(theme.ColorNameInputBorder, v), b), b, 3)
		}
		// The WeRun bars are drawn in the primary colour.
		check("primary bars on background", th.Color(theme.ColorNamePrimary, v), bg, 3)
		// Buttons of high, success, danger and warning importance.
		for on, fill := range map[fyne.ThemeColorName]fyne.ThemeColorName{
			theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
			theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
			theme.ColorNameForegroundOnError:   theme.ColorNameError,
			theme.ColorNameForegroundOnWarning: theme.ColorNameWarning,
		} {
			f := over(th.Color(fill, v), bg)
			check(string(on)+" on "+string(fill), th.Color(on, v), f, 4.5)
		}
	}
}

// TestFontsCoverChinese checks that the embedded fonts hold every character
// of GB 2312, of the window's texts and of the core's messages and hints,
// in each style the window draws: no machine needs a CJK font of its own.
func TestFontsCoverChinese(t *testing.T) {
	want := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			if r > ' ' {
				want[r] = true
			}
		}
	}
	for _, pair := range texts {
		add(pair[0])
		add(pair[1])
	}
	for _, n := range langNames {
		add(n)
	}
	for _, c := range core.Codes() {
		for _, l := range []core.Lang{core.English, core.Chinese} {
			msg, hint := c.Describe(l)
			add(msg)
			add(hint)
		}
	}
	// GB 2312: rows 0xA1-0xF7, columns 0xA1-0xFE, read with the GBK decoder.
	dec := simplifiedchinese.GBK.NewDecoder()
	gb := 0
	for hi := 0xA1; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.String(string([]byte{byte(hi), byte(lo)}))
			if err != nil || s == "\uFFFD" || hi >= 0xAA && hi <= 0xAF || hi >= 0xF8 {
				continue
			}
			if r := []rune(s); len(r) == 1 && r[0] >= 0x4E00 && r[0] <= 0x9FFF {
				want[r[0]] = true
				gb++
			}
		}
	}
	if gb < 6763 {
		t.Fatalf("read %d hanzi of GB 2312, want 6763", gb)
	}
	for _, res := range []fyne.Resource{resRegular, resBold, resMono} {
		face, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		var missing []rune
		for r := range want {
			if _, ok := face.NominalGlyph(r); !ok {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks %d characters, e.g. %q", res.Name(), len(missing), string(missing[:min(20, len(missing))]))
		}
	}
	// Every style the window draws text in uses one of them.
	th := appTheme{}
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}, {Bold: true, Italic: true}} {
		if r := th.Font(s); r != resRegular && r != resBold && r != resMono {
			t.Errorf("style %+v uses %s, not an embedded CJK font", s, r.Name())
		}
	}
	if th.Font(fyne.TextStyle{Bold: true}) != resBold {
		t.Error("bold text is not drawn in the bold font")
	}
}
