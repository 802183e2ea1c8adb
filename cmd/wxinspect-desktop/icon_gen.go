//go:build ignore

// icon_gen draws Icon.png, the application icon the fyne packager puts in
// the archive: a magnifying glass over WeChat green. Run it with
// `go run icon_gen.go` in this directory.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

func main() {
	const size, ss = 256, 4 // ss×ss samples per pixel smooth the edges
	green := color.NRGBA{0x07, 0xC1, 0x60, 0xFF}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var bg, fg int
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					px := float64(x) + (float64(sx)+0.5)/ss
					py := float64(y) + (float64(sy)+0.5)/ss
					if !inRoundedSquare(px, py, size, 48) {
						continue
					}
					if inGlass(px, py) {
						fg++
					} else {
						bg++
					}
				}
			}
			n := float64(ss * ss)
			a := float64(bg+fg) / n
			if a == 0 {
				continue
			}
			w := float64(fg) / float64(bg+fg) // share of white
			mix := func(c uint8) uint8 { return uint8(float64(c)*(1-w) + 255*w) }
			img.SetNRGBA(x, y, color.NRGBA{mix(green.R), mix(green.G), mix(green.B), uint8(255 * a)})
		}
	}
	f, err := os.Create("Icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func inRoundedSquare(x, y, size, r float64) bool {
	cx := math.Max(r, math.Min(size-r, x))
	cy := math.Max(r, math.Min(size-r, y))
	return math.Hypot(x-cx, y-cy) <= r
}

// inGlass is the lens ring and the handle.
func inGlass(x, y float64) bool {
	const cx, cy, r, thick = 112, 112, 58, 18
	d := math.Hypot(x-cx, y-cy)
	if d >= r-thick/2 && d <= r+thick/2 {
		return true
	}
	// The handle: a thick segment from the ring towards the lower right.
	ax, ay := cx+(r+thick/2-4)/math.Sqrt2, cy+(r+thick/2-4)/math.Sqrt2
	bx, by := 204.0, 204.0
	t := ((x-ax)*(bx-ax) + (y-ay)*(by-ay)) / ((bx-ax)*(bx-ax) + (by-ay)*(by-ay))
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(ax+t*(bx-ax)), y-(ay+t*(by-ay))) <= 14
}
