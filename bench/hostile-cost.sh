#!/usr/bin/env bash
# Cost of each request kind of the soak (bench/soak.sh), one kind at a time: the gateway's CPU time (/proc utime + stime) and the
# bytes it allocates (dotnet-counters' dotnet.gc.heap.total_allocated) per request, over N sequential requests on a warm gateway.
# CPU includes the counters session's own overhead (a few ms per request on a busy machine); allocation does not depend on load.
# Usage: bash bench/hostile-cost.sh [requests-per-kind]     (needs dotnet-counters: dotnet tool install -g dotnet-counters)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-counters >/dev/null || { echo "dotnet-counters is needed (dotnet tool install -g dotnet-counters)"; exit 2; }
source bench/soak-gateway.sh
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
