#!/usr/bin/env bash
# Regenerates assets/icons/*.png (committed; the build does not run this).
# Needs ImageMagick 6 (`apt-get install -y imagemagick`) and fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/icons
mkdir -p "$out"
convert=/usr/bin/convert   # not a possible stand-in earlier on PATH
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

# Master at 1024 px: dark-blue rounded square, white bold "R", transparent corners.
master=$(mktemp --suffix=.png)
trap 'rm -f "$master"' EXIT
"$convert" -size 1024x1024 xc:none \
  -fill '#1f3a5f' -draw 'roundrectangle 48,48 975,975 200,200' \
  -font "$font" -pointsize 640 -fill white -gravity center -annotate +0+24 'R' \
  "$master"

for spec in 32x32.png:32 128x128.png:128 128x128@2x.png:256 icon.png:512; do
  name=${spec%%:*} size=${spec##*:}
  "$convert" "$master" -resize "${size}x${size}" -strip -depth 8 -define png:color-type=6 "$out/$name"
done
ls -l "$out"
