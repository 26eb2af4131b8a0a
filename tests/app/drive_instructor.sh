#!/bin/sh
# Unlocks instructor mode the way an instructor does (xdotool, XTEST, under a virtual display):
# click "Instructor..." at the right end of the status bar, type a wrong PIN and Enter
# (snapshot 1: the prompt stays), then the default PIN 0000 and Enter (snapshot 2: the
# Instructor window is open), then quit.
# usage (inside xvfb-run): drive_instructor.sh FLUOROSIM OUTDIR [app options...]
set -eu
. "$(dirname "$0")/window_driver.sh"
exe=$1
out=$2
shift 2
mkdir -p "$out"
"$exe" --no-persist --size 1600x1000 --snapshot-dir "$out" "$@" >"$out/app.log" 2>&1 &
pid=$!
focus_window
sleep 1
# The status bar is the bottom 23 px; the button ends 8 px from the right edge.
xdotool mousemove 1560 988 mousedown 1
sleep 0.3
xdotool mouseup 1
sleep 1
# Return held for 0.3 s: ImGui 1.86 polls key state once per frame, and a tap shorter than one
# llvmpipe frame (up to 150 ms here) would go unseen by the text field.
enter() { xdotool keydown Return; sleep 0.3; xdotool keyup Return; }
xdotool type --delay 80 1111
enter
sleep 1
snap
xdotool type --delay 80 0000
enter
sleep 1
snap
xdotool key ctrl+q
wait $pid
