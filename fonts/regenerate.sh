#!/usr/bin/env bash
# Regenerates the Japanese guide's fonts: Noto Sans CJK JP Regular and Bold (SIL OFL
# 1.1, OFL.txt), cut down to the characters the default site's Japanese pages and
# strings use plus the common set: ASCII, Latin-1, general and CJK punctuation, kana,
# full- and half-width forms, and the 2,965 kanji of JIS X 0208 level 1 (most of
# the Jōyō list, and what most Japanese text uses). Run it after adding Japanese text
# with rare kanji (anything missing is still taken from the machine's fonts, with a
# warning when none has it).
#
# Needs: Debian's fonts-noto-cjk (the source fonts) and fontTools' pyftsubset
# (pip install fonttools==4.68.0). Run from anywhere: bash fonts/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=/usr/share/fonts/opentype/noto

text=$(mktemp)
trap 'rm -f "$text"' EXIT
{
  find content/ja locales/ja themes/default/locales/ja -type f \( -name '*.md' -o -name '*.ftl' \) \
    -exec cat {} +
  python3 - <<'PY'
import sys
# JIS X 0208 level 1 kanji: EUC-JP rows 16-47.
for row in range(0xB0, 0xD0):
    for cell in range(0xA1, 0xFF):
        try:
            sys.stdout.write(bytes([row, cell]).decode("euc_jp"))
        except UnicodeDecodeError:
            pass
PY
} >"$text"

# U+0020-007E ASCII, 00A0-00FF Latin-1, 2010-206F punctuation, 2190-21FF arrows,
# 2460-24FF circled numbers, 3000-303F CJK punctuation, 3040-30FF kana,
# 31F0-31FF kana extensions, FF00-FFEF full- and half-width forms.
unicodes="U+0020-007E,U+00A0-00FF,U+2010-206F,U+2190-21FF,U+2460-24FF,U+3000-303F,U+3040-30FF,U+31F0-31FF,U+FF00-FFEF"
for weight in Regular Bold; do
  pyftsubset "$source_dir/NotoSansCJK-$weight.ttc" --font-number=0 \
    --text-file="$text" --unicodes="$unicodes" \
    --no-hinting --layout-features=ccmp,kern,liga,calt,mark,mkmk,halt,palt \
    --name-IDs='*' --name-languages='*' \
    --output-file="fonts/NotoSansCJKjp-$weight-subset.otf"
done
ls -l fonts/*.otf
