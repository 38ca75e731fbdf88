#!/usr/bin/env bash
# CPU per upstream call on the uncached path, with and without the vendor drift check, measured side by side in one run.
#
# Starts the vendor simulator and two gateways pointed at it (Vendors:Drift:Enabled=true / false, in-memory cache), then sends both
# the same queries over every seeded run (each run fetched once per gateway, so every call is an upstream call), alternating which
# gateway goes first. The gateways' CPU time (utime + stime from /proc/<pid>/stat) and the simulator's request counts are read
# around each query. Each round starts fresh gateways (empty caches). Needs a Release build: dotnet build src/RunsGateway -c Release.
#
#   bash bench/vendor-drift-cpu.sh [rounds=3] [refs-per-query=10]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}" BATCH="${2:-10}" exec python3 - <<'PY'
import json, os, socket, subprocess, sys, time, urllib.request

ROOT = os.getcwd()
GATEWAY = f"{ROOT}/src/RunsGateway/bin/Release/net10.0/RunsGateway.dll"
SIMULATOR = f"{ROOT}/src/RunsGateway.VendorSimulator/bin/Release/net10.0/RunsGateway.VendorSimulator.dll"
ROUNDS, BATCH = int(os.environ["ROUNDS"]), int(os.environ["BATCH"])
TICKS = os.sysconf("SC_CLK_TCK")

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def wait(url):
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")

def get(url):
    return json.loads(urllib.request.urlopen(url, timeout=60).read())

def post(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request, timeout=120).read())

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS

def start_gateway(sim, drift):
    port = free_port()
    env = dict(os.environ, Demo__Enabled="false", Logging__Json="false", Logging__LogLevel__Default="Warning",
               Vendors__Drift__Enabled="true" if drift else "false",
               Vendors__CcExtractor__BaseUrl=f"{sim}/ccextractor/api/v1", Vendors__CcExtractor__Token="sim-ccextractor-token",
               Vendors__NeetoPlaydash__BaseUrl=f"{sim}/neetoplaydash/api/external/v1", Vendors__NeetoPlaydash__ApiKey="sim-neetoplaydash-key",
               Vendors__TestVibe__BaseUrl=f"{sim}/testvibe/api/v1/ops", Vendors__TestVibe__ApiKey="tvb_" + "s" * 43,
               Vendors__Crewship__BaseUrl=f"{sim}/crewship/v1", Vendors__Crewship__ApiKey="sim-crewship-key")
    process = subprocess.Popen(["dotnet", GATEWAY, "--urls", f"http://127.0.0.1:{port}"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait(f"http://127.0.0.1:{port}/healthz")
    return process, f"http://127.0.0.1:{port}/graphql"

def query(refs):
    items = []
    for r in refs:
        project = f', project: "{r["project"]}"' if r["project"] else ""
        items.append(f'{{ vendor: {r["vendor"].upper()}, runId: "{r["runId"]}"{project} }}')
    return {"query": "{ runs(refs: [" + ", ".join(items) + "]) { runId state summary { total } } }"}

sim_port = free_port()
simulator = subprocess.Popen(["dotnet", SIMULATOR, "--urls", f"http://127.0.0.1:{sim_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
sim = f"http://127.0.0.1:{sim_port}"
try:
    wait(f"{sim}/_simulator/clock")
    runs = get(f"{sim}/_simulator/runs")
    warmup, measured = runs[::50], [r for i, r in enumerate(runs) if i % 50]
    batches = [measured[i:i + BATCH] for i in range(0, len(measured), BATCH)]
    totals = {True: [0.0, 0], False: [0.0, 0]}
    for round_number in range(ROUNDS):
        gateways = {drift: start_gateway(sim, drift) for drift in (True, False)}
        try:
            for drift, (_, url) in gateways.items():
                post(url, query(warmup))  # JIT and first calls, not measured
            for index, batch in enumerate(batches):
                for drift in ((True, False) if index % 2 == 0 else (False, True)):
                    process, url = gateways[drift]
                    calls_before = sum(v["total"] for v in get(f"{sim}/_simulator/stats").values())
                    cpu_before = cpu_seconds(process.pid)
                    answer = post(url, query(batch))
                    cpu_after = cpu_seconds(process.pid)
                    calls_after = sum(v["total"] for v in get(f"{sim}/_simulator/stats").values())
                    if answer.get("errors"):
                        raise SystemExit(f"query failed: {answer['errors'][:1]}")
                    totals[drift][0] += cpu_after - cpu_before
                    totals[drift][1] += calls_after - calls_before
        finally:
            for process, _ in gateways.values():
                process.terminate()
                process.wait()
        print(f"round {round_number + 1}: with check {totals[True][0]:.2f} s / {totals[True][1]} calls, without {totals[False][0]:.2f} s / {totals[False][1]} calls", flush=True)
finally:
    simulator.terminate()
    simulator.wait()

with_check = totals[True][0] / totals[True][1] * 1e6
without = totals[False][0] / totals[False][1] * 1e6
print(f"CPU per upstream call: with the drift check {with_check:.0f} us, without {without:.0f} us, ratio {with_check / without:.3f}")
print(f"load average: {open('/proc/loadavg').read().strip()}")
PY
