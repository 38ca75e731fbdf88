#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need
# (redis-server, chromium, the IDE and oracle npm packages), builds with warnings as errors,
# runs all test projects and prints one closing line "N passed, N failed, N skipped".
# It fails when the run wrote a snapshot (__snapshots__/) that is not committed: Snapshooter writes a missing snapshot and
# passes, so without this check a forgotten or deleted snapshot would pass unnoticed.
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

# Snapshot files on disk before the run; __mismatch__ folders are Snapshooter's output of the last failed comparison.
snapshot_files() {
  find src tests -path '*/__snapshots__/*' -type f ! -path '*/__mismatch__/*' ! -path '*/bin/*' ! -path '*/obj/*' 2>/dev/null | LC_ALL=C sort
}
find src tests -type d -name __mismatch__ -path '*/__snapshots__/*' -prune -exec rm -rf {} + 2>/dev/null || true
before=$(mktemp)
snapshot_files >"$before"

echo "==> test"
log=$(mktemp)
set +e
dotnet test RunsGateway.sln -c Release --no-build -nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"

# A snapshot written by this run (it was missing before), or one git does not have as committed, fails the run.
new_snapshots=$(snapshot_files | LC_ALL=C comm -13 "$before" -)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  uncommitted=$(git status --porcelain --untracked-files=all -- ':(glob)src/**/__snapshots__/**' ':(glob)tests/**/__snapshots__/**' |
    grep -v '/__mismatch__/' | cut -c4- || true)
  new_snapshots=$(printf '%s\n%s\n' "$new_snapshots" "$uncommitted" | grep -v '^$' | LC_ALL=C sort -u || true)
fi
rm -f "$before"
if [ -n "$new_snapshots" ]; then
  echo "snapshots written by this run or not committed (review them with git diff / git status, commit them, run again):" >&2
  printf '  %s\n' $new_snapshots >&2
  [ "$rc" -ne 0 ] || rc=1
fi
mismatches=$(find src tests -path '*/__snapshots__/__mismatch__/*' -type f 2>/dev/null | LC_ALL=C sort || true)
if [ -n "$mismatches" ]; then
  echo "snapshot mismatches (the actual output; compare with the snapshot one folder up, copy it over to accept):" >&2
  printf '  %s\n' $mismatches >&2
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
