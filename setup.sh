#!/usr/bin/env bash
# FluoroSim set-up on Debian 12: installs what is missing, builds a Release build, then
#   ./setup.sh run [fluorosim options]   starts the simulator on the default scenario
#   ./setup.sh test                      runs the whole test suite through CTest
#   ./setup.sh build                     only installs and builds
# Safe to re-run: packages already present are not reinstalled, the build is incremental.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake pkg-config git
  libepoxy-dev libglfw3-dev libglm-dev libimgui-dev libstb-dev libassimp-dev
  libgtest-dev libxrl-dev libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev
  libegl-dev libegl-mesa0 libgl1-mesa-dri xvfb xauth xdotool
  plastimatch
)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

build() {
  cmake --preset release >/dev/null
  cmake --build --preset release -j"$(nproc)"
}

mode="${1:-run}"
[ $# -gt 0 ] && shift
case "$mode" in
  build) install_missing; build ;;
  run)
    install_missing; build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec ./build/release/fluorosim "$@"
    fi
    mkdir -p out
    ./build/release/fluorosim render --out out/default-scenario.png
    cat <<MSG
setup: no display here (DISPLAY is unset), so the window cannot open.
  Rendered the default scenario headless instead: out/default-scenario.png
  Headless:        ./build/release/fluorosim render --lao 25 --out out/oblique.png
  Virtual display: xvfb-run -a -s "-screen 0 1600x1000x24" ./build/release/fluorosim --screenshot out/window.png --frames 5
MSG
    ;;
  test)
    install_missing; build
    ctest --preset release -j"$(nproc)" "$@"
    ;;
  *) echo "usage: ./setup.sh [run|test|build] [options]" >&2; exit 2 ;;
esac
