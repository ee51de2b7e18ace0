#!/usr/bin/env bash
# Install the Debian packages that a build step needs, and only those missing.
#
# Usage: scripts/install-deps.sh GROUP...
#   build    compiler, CMake and the C++ libraries for the native tool and tests
#   goldens  python3-torch, used only to regenerate the committed PyTorch goldens
#   web      Emscripten, which compiles core to WebAssembly for the browser page
#   browser  Chromium, which the browser tests drive headless
#
# The script is idempotent: it prints what is already present, installs the
# rest with apt-get and says which packages it installs. A non-root user gets
# the exact command to run instead.
set -euo pipefail

packages_for_group() {
  case "$1" in
    build)
      echo cmake make g++ pkg-config ninja-build \
        libcli11-dev libfmt-dev libcairo2-dev libtomlplusplus-dev fonts-dejavu-core \
        googletest libgtest-dev libgmock-dev libbenchmark-dev libopenmpi-dev openmpi-bin \
        libpango1.0-dev libgif-dev fonts-noto-cjk
      ;;
    goldens)
      echo python3 python3-torch python3-numpy
      ;;
    web)
      # Debian's emscripten needs acorn from node-acorn (NODE_PATH is set by
      # the build). The page's npm packages come from web/package-lock.json.
      echo emscripten node-acorn
      ;;
    browser)
      echo chromium
      ;;
    *)
      echo "install-deps: unknown group '$1'; valid groups are: build, goldens, web, browser" >&2
      exit 2
      ;;
  esac
}

if [[ $# -eq 0 ]]; then
  set -- build
fi

wanted=()
for group in "$@"; do
  read -r -a group_packages <<<"$(packages_for_group "$group")"
  wanted+=("${group_packages[@]}")
done

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all Debian packages for '$*' are installed"
  exit 0
fi

echo "install-deps: installing missing Debian packages: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: installing packages needs root; run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# A fresh image has no package lists, so refresh them before the first install.
if ! compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
  echo "install-deps: no package lists yet; running apt-get update"
  apt-get update
fi
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
  echo "install-deps: the first install attempt failed; refreshing package lists and retrying"
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
echo "install-deps: installed ${missing[*]}"
