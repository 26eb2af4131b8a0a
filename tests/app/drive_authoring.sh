#!/bin/sh
# Opens Instructor > Author scenario... in the real window (xdotool through XTEST, under a
# virtual display), saves the draft, drags the target zone 40 px right on the preview image,
# saves again, quits.
# usage (inside xvfb-run): drive_authoring.sh FLUOROSIM OUTDIR SCENARIO
set -eu
. "$(dirname "$0")/window_driver.sh"
exe=$1
out=$2
scenario=$3
mkdir -p "$out"
XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config" "$exe" --no-persist --instructor-pin 0000 --size 1600x1000 --snapshot-dir "$out" --scenario "$scenario" \
  >"$out/app.log" 2>&1 &
pid=$!
focus_window
sleep 6
xdotool key F1                     # close the shortcut overlay
click() { xdotool mousemove "$1" "$2" mousedown 1; sleep 0.3; xdotool mouseup 1; sleep 0.5; }
click 80 9                         # Instructor menu
click 120 30                       # Author scenario...
sleep 1
click 840 760                      # Save
sleep 1
cp "$out"/data/fluorosim/scenarios/*.yaml "$out/first.yaml" || true
# The target zone's circle on the preview (first-run layout at 1600x1000).
xdotool mousemove 707 367 mousedown 1
sleep 0.3
i=0
while [ $i -lt 8 ]; do xdotool mousemove_relative 5 0; sleep 0.1; i=$((i + 1)); done
xdotool mouseup 1
sleep 0.5
click 840 760                      # Save again
sleep 1
xdotool key F12
sleep 2
xdotool key ctrl+q
wait $pid
