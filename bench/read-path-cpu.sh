#!/usr/bin/env bash
# The gateway's CPU per warm request of N cached finished CCExtractor runs with summaries (the query of gateway-load.sh), from
# /proc/<pid>/stat (utime + stime) around a wrk run after a warm-up long enough for tiered compilation; with PERF_RECORD=FILE the
# measured seconds are also sampled with `perf record -g` (perf maps on), for `perf report -i FILE --no-children --sort dso,sym`.
# Usage: bash bench/read-path-cpu.sh [runs] [seconds]      (NO_BUILD=1 skips the Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
seconds=${2:-12}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
[[ "${NO_BUILD:-0}" == 1 ]] || dotnet build src/RunsGateway -c Release -nologo -clp:ErrorsOnly >/dev/null
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 150); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "not ready: $1" >&2; return 1; }
gw=$(free_port); sim=$(free_port)
perf_env=()
[[ -z "${PERF_RECORD:-}" ]] || perf_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
env "${perf_env[@]}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Demo__Enabled=true Demo__Port="$sim" \
  dotnet src/RunsGateway/bin/Release/net10.0/RunsGateway.dll --urls "http://127.0.0.1:$gw" >"$work/gateway.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
wait_for "http://127.0.0.1:$gw/healthz"
wait_for "http://127.0.0.1:$sim/_simulator/runs?vendor=ccextractor"
curl -sf "http://127.0.0.1:$sim/_simulator/runs?vendor=ccextractor&status=pass" | python3 -c "
import json, sys
refs = [{'vendor': 'CCEXTRACTOR', 'runId': r['runId']} for r in json.load(sys.stdin)[:$runs]]
query = 'query(\$refs: [RunRef!]!) { runs(refs: \$refs) { id runId rawStatus result completedAt summary { total passed failed missingOutput isFinal } } }'
print(json.dumps({'query': query, 'variables': {'refs': refs}}))" >"$work/body.json"
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = io.open("%s"):read("*a")\n' "$work/body.json" >"$work/post.lua"
url="http://127.0.0.1:$gw/graphql"
curl -sf -X POST -H 'content-type: application/json' --data @"$work/body.json" "$url" >/dev/null
wrk -t1 -c32 -d10s -s "$work/post.lua" "$url" >/dev/null   # warm-up: caches and tiered JIT
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu)
wrk -t1 -c32 -d"${seconds}s" -s "$work/post.lua" "$url" >"$work/wrk.txt" &
load=$!
[[ -z "${PERF_RECORD:-}" ]] || perf record -F 999 -g -p "$pid" -o "$PERF_RECORD" -- sleep $((seconds - 2)) >/dev/null 2>&1
wait "$load"
after=$(cpu)
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
echo "runs $runs: $requests requests, $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") req/s, gateway CPU $(python3 -c "print(round(($after - $before) * 1e6 / $(getconf CLK_TCK) / $requests, 1))") µs per request; load average $(cut -d' ' -f1-3 /proc/loadavg)"
