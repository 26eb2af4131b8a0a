#!/bin/sh
# Sits a two-scenario exam in the real window (xdotool through XTEST, under a virtual display):
# wait for scenario 1, advance the needle, Finish, snapshot (scenario 2, no score shown),
# Finish again, snapshot (the final report window), quit.
# usage (inside xvfb-run): drive_exam.sh FLUOROSIM OUTDIR EXAMFILE
set -eu
. "$(dirname "$0")/window_driver.sh"
exe=$1
out=$2
exam=$3
mkdir -p "$out"
XDG_DATA_HOME="$out/data" "$exe" --no-persist --size 1600x1000 --snapshot-dir "$out" --exam "$exam" --trainee "Test Trainee" \
  >"$out/app.log" 2>&1 &
pid=$!
focus_window
# The first-run layout at 1600x1000 puts the Exam panel's Finish button here.
finish() { xdotool mousemove 1244 884 mousedown 1; sleep 0.3; xdotool mouseup 1; }
wait_for() { i=0; while ! grep -q "$1" "$out/app.log" && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done; }
sleep 8  # the standard patient loads from disk in a few seconds
i=0
while [ $i -lt 6 ]; do xdotool key --delay 80 shift+w; i=$((i + 1)); done
sleep 1
snap
finish
sleep 8
snap
finish
wait_for "exam report written"
sleep 1
snap
xdotool key ctrl+q
wait $pid
