#!/bin/sh
# Usage: npm_ci.sh WEB_DIR NPM
# Installs the page's npm packages with `npm ci` unless node_modules is
# newer than package-lock.json. flock keeps two build trees from installing
# into the same node_modules at once.
set -eu
cd "$1"
exec flock .npm-ci.lock sh -c \
  '[ node_modules/.package-lock.json -nt package-lock.json ] || "$0" ci --no-audit --no-fund' "$2"
