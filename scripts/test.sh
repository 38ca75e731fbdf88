#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need
# (redis-server, chromium, the IDE and oracle npm packages), builds with warnings as errors,
# runs all test projects and prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server redis-tools)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "==> installing ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq >/dev/null
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "warning: cannot install ${need_apt[*]} (not root, no sudo); the tests that need them will fail" >&2
  fi
fi

# npm packages: the GraphQL oracles (tools/graphql-oracles) and the IDE.
if [ -f scripts/npm-setup.sh ]; then bash scripts/npm-setup.sh; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
echo "==> build"
dotnet build RunsGateway.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

echo "==> test"
log=$(mktemp)
set +e
dotnet test RunsGateway.sln -c Release --no-build -nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
