#!/usr/bin/env bash
# Cost of each request kind of the soak (bench/soak.sh), one kind at a time, on a warm gateway:
#   1. CPU: N sequential requests of the kind on one keep-alive connection, the gateway's CPU time (/proc utime + stime) around
#      them, with nothing else attached to the process (usable on a loaded machine: CPU time, not wall time);
#   2. allocation and exceptions thrown: the same again with a dotnet-counters session attached (dotnet.gc.heap.total_allocated,
#      dotnet.exceptions; the session's own CPU is not in column 1). Both are independent of machine load.
# In demo mode the vendor simulator runs inside the gateway, so column 1 includes the simulator's work for every uncached call;
# SIMULATOR=process runs it as its own process and adds its CPU as a column.
# Usage: bash bench/hostile-cost.sh [requests-per-kind]     (allocation needs dotnet-counters: dotnet tool install -g dotnet-counters)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
(( n >= 1 && n <= 1000 )) || { echo "requests-per-kind must be between 1 and 1000"; exit 2; }
export PATH="$PATH:$HOME/.dotnet/tools"
source bench/soak-gateway.sh
kinds="normal fanout many amplify amplify-without-id cursor"
cpu() { awk '{ print $14 + $15 }' /proc/$1/stat; } # utime + stime, clock ticks
hz=$(getconf CLK_TCK)
# Sends N requests of one kind on one keep-alive connection (the cursor kind walks its list of cursors) and prints the statuses.
cat >"$work/send.py" <<'PY'
import collections, http.client, sys
host, port, work, kind, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
bodies = [l.encode() for l in open(f"{work}/cursors.txt")] if kind == "cursor" else [open(f"{work}/{kind}.json", "rb").read()]
conn, seen = http.client.HTTPConnection(host, port, timeout=60), collections.Counter()
for i in range(n):
    conn.request("POST", "/graphql", bodies[i % len(bodies)], {"Content-Type": "application/json"})
    response = conn.getresponse(); response.read(); seen[response.status] += 1
print(" ".join(f"{s}×{c}" for s, c in sorted(seen.items())))
PY
send() { python3 "$work/send.py" $host $gw "$work" "$1" "$2"; }
# Warm: caches, and enough calls of every kind that tiered compilation has recompiled the hot methods (it does so in the
# background after 30 calls of a method), then a pause for the background compilations to finish.
for _ in 1 2; do for kind in $kinds; do send "$kind" 30 >/dev/null; done; sleep 3; done

echo "$n requests per kind, $(nproc) cores, simulator ${SIMULATOR:-demo (in the gateway)}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in $kinds; do
  g0=$(cpu $gateway); s0=${simulator:+$(cpu $simulator)}
  statuses=$(send "$kind" "$n")
  g1=$(cpu $gateway); s1=${simulator:+$(cpu $simulator)}
  echo "$kind $statuses $(awk -v d=$(( g1 - g0 )) -v hz=$hz -v n=$n 'BEGIN { printf "%.1f", d * 1000 / hz / n }') \
$([[ -n "$simulator" ]] && awk -v d=$(( s1 - s0 )) -v hz=$hz -v n=$n 'BEGIN { printf "%.1f", d * 1000 / hz / n }' || echo -)" >>"$work/cpu.txt"
done

if command -v dotnet-counters >/dev/null; then
  dotnet-counters collect -p $gateway --refresh-interval 1 --format csv -o "$work/counters.csv" --counters System.Runtime >/dev/null 2>&1 &
  pids+=($!)
  sleep 4
  for kind in $kinds; do
    start=$(date +%s)
    send "$kind" "$n" >/dev/null
    sleep 2; end=$(date +%s)
    echo "$kind $start $end" >>"$work/windows.txt"
    sleep 2
  done
  sleep 1
else
  echo "(dotnet-counters not found: no allocation column)"
  touch "$work/counters.csv" "$work/windows.txt"
fi
python3 - "$work/counters.csv" "$work/windows.txt" "$work/cpu.txt" "$n" <<'PY'
import csv, datetime, sys
n = int(sys.argv[4])
samples, exceptions = [], []
for row in list(csv.reader(open(sys.argv[1])))[1:]:
    if len(row) == 5 and row[2].startswith(("dotnet.gc.heap.total_allocated", "dotnet.exceptions")):
        at = datetime.datetime.strptime(row[0], "%m/%d/%Y %H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
        (samples if row[2].startswith("dotnet.gc") else exceptions).append((at, float(row[4])))
windows = {kind: (int(start), int(end)) for kind, start, end in (line.split() for line in open(sys.argv[2]))}
print(f"{'kind':20} {'statuses':10} {'gateway CPU ms/request':>23} {'simulator CPU ms/request':>25} {'allocated MB/request':>21} {'exceptions/request':>19}")
for line in open(sys.argv[3]):
    kind, statuses, cpu, sim = line.split()
    if kind in windows:
        start, end = windows[kind]
        allocated = f"{sum(v for t, v in samples if start < t <= end + 1) / n / 1e6:.2f}"
        thrown = f"{sum(v for t, v in exceptions if start < t <= end + 1) / n:.0f}"
    else:
        allocated = thrown = "-"
    print(f"{kind:20} {statuses:10} {cpu:>23} {sim:>25} {allocated:>21} {thrown:>19}")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
