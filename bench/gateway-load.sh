#!/usr/bin/env bash
# Load test: requests/s and p50/p99 latency of the gateway for a warm query of 1, 10 and 50 finished CCExtractor runs with
# summaries, with the in-process cache only and with Redis as the shared tier, each next to bare Kestrel returning the same
# JSON bytes, measured back to back in the same run with the same wrk settings. The load average is printed beside every row.
# Usage: bash bench/gateway-load.sh [duration-seconds] [connections] [modes] [run-counts]
#   e.g. bash bench/gateway-load.sh 10 32 "memory redis" "1 10 50"     (NO_BUILD=1 skips the Release build)
# Each server first gets an unmeasured wrk run of WARMUP seconds (default 5, the same for both) with the measured request, so
# that both are compared in their steady state: without it the gateway's tiered JIT (much more code than bare Kestrel's) was
# still compiling during the measured seconds, 13 % of its CPU in a profile of the 10-run cell.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
warmup=${WARMUP:-5}
connections=${2:-32}
modes=${3:-memory redis}
counts=${4:-1 10 50}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
[[ " $modes " != *" redis "* ]] || command -v redis-server >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq redis-server >/dev/null; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [[ "${NO_BUILD:-0}" != 1 ]]; then
  for project in src/RunsGateway bench/RunsGateway.BareKestrel; do dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >/dev/null; done
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 150); do curl -sf "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "not ready: $*" >&2; return 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

wrk_run() { # url -> "rps p50 p99 errors"
  (( warmup == 0 )) || wrk -t1 -c"$connections" -d"${warmup}s" -s "$work/post.lua" "$1" >/dev/null
  wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "$1" >"$work/wrk.txt"
  local rps p50 p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  errs=$(grep -E 'Non-2xx|Socket errors' "$work/wrk.txt" | tr -s ' ' | tr '\n' ';' || true)
  echo "$rps $p50 $p99 ${errs:-none}"
}

echo "wrk -t1 -c$connections -d${duration}s per cell after ${warmup}s unmeasured, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "| cache | runs | response bytes | gateway req/s | bare Kestrel req/s | ratio | gateway p50 / p99 | bare p50 / p99 | errors | load average (before → after) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |"
for mode in $modes; do
  gw=$(free_port); sim=$(free_port); extra=()
  if [[ $mode == redis ]]; then
    rport=$(free_port)
    redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 50); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.1; done
    extra=(ConnectionStrings__Redis="127.0.0.1:$rport")
  fi
  env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Demo__Enabled=true Demo__Port="$sim" "${extra[@]}" \
    dotnet src/RunsGateway/bin/Release/net10.0/RunsGateway.dll --urls "http://127.0.0.1:$gw" >"$work/gateway-$mode.log" 2>&1 &
  gateway_pid=$!
  pids+=($gateway_pid)
  wait_for "http://127.0.0.1:$gw/healthz"
  wait_for "http://127.0.0.1:$sim/_simulator/runs?vendor=ccextractor"

  for n in $counts; do
    ids=$(curl -sf "http://127.0.0.1:$sim/_simulator/runs?vendor=ccextractor&status=pass" | python3 -c "import json,sys; print(json.dumps([{'vendor':'CCEXTRACTOR','runId':r['runId']} for r in json.load(sys.stdin)[:$n]]))")
    python3 - "$ids" >"$work/body.json" <<'PY'
import json, sys
query = "query($refs: [RunRef!]!) { runs(refs: $refs) { id runId rawStatus result completedAt summary { total passed failed missingOutput isFinal } } }"
print(json.dumps({"query": query, "variables": {"refs": json.loads(sys.argv[1])}}))
PY
    cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = io.open("$work/body.json"):read("*a")
LUA
    # Warm the cache, then keep the warm answer as the baseline's body.
    curl -sf -X POST -H 'content-type: application/json' --data @"$work/body.json" "http://127.0.0.1:$gw/graphql" >/dev/null
    curl -sf -X POST -H 'content-type: application/json' --data @"$work/body.json" "http://127.0.0.1:$gw/graphql" >"$work/response.json"
    if ! grep -q '"isFinal":true' "$work/response.json" || grep -q '"errors"' "$work/response.json"; then
      echo "the warm response is not a cached finished run set:"; cat "$work/response.json"; exit 1
    fi
    [[ $mode != redis ]] || [[ $(redis-cli -p "$rport" dbsize) -ge $((2 * n)) ]] || { echo "Redis holds fewer than $((2 * n)) keys"; exit 1; }

    bare=$(free_port)
    dotnet bench/RunsGateway.BareKestrel/bin/Release/net10.0/RunsGateway.BareKestrel.dll --urls "http://127.0.0.1:$bare" --body "$work/response.json" >"$work/bare.log" 2>&1 &
    bare_pid=$!
    wait_for -X POST "http://127.0.0.1:$bare/graphql"

    before=$(loadavg)
    read -r g_rps g_p50 g_p99 g_err < <(wrk_run "http://127.0.0.1:$gw/graphql")
    read -r b_rps b_p50 b_p99 b_err < <(wrk_run "http://127.0.0.1:$bare/graphql")
    after=$(loadavg)
    kill "$bare_pid" 2>/dev/null || true; wait "$bare_pid" 2>/dev/null || true
    ratio=$(python3 -c "print(f'{$g_rps / $b_rps:.2f}')")
    errors="gateway: $g_err bare: $b_err"
    [[ $g_err == none && $b_err == none ]] && errors=none
    printf '| %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s | %s → %s |\n' \
      "$mode" "$n" "$(wc -c <"$work/response.json")" "$g_rps" "$b_rps" "$ratio" "$g_p50" "$g_p99" "$b_p50" "$b_p99" "$errors" "$before" "$after"
  done
  kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true
done
