package desktop

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// stepChart draws WeRun steps as one bar per day, oldest on the left, with
// the first and last day and the highest count as labels.
type stepChart struct {
	widget.BaseWidget
	steps []core.Step
}

func newStepChart(steps []core.Step) *stepChart {
	c := &stepChart{steps: steps}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *stepChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{chart: c}
	most := 0
	for _, s := range c.steps {
		most = max(most, s.Step)
	}
	r.most = most
	for range c.steps {
		r.bars = append(r.bars, canvas.NewRectangle(nil))
	}
	r.first = canvas.NewText("", nil)
	r.last = canvas.NewText("", nil)
	r.top = canvas.NewText(strconv.Itoa(most), nil)
	if len(c.steps) > 0 {
		r.first.Text = day(c.steps[0].Timestamp)
		r.last.Text = day(c.steps[len(c.steps)-1].Timestamp)
	}
	r.Refresh()
	return r
}

type chartRenderer struct {
	chart            *stepChart
	most             int
	bars             []*canvas.Rectangle
	first, last, top *canvas.Text
}

func (r *chartRenderer) labelHeight() float32 {
	return r.first.MinSize().Height
}

func (r *chartRenderer) Layout(size fyne.Size) {
	lh := r.labelHeight()
	r.top.Move(fyne.NewPos(0, 0))
	area := size.Height - 2*lh
	r.first.Move(fyne.NewPos(0, size.Height-lh))
	r.last.Move(fyne.NewPos(size.Width-r.last.MinSize().Width, size.Height-lh))
	n := len(r.bars)
	if n == 0 || r.most == 0 {
		return
	}
	slot := size.Width / float32(n)
	gap := slot / 5
	for i, b := range r.bars {
		h := area * float32(r.chart.steps[i].Step) / float32(r.most)
		b.Move(fyne.NewPos(float32(i)*slot+gap/2, lh+area-h))
		b.Resize(fyne.NewSize(slot-gap, h))
	}
}

func (r *chartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(max(float32(len(r.bars))*6, 2*r.first.MinSize().Width+20), 160)
}

func (r *chartRenderer) Refresh() {
	th := r.chart.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bar := th.Color(theme.ColorNamePrimary, v)
	fg := th.Color(theme.ColorNameForeground, v)
	size := th.Size(theme.SizeNameCaptionText)
	for _, b := range r.bars {
		b.FillColor = bar
		b.Refresh()
	}
	for _, t := range []*canvas.Text{r.first, r.last, r.top} {
		t.Color = fg
		t.TextSize = size
		t.Refresh()
	}
}

func (r *chartRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, len(r.bars)+3)
	for _, b := range r.bars {
		objs = append(objs, b)
	}
	return append(objs, r.first, r.last, r.top)
}

func (r *chartRenderer) Destroy() {}
