#!/usr/bin/env bash
# Soak: normal traffic's p99 alone, then beside a hostile mix (alias fan-out, output amplification, cursor sweeps, slow clients),
# then alone again while memory settles; counts non-2xx and 5xx answers and compares the gateway's RSS before the mix (a warm process
# under normal traffic) with its RSS after the settle phase. Prints the load average beside every phase.
# Bounded: every phase has a fixed duration (at most 600 s each) and every hostile loop stops at its deadline; loopback only.
# Usage: bash bench/soak.sh [seconds-per-phase] [normal-connections] [settle-seconds] [hostile-requests-per-second-per-kind]
#   e.g. bash bench/soak.sh 300 8 60 4   (NO_BUILD=1 skips the Release build; extra environment, e.g. DOTNET_gcServer=1, reaches the gateway)
# The hostile mix is another client: its sockets come from 127.0.0.2, normal traffic from 127.0.0.1. The gateway runs with cost
# limits per client (docs/benchmarks.md, "Soak"): Gateway:RateLimit:CostLimit=$COST_LIMIT points a minute (default 1000) for every
# client but 127.0.0.1, which is exempt (Gateway:RateLimit:Clients:127.0.0.1=0). COST_LIMIT=0 runs without them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
connections=${2:-8}
settle=${3:-60}
rate=${4:-4}
(( seconds >= 5 && seconds <= 600 )) || { echo "seconds-per-phase must be between 5 and 600"; exit 2; }
(( settle >= 5 && settle <= 600 )) || { echo "settle-seconds must be between 5 and 600"; exit 2; }
(( rate >= 1 && rate <= 100 )) || { echo "hostile-requests-per-second-per-kind must be between 1 and 100"; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
cost_limit=${COST_LIMIT:-1000}
if (( cost_limit > 0 )); then
  gateway_args=(--Gateway:RateLimit:CostLimit=$cost_limit --Gateway:RateLimit:Window=00:01:00 --Gateway:RateLimit:Clients:127.0.0.1=0)
fi
source bench/soak-gateway.sh
rss() { awk '/VmRSS/ { print $2 }' /proc/$gateway/status; }
cpu() { awk '{ print $14 + $15 }' /proc/$gateway/stat; } # utime + stime, clock ticks
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/normal.json"); wrk.body = f:read("*a"); f:close()
LUA
normal() { wrk -t1 -c"$connections" -d"$2s" --latency -s "$work/post.lua" "http://$host:$gw/graphql" >"$1"; }
p99() { awk '$1 == "99%" { print $2 }' "$1"; }
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; print n }'; }
non2xx() { awk '/Non-2xx/ { n = $5 } END { print n + 0 }' "$1"; }
requests() { awk '/requests in/ { print $1 }' "$1"; }
post() { curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST -H 'content-type: application/json' --data @"$1" http://$host:$gw/graphql; }
# The hostile clients, in one Python process with keep-alive connections (so the load generator takes little of the CPU it shares
# with the gateway): each kind a loop of at most $rate requests/s on its own connection, and two clients that trickle a body one
# byte every 2 s (Kestrel's minimum data rate should drop them).
cat >"$work/hostile.py" <<'PY'
import http.client, random, socket, sys, threading, time
host, port, work, seconds, rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
source = (sys.argv[6], 0)  # the hostile client's own address
deadline = time.monotonic() + seconds
bodies = {k: [open(f"{work}/{k}.json", "rb").read()] for k in ("fanout", "many", "amplify")}
bodies["cursors"] = [line.encode() for line in open(f"{work}/cursors.txt")]
statuses = {k: {} for k in (*bodies, "slow")}
lock = threading.Lock()
def count(kind, status):
    with lock:
        statuses[kind][status] = statuses[kind].get(status, 0) + 1
def loop(kind):
    conn = None
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            conn = conn or http.client.HTTPConnection(host, port, timeout=30, source_address=source)
            conn.request("POST", "/graphql", random.choice(bodies[kind]), {"Content-Type": "application/json"})
            response = conn.getresponse(); response.read()
            count(kind, str(response.status))
        except (OSError, http.client.HTTPException):
            count(kind, "000"); conn = None
        time.sleep(max(0.0, min(1 / rate - (time.monotonic() - started), deadline - time.monotonic())))
def slow():
    while time.monotonic() < deadline:
        try:
            s = socket.create_connection((host, port), timeout=20, source_address=source)
            s.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            for _ in range(8):
                s.send(b" "); time.sleep(2)
            data = s.recv(200).decode("latin-1")
            s.close()
        except OSError:
            data = ""
        count("slow", data[9:12] if data.startswith("HTTP/1.1") else "closed")
threads = [threading.Thread(target=loop, args=(k,)) for k in bodies] + [threading.Thread(target=slow) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
for kind, seen in statuses.items():
    print(f"hostile {kind}: {sum(seen.values())} requests, statuses: " + " ".join(f"{s}×{n}" for s, n in sorted(seen.items())))
print("5xx answers to hostile requests:", sum(n for seen in statuses.values() for s, n in seen.items() if s.startswith("5")))
PY

# Warm-up: every request kind once (JIT, caches, the simulator's data), then normal traffic for a few seconds.
for body in normal fanout many amplify cursor; do post "$work/$body.json" >/dev/null; done
normal "$work/warm.txt" 5
rss_start=$(rss)

if (( cost_limit > 0 )); then
  echo "cost limits: $cost_limit points a minute per client (Gateway:RateLimit:CostLimit), 127.0.0.1 (normal traffic) exempt; the hostile mix comes from 127.0.0.2"
else
  echo "cost limits: off (COST_LIMIT=0); the hostile mix comes from 127.0.0.2"
fi
echo "phase 1: normal traffic alone for ${seconds}s ($connections connections); load average $(loadavg)"
cpu0=$(cpu)
normal "$work/alone.txt" "$seconds"
cpu1=$(cpu); load_alone=$(loadavg)
rss_before=$(rss)

echo "phase 2: normal traffic beside the hostile mix ($rate requests/s per kind) for ${seconds}s; load average $load_alone"
python3 "$work/hostile.py" $host $gw "$work" "$seconds" "$rate" 127.0.0.2 >"$work/hostile.txt" 2>&1 &
hostile=$!
pids+=($hostile)
normal "$work/beside.txt" "$seconds"
wait "$hostile" || true
cpu2=$(cpu); load_beside=$(loadavg)
rss_after=$(rss)

# Settle: the gateway goes on serving its normal users after the attack (a garbage collector only gives memory back when it runs).
echo "phase 3: normal traffic alone again for ${settle}s (memory should settle); load average $load_beside"
normal "$work/after.txt" "$settle"
rss_settled=$(rss)

alone=$(p99 "$work/alone.txt"); beside=$(p99 "$work/beside.txt")
hz=$(getconf CLK_TCK)
echo
echo "normal traffic p99: alone $alone, beside the hostile mix $beside, ratio $(awk -v a="$(ms "$alone")" -v b="$(ms "$beside")" 'BEGIN { printf "%.2f", b / a }') (goal ≤ 2); afterwards $(p99 "$work/after.txt")"
echo "normal traffic requests: alone $(requests "$work/alone.txt"), beside $(requests "$work/beside.txt"), afterwards $(requests "$work/after.txt"); non-2xx: $(non2xx "$work/alone.txt"), $(non2xx "$work/beside.txt"), $(non2xx "$work/after.txt")"
cat "$work/hostile.txt"
echo "gateway CPU: alone $(( (cpu1 - cpu0) * 1000 / hz )) ms, beside the hostile mix $(( (cpu2 - cpu1) * 1000 / hz )) ms"
echo "gateway RSS: start ${rss_start} kB, before the mix ${rss_before} kB, right after it ${rss_after} kB, after ${settle} s more of normal traffic ${rss_settled} kB ($(awk -v s="$rss_before" -v e="$rss_settled" 'BEGIN { printf "%+.0f %%", (e - s) * 100 / s }') of before the mix; goal within 20 %)"
echo "load average: after phase 1 $load_alone, after phase 2 $load_beside, at the end $(loadavg)"
echo "gateway error log lines: $(grep -c 'fail:\|crit:' "$work/gateway.log" || true)"
