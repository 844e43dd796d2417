#!/usr/bin/env bash
# Screenshots of the explorer as a person sees it: a real xterm under Xvfb, at 80×24, 120×40 and 200×60, in the
# default, light, colorblind and mono themes, each after descent stalled on theorem5 (the regrow hint showing).
#
#   scripts/screenshots.sh [OUT_DIR]      (default docs/screenshots; needs: apt-get install xvfb xterm imagemagick
#                                          fonts-dejavu x11-utils)
#
# Each PNG is named explorer-THEME-COLSxROWS.png. COLORTERM=truecolor is set, so xterm draws 24-bit colour when the
# explorer offers it (xterm-direct terminfo); SPARSESCAPE_SHOT_TERM overrides TERM (default xterm-256color).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
BIN=$(realpath "${SPARSESCAPE_BIN:-.build/debug/sparsescape}")
for tool in Xvfb xterm import xwininfo; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (apt-get install xvfb xterm imagemagick fonts-dejavu x11-utils)"; exit 1; }
done
mkdir -p "$out"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 2400x1500x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
term=${SPARSESCAPE_SHOT_TERM:-xterm-256color}
for size in 80x24 120x40 200x60; do
  for theme in default light colorblind mono; do
    title="sparsescape-shot-$theme-$size"
    xterm -T "$title" -geometry "$size+0+0" -fa "DejaVu Sans Mono" -fs 10 -bg black -fg white \
      -xrm 'XTerm*termName: '"$term" -e env TERM="$term" COLORTERM=truecolor LANG=C.UTF-8 \
      "$BIN" explore theorem5 --theme "$theme" --speed 10000 --out-dir /tmp &
    pid=$!
    # Poll for the window, then give the explorer time to stall and certify (it pauses itself when converged).
    for _ in $(seq 100); do xwininfo -name "$title" >/dev/null 2>&1 && break; sleep 0.1; done
    sleep 4
    import -window "$(xwininfo -name "$title" | awk '/Window id:/ {print $4}')" "$out/explorer-$theme-$size.png"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "wrote $out/explorer-$theme-$size.png"
  done
done
