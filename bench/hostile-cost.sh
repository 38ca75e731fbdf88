#!/usr/bin/env bash
# Cost of each request kind of the soak (bench/soak.sh), one kind at a time: the gateway's CPU time (/proc utime + stime) and the
# bytes it allocates (dotnet-counters' dotnet.gc.heap.total_allocated) per request, over N sequential requests on a warm gateway.
# CPU includes the counters session's own overhead (a few ms per request on a busy machine); allocation does not depend on load.
# Usage: bash bench/hostile-cost.sh [requests-per-kind]     (needs dotnet-counters: dotnet tool install -g dotnet-counters)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}
export PATH="$PATH:$HOME/.dotnet/tools" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v dotnet-counters >/dev/null || { echo "dotnet-counters is needed (dotnet tool install -g dotnet-counters)"; exit 2; }
host=127.0.0.1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
gw=$(free_port); sim=$(free_port)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[[ "${NO_BUILD:-0}" == 1 ]] || dotnet build src/RunsGateway -c Release -nologo -clp:ErrorsOnly >/dev/null
ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true Demo__Port=$sim Logging__Json=false \
  dotnet src/RunsGateway/bin/Release/net10.0/RunsGateway.dll --urls http://$host:$gw >"$work/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 1 150); do curl -sf http://$host:$gw/healthz >/dev/null && break; sleep 0.2; done
runs=$(curl -sf "http://$host:$sim/_simulator/runs?vendor=ccextractor")
neeto=$(curl -sf "http://$host:$sim/_simulator/runs?vendor=neetoplaydash&status=failed" | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; print(r["project"], r["runId"])')
python3 - "$runs" "$neeto" "$work" <<'PY'
import base64, json, sys
runs = json.loads(sys.argv[1]); project, run = sys.argv[2].split(); work = sys.argv[3]
def save(name, query, variables=None):
    json.dump({"query": query, "variables": variables}, open(f"{work}/{name}.json", "w"))
finished = [r for r in runs if r["status"] in ("pass", "fail")][:10]
save("normal", "query($refs: [RunRef!]!) { runs(refs: $refs) { id runId rawStatus summary { total failed isFinal } } }",
     {"refs": [{"vendor": "CCEXTRACTOR", "runId": r["runId"]} for r in finished]})
ids = [r["runId"] for r in runs][:300]
save("fanout", "{" + " ".join(f"a{a}: runs(refs: [" + ", ".join(f'{{vendor: CCEXTRACTOR, runId: "{i}"}}' for i in ids[a*60:(a+1)*60]) + "]) { runId }" for a in range(5)) + "}")
save("many", "{" + " ".join(f'r{n}: run(vendor: CCEXTRACTOR, runId: "{ids[n % len(ids)]}") {{ runId }}' for n in range(1000)) + "}")
save("amplify", '{ run(vendor: NEETOPLAYDASH, project: "%s", runId: "%s") { %s } }' % (project, run, " ".join(f"t{i}: tests {{ id name status message }}" for i in range(150))))
save("amplify-without-id", '{ run(vendor: NEETOPLAYDASH, project: "%s", runId: "%s") { %s } }' % (project, run, " ".join(f"t{i}: tests {{ name status message }}" for i in range(150))))
cursor = base64.urlsafe_b64encode(b"spec:5037").decode().rstrip("=")
save("cursor", '{ run(vendor: NEETOPLAYDASH, project: "%s", runId: "%s") { specs(first: 3, testStatus: FAILED, after: "%s") { totalCount } } }' % (project, run, cursor))
PY
kinds="normal fanout many amplify amplify-without-id cursor"
post() { curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' --data @"$work/$1.json" http://$host:$gw/graphql; }
for kind in $kinds; do post "$kind" >/dev/null; post "$kind" >/dev/null; done # warm: JIT, caches
dotnet-counters collect -p $gateway --refresh-interval 1 --format csv -o "$work/counters.csv" --counters System.Runtime >/dev/null 2>&1 &
pids+=($!)
sleep 4
cpu() { awk '{ print $14 + $15 }' /proc/$gateway/stat; }
hz=$(getconf CLK_TCK)
echo "$n requests per kind, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in $kinds; do
  start=$(date +%s); c0=$(cpu)
  for _ in $(seq 1 "$n"); do echo "$(post "$kind")" >>"$work/status-$kind.txt"; done
  c1=$(cpu)
  sleep 2; end=$(date +%s)
  echo "$kind $start $end $(( (c1 - c0) * 1000 / hz / n )) $(sort "$work/status-$kind.txt" | uniq -c | awk '{ printf "%s×%s", $2, $1 }')" >>"$work/windows.txt"
  sleep 2
done
sleep 1
python3 - "$work/counters.csv" "$work/windows.txt" "$n" <<'PY'
import csv, datetime, sys
n = int(sys.argv[3])
samples = []
for row in list(csv.reader(open(sys.argv[1])))[1:]:
    if len(row) == 5 and row[2].startswith("dotnet.gc.heap.total_allocated"):
        samples.append((datetime.datetime.strptime(row[0], "%m/%d/%Y %H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp(), float(row[4])))
print(f"{'kind':20} {'statuses':10} {'CPU ms/request':>15} {'allocated MB/request':>21}")
for line in open(sys.argv[2]):
    kind, start, end, cpu, statuses = line.split()
    allocated = sum(v for t, v in samples if int(start) < t <= int(end) + 1)
    print(f"{kind:20} {statuses:10} {cpu:>15} {allocated / n / 1e6:>21.2f}")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
