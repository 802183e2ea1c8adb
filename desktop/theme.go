package desktop

import (
	_ "embed"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The fonts of every string the window draws. Fyne's own fonts have no CJK
// glyphs, and many Linux machines and containers have no CJK font at all, so
// the window brings its own: subsets of Noto Sans CJK SC (SIL Open Font
// License, font/OFL.txt) holding GB 2312 and every character of the UI and
// the core's messages, made by font/subset.sh. They add about 9 MB to the
// binary.
var (
	//go:embed font/NotoSansSC-Regular.otf
	fontRegular []byte
	//go:embed font/NotoSansSC-Bold.otf
	fontBold []byte
	//go:embed font/NotoSansMonoSC-Regular.otf
	fontMono []byte

	resRegular = fyne.NewStaticResource("NotoSansSC-Regular.otf", fontRegular)
	resBold    = fyne.NewStaticResource("NotoSansSC-Bold.otf", fontBold)
	resMono    = fyne.NewStaticResource("NotoSansMonoSC-Regular.otf", fontMono)
)

// appTheme is Fyne's default theme with the CJK fonts above and status
// colours that meet WCAG 2.x AA on the backgrounds they are drawn on: 4.5:1
// for text, 3:1 for input borders and the WeRun bars (theme_test.go computes
// them). Fyne's own light success green is 1.5:1 on white.
type appTheme struct{}

var _ fyne.Theme = appTheme{}

// Font implements fyne.Theme. CJK has no italic: italic text is drawn
// upright rather than in a Latin-only font that would show boxes.
func (appTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Monospace:
		return resMono
	case s.Bold:
		return resBold
	}
	return resRegular
}

// The colours that differ from Fyne's default theme, light and dark.
var themeColors = map[fyne.ThemeColorName][2]color.Color{
	theme.ColorNameSuccess:             {rgb(0x1a7f37), rgb(0x56d384)},
	theme.ColorNameWarning:             {rgb(0x8a5300), rgb(0xf0b25a)},
	theme.ColorNameError:               {rgb(0xc62828), rgb(0xff7b72)},
	theme.ColorNamePrimary:             {rgb(0x1565c0), rgb(0x6cb2ff)},
	theme.ColorNameHyperlink:           {rgb(0x1565c0), rgb(0x6cb2ff)},
	theme.ColorNameForegroundOnPrimary: {rgb(0xffffff), rgb(0x0b1a2a)},
	theme.ColorNameForegroundOnSuccess: {rgb(0xffffff), rgb(0x0b1a11)},
	theme.ColorNameForegroundOnError:   {rgb(0xffffff), rgb(0x1f0b0b)},
	theme.ColorNameForegroundOnWarning: {rgb(0xffffff), rgb(0x1f1505)},
	theme.ColorNamePlaceHolder:         {rgb(0x6b6b70), rgb(0xa8a8b0)},
	theme.ColorNameInputBorder:         {rgb(0x8a8a90), rgb(0x7a7a84)},
	theme.ColorNameFocus:               {rgb(0x1565c0), rgb(0x6cb2ff)},
}

// Color implements fyne.Theme.
func (appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := themeColors[n]; ok {
		if v == theme.VariantDark {
			return c[1]
		}
		return c[0]
	}
	return theme.DefaultTheme().Color(n, v)
}

// Icon implements fyne.Theme.
func (appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size implements fyne.Theme.
func (appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}
