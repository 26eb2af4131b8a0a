#!/bin/sh
# Drives the real window with real key presses (xdotool, XTEST) under a virtual display:
# snapshot, click the fluoro image left of the spine (the needle goes onto the skin there),
# advance the needle 8 x 5 mm, snapshot, take a shot, snapshot, quit.
# usage (inside xvfb-run): drive_with_keys.sh FLUOROSIM OUTDIR
set -eu
exe=$1
out=$2
mkdir -p "$out"
"$exe" --no-persist --size 1600x1000 --snapshot-dir "$out" --record "$out/recording.txt" >"$out/app.log" 2>&1 &
pid=$!
win=""
while [ -z "$win" ]; do sleep 0.5; win=$(xdotool search --name "FluoroSim" 2>/dev/null | head -n 1 || true); done
xdotool windowfocus "$win"
sleep 1
count() { ls "$out"/snapshot-*.png 2>/dev/null | wc -l; }
snap() {
  before=$(count)
  xdotool key F12
  i=0
  while [ "$(count)" -le "$before" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
snap
xdotool mousemove 150 300 mousedown 1
sleep 0.3
xdotool mouseup 1
sleep 0.5
i=0
while [ $i -lt 8 ]; do xdotool key --delay 80 shift+w; i=$((i + 1)); done
sleep 0.5
snap
xdotool key space
sleep 1
snap
xdotool key ctrl+q
wait $pid
