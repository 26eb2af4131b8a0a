#!/bin/sh
# Drives the real window with real key presses (xdotool, XTEST) under a virtual display:
# snapshot, click the fluoro image left of the spine (the needle goes onto the skin there),
# advance the needle 8 x 5 mm, snapshot, take a shot, snapshot, quit.
# usage (inside xvfb-run): drive_with_keys.sh FLUOROSIM OUTDIR
set -eu
. "$(dirname "$0")/window_driver.sh"
exe=$1
out=$2
mkdir -p "$out"
"$exe" --no-persist --size 1600x1000 --snapshot-dir "$out" --record "$out/recording.txt" >"$out/app.log" 2>&1 &
pid=$!
focus_window
sleep 1
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
