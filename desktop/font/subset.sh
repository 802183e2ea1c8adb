#!/bin/sh
# Makes the CJK fonts the desktop inspector embeds: Noto Sans CJK SC (regular
# and bold) and Noto Sans Mono CJK SC, cut down to what a Chinese user meets.
#
# Source: Debian's fonts-noto-cjk package (Noto CJK 2.004, SIL Open Font
# License 1.1, see OFL.txt). Tool: fontTools.subset (pyftsubset) from Debian's python3-fonttools.
#
#   apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb pkg
#   apt-get install python3-fonttools
#   desktop/font/subset.sh pkg/usr/share/fonts/opentype/noto
#
# The characters kept: ASCII, Latin-1, general punctuation, arrows and the
# check marks the window uses, CJK symbols and full-width forms, every
# character of GB 2312 (6763 hanzi and its symbols), and every non-ASCII
# character in the window's and the core's texts (desktop/*.go, core/*.go),
# so that a test can require the fonts to cover every string of the UI.
set -eu
python=${PYTHON:-/usr/bin/python3}
src=${1:?usage: subset.sh DIR-WITH-NotoSansCJK-Regular.ttc}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$python" - "$root" >"$tmp/chars.txt" <<'PY'
import glob, sys
root = sys.argv[1]
chars = set(chr(c) for c in range(0x20, 0x7F))
for lo, hi in [(0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF),
               (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2700, 0x27BF), (0x3000, 0x303F),
               (0xFF00, 0xFFEF)]:
    chars.update(chr(c) for c in range(lo, hi + 1))
# GB 2312: rows 0xA1-0xF7, columns 0xA1-0xFE.
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.update(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for pattern in ("desktop/*.go", "core/*.go"):
    for name in glob.glob(f"{root}/{pattern}"):
        chars.update(c for c in open(name, encoding="utf-8").read() if ord(c) > 0x7F)
sys.stdout.write("".join(sorted(chars)))
PY

cut() { # cut TTC FONT-NUMBER OUT
	"$python" -m fontTools.subset "$src/$1" --font-number="$2" --text-file="$tmp/chars.txt" \
		--layout-features='*' --no-hinting \
		--name-IDs='*' --name-languages='*' --output-file="$here/$3"
}
cut NotoSansCJK-Regular.ttc 2 NotoSansSC-Regular.otf
cut NotoSansCJK-Bold.ttc 2 NotoSansSC-Bold.otf
cut NotoSansCJK-Regular.ttc 7 NotoSansMonoSC-Regular.otf
ls -l "$here"/*.otf
