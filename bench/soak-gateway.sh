# Sourced by bench/soak.sh and bench/hostile-cost.sh: builds and starts the gateway in demo mode on free loopback ports and writes
# the soak's request bodies into $work: normal.json (10 cached finished runs with summaries, as bench/gateway-load.sh),
# fanout.json (5 aliases × 60 refs, past MaxUpstreamCalls), many.json (1,000 aliased run fields), amplify.json (150 aliases of
# tests on a 1,133-test run, past MaxResultItems), amplify-without-id.json, cursor.json and cursors.txt (past-the-end specs
# cursors with a status filter). Sets host, gw, sim, work, gateway and pids; an EXIT trap stops what pids lists. The array gateway_args,
# when set, adds command-line configuration (e.g. --Gateway:RateLimit:CostLimit=1000).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
host=127.0.0.1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
gw=$(free_port); sim=$(free_port)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

[[ "${NO_BUILD:-0}" == 1 ]] || dotnet build src/RunsGateway -c Release -nologo -clp:ErrorsOnly >/dev/null
# SIMULATOR=process runs the vendor simulator as its own process (pid in $simulator), so that the gateway's CPU time leaves out the
# simulator's; by default the gateway runs it in-process (demo mode), as the soak's figures were taken.
simulator=
if [[ "${SIMULATOR:-demo}" == process ]]; then
  dotnet src/RunsGateway.VendorSimulator/bin/Release/net10.0/RunsGateway.VendorSimulator.dll --urls http://$host:$sim --Logging:LogLevel:Default=Warning >"$work/simulator.log" 2>&1 &
  simulator=$!
  pids+=($simulator)
  for _ in $(seq 1 150); do curl -sf "http://$host:$sim/_simulator/runs?vendor=crewship" >/dev/null && break; sleep 0.2; done
  vendors=(Demo__Enabled=false
    Vendors__CcExtractor__BaseUrl=http://$host:$sim/ccextractor/api/v1 Vendors__CcExtractor__Token=sim-ccextractor-token
    Vendors__NeetoPlaydash__BaseUrl=http://$host:$sim/neetoplaydash/api/external/v1 Vendors__NeetoPlaydash__ApiKey=sim-neetoplaydash-key
    Vendors__TestVibe__BaseUrl=http://$host:$sim/testvibe/api/v1/ops Vendors__TestVibe__ApiKey=tvb_sssssssssssssssssssssssssssssssssssssssssss
    Vendors__Crewship__BaseUrl=http://$host:$sim/crewship/v1 Vendors__Crewship__ApiKey=sim-crewship-key)
else
  vendors=(Demo__Enabled=true Demo__Port=$sim)
fi
# The content root is the build output, so the gateway reads the appsettings.json it ships (its quiet log levels) as a deployment
# does; from the repository root it would not find the file and would log four lines per request.
env ASPNETCORE_ENVIRONMENT=Production "${vendors[@]}" Logging__Json=false \
  dotnet src/RunsGateway/bin/Release/net10.0/RunsGateway.dll --contentRoot "$PWD/src/RunsGateway/bin/Release/net10.0" \
  --urls http://$host:$gw ${gateway_args[@]+"${gateway_args[@]}"} >"$work/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 1 150); do curl -sf http://$host:$gw/healthz >/dev/null && break; sleep 0.2; done

runs=$(curl -sf "http://$host:$sim/_simulator/runs?vendor=ccextractor")
neeto=$(curl -sf "http://$host:$sim/_simulator/runs?vendor=neetoplaydash&status=failed" | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; print(r["project"], r["runId"])')
python3 - "$runs" "$neeto" "$work" <<'PY'
import base64, json, sys
runs = json.loads(sys.argv[1]); project, run = sys.argv[2].split(); work = sys.argv[3]
def body(query, variables=None):
    return json.dumps({"query": query, "variables": variables})
def save(name, query, variables=None):
    open(f"{work}/{name}.json", "w").write(body(query, variables))
finished = [r for r in runs if r["status"] in ("pass", "fail")][:10]
save("normal", "query($refs: [RunRef!]!) { runs(refs: $refs) { id runId rawStatus summary { total failed isFinal } } }",
     {"refs": [{"vendor": "CCEXTRACTOR", "runId": r["runId"]} for r in finished]})
ids = [r["runId"] for r in runs][:300]
save("fanout", "{" + " ".join(f"a{a}: runs(refs: [" + ", ".join(f'{{vendor: CCEXTRACTOR, runId: "{i}"}}' for i in ids[a*60:(a+1)*60]) + "]) { runId }" for a in range(5)) + "}")
save("many", "{" + " ".join(f'r{n}: run(vendor: CCEXTRACTOR, runId: "{ids[n % len(ids)]}") {{ runId }}' for n in range(1000)) + "}")
tests = lambda fields: '{ run(vendor: NEETOPLAYDASH, project: "%s", runId: "%s") { %s } }' % (project, run, " ".join(f"t{i}: tests {{ {fields} }}" for i in range(150)))
save("amplify", tests("id name status message"))
save("amplify-without-id", tests("name status message"))
cursors = []
for i in range(200):
    cursor = base64.urlsafe_b64encode(f"spec:{5000 + i * 37}".encode()).decode().rstrip("=")
    cursors.append(body('{ run(vendor: NEETOPLAYDASH, project: "%s", runId: "%s") { specs(first: 3, testStatus: FAILED, after: "%s") { totalCount } } }' % (project, run, cursor)))
open(f"{work}/cursors.txt", "w").write("\n".join(cursors) + "\n")
open(f"{work}/cursor.json", "w").write(cursors[0])
PY
