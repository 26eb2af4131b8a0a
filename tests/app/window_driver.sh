# Shared by the drive_*.sh scripts (sourced, not run): wait for the FluoroSim window and focus
# it, and take F12 snapshots into $out, waiting until each file is there.
focus_window() {
  win=""
  while [ -z "$win" ]; do sleep 0.5; win=$(xdotool search --name "FluoroSim" 2>/dev/null | head -n 1 || true); done
  xdotool windowfocus "$win"
}
count() { ls "$out"/snapshot-*.png 2>/dev/null | wc -l; }
snap() {
  before=$(count)
  xdotool key F12
  i=0
  while [ "$(count)" -le "$before" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
