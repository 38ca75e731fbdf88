#!/usr/bin/env bash
# Load test: requests/s and p50/p99 latency of the gateway for a query of 10 cached, finished CCExtractor runs with summaries,
# next to bare Kestrel returning the same JSON bytes, measured in the same run with wrk.
# Usage: bash bench/gateway-load.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for project in src/RunsGateway bench/RunsGateway.BareKestrel; do dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >/dev/null; done
gw=5300; sim=5399; bare=5301
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Demo__Port=$sim \
  dotnet src/RunsGateway/bin/Release/net10.0/RunsGateway.dll --urls http://127.0.0.1:$gw >"$work/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$gw/healthz >/dev/null && break; sleep 0.2; done

ids=$(curl -sf "http://127.0.0.1:$sim/_simulator/runs?vendor=ccextractor&status=pass" | python3 -c 'import json,sys; print(json.dumps([{"vendor":"CCEXTRACTOR","runId":r["runId"]} for r in json.load(sys.stdin)[:10]]))')
python3 - "$ids" >"$work/body.json" <<'PY'
import json, sys
refs = json.loads(sys.argv[1])
query = "query($refs: [RunRef!]!) { runs(refs: $refs) { id runId rawStatus result completedAt summary { total passed failed missingOutput isFinal } } }"
print(json.dumps({"query": query, "variables": {"refs": refs}}))
PY
# Warm the cache, then keep the warm answer as the baseline's body.
curl -sf -X POST -H 'content-type: application/json' --data @"$work/body.json" http://127.0.0.1:$gw/graphql >/dev/null
curl -sf -X POST -H 'content-type: application/json' --data @"$work/body.json" http://127.0.0.1:$gw/graphql >"$work/response.json"
grep -q '"isFinal":true' "$work/response.json" || { echo "the warm response is not a cached finished run set:"; cat "$work/response.json"; exit 1; }

dotnet bench/RunsGateway.BareKestrel/bin/Release/net10.0/RunsGateway.BareKestrel.dll --urls http://127.0.0.1:$bare --body "$work/response.json" >"$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf -X POST http://127.0.0.1:$bare/graphql >/dev/null && break; sleep 0.2; done

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = io.open("$work/body.json"):read("*a")
LUA

run() { # name url
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "$2" >"$work/$1.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.txt")
  errs=$(grep -E 'Non-2xx|Socket errors' "$work/$1.txt" || true)
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${errs:-none}"
}
echo "wrk -t2 -c$connections -d${duration}s, response $(wc -c <"$work/response.json") bytes, $(nproc) cores"
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "| --- | --- | --- | --- | --- |"
run gateway "http://127.0.0.1:$gw/graphql"
run bare-kestrel "http://127.0.0.1:$bare/graphql"
