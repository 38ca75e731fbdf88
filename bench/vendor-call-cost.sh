#!/usr/bin/env bash
# Gateway CPU per upstream vendor call: uncached GraphQL requests (20 running CCExtractor runs each, so 20 upstream calls per
# request and nothing is cached) sent one after another over one keep-alive connection to a gateway pointed at a standalone
# simulator. The gateway's CPU time (utime + stime from /proc/<pid>/stat) over the measured requests, divided by the upstream
# calls the simulator counted, is the cost per call. For comparison the same query over 20 finished runs, served from the
# gateway's cache after one warm-up (no upstream call), gives the request's own cost; the difference over 20 is the marginal
# cost of an upstream call.
# Usage: bash bench/vendor-call-cost.sh [requests] [repository-root]   (the root defaults to this repository; pass another
# checkout, e.g. one of main, to measure it with the same script). With PERF_RECORD=FILE, the measured uncached requests are
# also sampled with `perf record -g` (the gateway then writes a perf map of its JIT code); `python3 bench/perf-categories.py FILE`
# says where the CPU went. With VENDOR_HTTP_VERSION=2.0 the gateway calls the simulator over HTTP/2 (h2c with prior knowledge: the
# simulator then serves a second, HTTP/2-only endpoint; `Vendors:CcExtractor:HttpVersion` is set to 2.0); the default is 1.1.
set -euo pipefail
requests=${1:-400}
http_version=${VENDOR_HTTP_VERSION:-1.1}
root=$(cd "${2:-$(dirname "$0")/..}" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for project in src/RunsGateway src/RunsGateway.VendorSimulator; do dotnet build "$root/$project" -c Release -nologo -clp:ErrorsOnly >/dev/null; done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
sim=$(free_port); gw=$(free_port); h2c=$(free_port)
# Kestrel serves HTTP/2 over cleartext only on an endpoint limited to HTTP/2 (without TLS there is no ALPN to choose), so the
# simulator gets two: HTTP/1.1 for the script's own requests and HTTP/2 for the gateway's calls in the HTTP/2 mode.
vendor_port=$sim
if [[ "$http_version" == 2* ]]; then vendor_port=$h2c; fi

# A slow simulated clock keeps the running runs running (running runs are never cached).
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Simulator__ClockSpeed=0.0001 \
  Kestrel__Endpoints__Http1__Url="http://127.0.0.1:$sim" Kestrel__Endpoints__H2c__Url="http://127.0.0.1:$h2c" Kestrel__Endpoints__H2c__Protocols=Http2 \
  dotnet "$root/src/RunsGateway.VendorSimulator/bin/Release/net10.0/RunsGateway.VendorSimulator.dll" >"$work/sim.log" 2>&1 &
pids+=($!)
perf_env=()
if [[ -n "${PERF_RECORD:-}" ]]; then perf_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0); fi
env "${perf_env[@]}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Vendors__CcExtractor__BaseUrl="http://127.0.0.1:$vendor_port/ccextractor/api/v1" Vendors__CcExtractor__Token=sim-ccextractor-token \
  Vendors__CcExtractor__HttpVersion="$http_version" \
  dotnet "$root/src/RunsGateway/bin/Release/net10.0/RunsGateway.dll" --urls "http://127.0.0.1:$gw" >"$work/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$gw/healthz" >/dev/null && curl -sf "http://127.0.0.1:$sim/_simulator/stats" >/dev/null && break; sleep 0.2; done

HTTP_VERSION=$http_version python3 - "$gw" "$sim" "$gateway" "$requests" <<'PY'
import http.client, json, os, signal, subprocess, sys, time, urllib.request
gw, sim, pid, requests = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
runs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sim}/_simulator/runs?vendor=ccextractor"))
live = [r["runId"] for r in runs if r["status"] in ("running", "queued")][:20]
done = [r["runId"] for r in runs if r["status"] in ("pass", "fail")][:20]
if len(live) < 20 or len(done) < 20:
    sys.exit(f"only {len(live)} running and {len(done)} finished CCExtractor runs in the simulator")
def body(ids):
    return json.dumps({"query": "query($refs: [RunRef!]!) { runs(refs: $refs) { runId rawStatus state } }",
                       "variables": {"refs": [{"vendor": "CCEXTRACTOR", "runId": r} for r in ids]}})
conn = http.client.HTTPConnection("127.0.0.1", gw)
def post(payload):
    conn.request("POST", "/graphql", payload, {"Content-Type": "application/json"})
    answer = conn.getresponse().read()
    if b'"errors"' in answer or answer.count(b'"runId"') != 20:
        sys.exit("unexpected answer: " + answer[:300].decode())
def cpu_seconds():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
def upstream_calls():
    return json.load(urllib.request.urlopen(f"http://127.0.0.1:{sim}/_simulator/stats"))["ccextractor"]["total"]
def settle():
    # Wait (at most 60 s) until the idle gateway has used less than 10 ms of CPU in half a second: the compiler's backlog is done.
    for _ in range(120):
        before = cpu_seconds()
        time.sleep(0.5)
        if cpu_seconds() - before < 0.01:
            return
def measure(payload, record=None):
    # Warm-up (JIT, connection pools, the cache), then a pause until the gateway is idle: the tiered compiler promotes hot
    # methods to tier 1 in the background once the process is quiet, and without the pause that work (seconds of CPU) lands in
    # the measured requests. A second short round runs the promoted code (and whatever it promotes next) before measuring.
    for _ in range(max(500, requests // 4)):
        post(payload)
    settle()
    for _ in range(100):
        post(payload)
    settle()
    perf = subprocess.Popen(["perf", "record", "-F", "2000", "-g", "-p", pid, "-o", record], stderr=subprocess.DEVNULL) if record else None
    if perf:
        time.sleep(2)
    calls0, cpu0 = upstream_calls(), cpu_seconds()
    for _ in range(requests):
        post(payload)
    cpu1, calls1 = cpu_seconds(), upstream_calls()
    if perf:
        perf.send_signal(signal.SIGINT)
        perf.wait()
    return cpu1 - cpu0, calls1 - calls0
cpu, calls = measure(body(live), os.environ.get("PERF_RECORD"))
cached_cpu, cached_calls = measure(body(done))
load = open("/proc/loadavg").read().split()[:3]
print(f"uncached: {requests} requests, {calls} upstream calls ({calls / requests:.1f} per request), gateway CPU {cpu:.2f} s, "
      f"{cpu / calls * 1e6:.1f} µs per upstream call")
print(f"cached:   {requests} requests, {cached_calls} upstream calls, gateway CPU {cached_cpu:.2f} s, {cached_cpu / requests * 1e6:.0f} µs per request")
print(f"marginal: {(cpu - cached_cpu) / calls * 1e6:.1f} µs per upstream call (vendor calls over HTTP/{os.environ['HTTP_VERSION']}); load average {' '.join(load)} on {os.cpu_count()} cores")
PY
