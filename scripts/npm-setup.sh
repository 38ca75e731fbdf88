#!/usr/bin/env bash
# Installs the npm packages the repository needs, quietly and idempotently:
#   1. Banana Cake Pop (src/RunsGateway.GraphQL.AspNetCore/ide, pinned by its package-lock.json); its built
#      static files, LICENSE included, are copied to src/RunsGateway.GraphQL.AspNetCore/wwwroot/ide/, which the
#      transport project embeds and serves on the GraphQL path.
#   2. The GraphQL oracles (graphql-js, graphql-http audits): tools/graphql-oracles, pinned by its package-lock.json,
#      installed in place (node_modules is not committed).
#   3. The reference streaming clients (graphql-ws, graphql-sse): tools/subscription-clients, which the subscription
#      transport tests drive, installed in place the same way.
# Usage: scripts/npm-setup.sh [--ide-only | --oracles-only]
# Without npm it prints how to install Node.js and exits 0, so a build without npm still succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

do_ide=1
do_oracles=1
case "${1:-}" in
  --ide-only) do_oracles=0 ;;
  --oracles-only) do_ide=0 ;;
  "") ;;
  *) echo "usage: $0 [--ide-only | --oracles-only]" >&2; exit 2 ;;
esac

if ! command -v npm >/dev/null 2>&1; then
  echo "npm-setup: npm not found; install Node.js 20+ and npm (e.g. apt-get install nodejs npm), then run scripts/npm-setup.sh" >&2
  exit 0
fi

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false npm_config_loglevel=error

mkdir -p "$root/.tools"
# One run at a time: the build's MSBuild target and scripts/test.sh may both call this script.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$root/.tools/npm-setup.lock"
  flock 9
fi

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# Runs `npm ci` in $1 unless its lock file is unchanged since the last successful install.
npm_ci() {
  local dir=$1 stamp="$1/node_modules/.npm-setup-stamp" want log
  want=$(hash_of "$dir/package-lock.json")
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log=$(mktemp)
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    echo "npm-setup: npm ci failed in $dir:" >&2
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo "$want" >"$stamp"
}

if [ "$do_ide" = 1 ]; then
  ide="$root/src/RunsGateway.GraphQL.AspNetCore/ide"
  pkg="$ide/node_modules/@chillicream/bananacakepop-graphql-ide"
  out="$root/src/RunsGateway.GraphQL.AspNetCore/wwwroot/ide"
  npm_ci "$ide"
  want=$(hash_of "$ide/package-lock.json")
  if [ ! -f "$out/.npm-setup-stamp" ] || [ "$(cat "$out/.npm-setup-stamp")" != "$want" ] || [ ! -f "$out/index.html" ]; then
    rm -rf "$out.tmp"
    mkdir -p "$out.tmp"
    # The package's index.*js entry points only export the folder path for Node; the browser needs the rest.
    (cd "$pkg" && find . -type f ! -name 'index.cjs' ! -name 'index.mjs' ! -name 'index.d.*' ! -name 'package.json' -print0 |
      xargs -0 cp --parents -t "$out.tmp")
    test -f "$out.tmp/LICENSE" || { echo "npm-setup: the IDE package has no LICENSE file" >&2; exit 1; }
    echo "$want" >"$out.tmp/.npm-setup-stamp"
    rm -rf "$out"
    mv "$out.tmp" "$out"
    echo "npm-setup: Banana Cake Pop $(node -p "require('$pkg/package.json').version" 2>/dev/null || echo '') copied to ${out#"$root"/}"
  fi
fi

if [ "$do_oracles" = 1 ]; then
  npm_ci "$root/tools/graphql-oracles"
  npm_ci "$root/tools/subscription-clients"
fi
