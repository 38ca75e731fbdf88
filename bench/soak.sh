#!/usr/bin/env bash
# Soak: normal traffic's p99 alone, then beside a hostile mix (alias fan-out, output amplification, cursor sweeps, slow clients);
# counts 5xx answers and compares the gateway's RSS before, right after and a settle time after the hostile mix.
# Bounded: every phase has a fixed duration (at most 600 s each) and every hostile loop stops at its deadline; loopback only.
# Usage: bash bench/soak.sh [seconds-per-phase] [normal-connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
connections=${2:-8}
(( seconds >= 5 && seconds <= 600 )) || { echo "seconds-per-phase must be between 5 and 600"; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
host=127.0.0.1; gw=5310; sim=5319
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/RunsGateway -c Release -nologo -clp:ErrorsOnly >/dev/null
ASPNETCORE_ENVIRONMENT=Production Demo__Port=$sim Logging__Json=false \
  dotnet src/RunsGateway/bin/Release/net10.0/RunsGateway.dll --urls http://$host:$gw >"$work/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 1 150); do curl -sf http://$host:$gw/healthz >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ { print $2 }' /proc/$gateway/status; }

# Normal traffic: 10 cached finished CCExtractor runs with summaries (as bench/gateway-load.sh).
runs=$(curl -sf "http://$host:$sim/_simulator/runs?vendor=ccextractor")
python3 - "$runs" "$work" <<'PY'
import json, sys
runs = json.loads(sys.argv[1]); work = sys.argv[2]
finished = [r for r in runs if r["status"] in ("pass", "fail")][:10]
refs = [{"vendor": "CCEXTRACTOR", "runId": r["runId"]} for r in finished]
normal = "query($refs: [RunRef!]!) { runs(refs: $refs) { id runId rawStatus summary { total failed isFinal } } }"
json.dump({"query": normal, "variables": {"refs": refs}}, open(f"{work}/normal.json", "w"))
# Alias fan-out: 5 aliases x 100 refs (past MaxUpstreamCalls).
ids = [r["runId"] for r in runs][:300]
fan = "{" + " ".join(f"a{a}: runs(refs: [" + ", ".join(f'{{vendor: CCEXTRACTOR, runId: "{i}"}}' for i in ids[a*60:(a+1)*60]) + "]) { runId }" for a in range(5)) + "}"
json.dump({"query": fan}, open(f"{work}/fanout.json", "w"))
# 1,000 aliased run fields.
many = "{" + " ".join(f'r{n}: run(vendor: CCEXTRACTOR, runId: "{ids[n % len(ids)]}") {{ runId }}' for n in range(1000)) + "}"
json.dump({"query": many}, open(f"{work}/many.json", "w"))
PY
neeto=$(curl -sf "http://$host:$sim/_simulator/runs?vendor=neetoplaydash&status=failed" | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; print(r["project"], r["runId"])')
read -r project runid <<<"$neeto"
python3 - "$project" "$runid" "$work" <<'PY'
import json, sys, base64
project, run, work = sys.argv[1:4]
amp = "{ run(vendor: NEETOPLAYDASH, project: \"%s\", runId: \"%s\") { %s } }" % (project, run, " ".join(f"t{i}: tests {{ id name status message }}" for i in range(150)))
json.dump({"query": amp}, open(f"{work}/amplify.json", "w"))
with open(f"{work}/cursors.txt", "w") as out:
    for i in range(200):
        cursor = base64.urlsafe_b64encode(f"spec:{5000 + i * 37}".encode()).decode().rstrip("=")
        q = "{ run(vendor: NEETOPLAYDASH, project: \"%s\", runId: \"%s\") { specs(first: 3, testStatus: FAILED, after: \"%s\") { totalCount } } }" % (project, run, cursor)
        out.write(json.dumps({"query": q}) + "\n")
PY
curl -sf -X POST -H 'content-type: application/json' --data @"$work/normal.json" http://$host:$gw/graphql >/dev/null
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/normal.json"); wrk.body = f:read("*a"); f:close()
LUA
normal() { wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://$host:$gw/graphql" >"$1"; }
p99() { awk '/ 99%/ { print $2 }' "$1"; }
non2xx() { awk '/Non-2xx/ { print $5 }' "$1"; }

rss_start=$(rss)
echo "phase 1: normal traffic alone for ${seconds}s ($connections connections)"
normal "$work/alone.txt"

hostile() {
  local name=$1 deadline=$2; shift 2
  local count=0
  while (( $(date +%s) < deadline && count < 100000 )); do
    "$@" >>"$work/status-$name.txt" 2>/dev/null || echo 000 >>"$work/status-$name.txt"
    count=$((count + 1))
  done
}
post() { curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST -H 'content-type: application/json' --data @"$1" http://$host:$gw/graphql; }
cursor_sweep() { local line; line=$(shuf -n1 "$work/cursors.txt"); curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST -H 'content-type: application/json' --data "$line" http://$host:$gw/graphql; }
slow_client() {
  # A body trickled one byte every 2 s, then the client gives up (Kestrel's minimum data rate should drop it first).
  python3 - "$host" "$gw" <<'PY'
import socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=20)
s.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
try:
    for _ in range(8):
        s.send(b" "); time.sleep(2)
    data = s.recv(200).decode("latin-1")
except OSError:
    data = ""
print(data[9:12] if data.startswith("HTTP/1.1") else "closed")
PY
}
echo "phase 2: normal traffic beside the hostile mix for ${seconds}s"
deadline=$(( $(date +%s) + seconds ))
hostile fanout $deadline post "$work/fanout.json" & pids+=($!)
hostile many $deadline post "$work/many.json" & pids+=($!)
hostile amplify $deadline post "$work/amplify.json" & pids+=($!)
hostile cursors $deadline cursor_sweep & pids+=($!)
hostile slow $deadline slow_client & pids+=($!)
normal "$work/beside.txt"
wait "${pids[@]:1}" 2>/dev/null || true
rss_after=$(rss)
echo "settling for 30 s"
sleep 30
rss_settled=$(rss)

echo
echo "normal traffic p99: alone $(p99 "$work/alone.txt"), beside the hostile mix $(p99 "$work/beside.txt")"
echo "normal traffic non-2xx: alone $(non2xx "$work/alone.txt"), beside $(non2xx "$work/beside.txt") (empty means none)"
for name in fanout many amplify cursors slow; do
  f="$work/status-$name.txt"; [[ -f $f ]] || continue
  echo "hostile $name: $(wc -l <"$f") requests, statuses: $(sort "$f" | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')"
done
fives=$(cat "$work"/status-*.txt 2>/dev/null | grep -c '^5' || true)
echo "5xx answers to hostile requests: $fives"
echo "gateway RSS: start ${rss_start} kB, after the mix ${rss_after} kB, 30 s later ${rss_settled} kB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -c '"LogLevel": *"Error"\|fail:' "$work/gateway.log" | sed 's/^/gateway error log lines: /' || true
