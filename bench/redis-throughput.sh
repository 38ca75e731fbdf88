#!/usr/bin/env bash
# Compares RunsGateway.Redis with redis-benchmark on this machine, in the same run, against one redis-server
# started here on a free loopback port: pipelined GET (depth 16) and MGET of 50 keys (depth 16).
# Usage: bench/redis-throughput.sh   (env: ROUNDS=3 SECONDS_PER_TEST=5 CLIENTS=50 PIPELINE=16; NO_BUILD=1 reuses the last build)
# Prints a table with the median requests/s of each side over ROUNDS alternating rounds.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
SECONDS_PER_TEST=${SECONDS_PER_TEST:-5}
CLIENTS=${CLIENTS:-50}
PIPELINE=${PIPELINE:-16}
ARTIFACTS=${ARTIFACTS:-/tmp/rg-bench-redis}

for tool in redis-server redis-cli redis-benchmark dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 1; }
done

if [ "${NO_BUILD:-0}" != 1 ]; then
  echo "==> building bench/RunsGateway.Benchmarks (Release)"
  dotnet build bench/RunsGateway.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly --artifacts-path "$ARTIFACTS"
fi
ours=("$ARTIFACTS/bin/RunsGateway.Benchmarks/release/RunsGateway.Benchmarks")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" >"$dir/redis.log" 2>&1 &
server_pid=$!
cleanup() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  [ "$(redis-cli -p "$port" ping 2>/dev/null)" = "PONG" ] && break
  sleep 0.1
done
[ "$(redis-cli -p "$port" ping 2>/dev/null)" = "PONG" ] || { echo "error: redis-server did not start" >&2; cat "$dir/redis.log" >&2; exit 1; }

# Same data for both sides: 3-byte values (redis-benchmark's default size) under the keys each side reads.
keys=$(for i in $(seq 1 50); do printf 'k%d ' "$i"; done)
# shellcheck disable=SC2086
redis-cli -p "$port" mset $(for k in $keys; do printf '%s xxx ' "$k"; done) >/dev/null
redis-cli -p "$port" set 'key:__rand_int__' xxx >/dev/null

# redis-benchmark runs a fixed number of requests; size it from a short probe so each test lasts about SECONDS_PER_TEST.
rb() { redis-benchmark -p "$port" -c "$CLIENTS" -P "$PIPELINE" --csv "$@" | tail -1 | awk -F'","' '{ print $2 }' | tr -d '"'; }
count_for() { awk -v r="$1" -v s="$SECONDS_PER_TEST" 'BEGIN { n = int(r * s); if (n < 10000) n = 10000; print n }'; }
# shellcheck disable=SC2086
probe_get=$(rb -n 200000 -t get); probe_mget=$(rb -n 20000 MGET $keys)
n_get=$(count_for "$probe_get"); n_mget=$(count_for "$probe_mget")

declare -a rb_get ours_get rb_mget ours_mget ours_mget_concurrent cpu_get cpu_mget cpu_mget_concurrent
# Fully optimising JIT from the start: on a busy machine tiered compilation may not reach optimised code within
# the 1-second warm-up, which would measure the JIT rather than the client (a long-running gateway gets there anyway).
ours_run() { DOTNET_TieredCompilation=0 "${ours[@]}" redis-throughput --port "$port" --test "$1" --seconds "$SECONDS_PER_TEST" --clients "$CLIENTS" --pipeline "$PIPELINE"; }
for round in $(seq 1 "$ROUNDS"); do
  echo "==> round $round/$ROUNDS (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  rb_get+=("$(rb -n "$n_get" -t get)")
  read -r _ rps cpu < <(ours_run get); ours_get+=("$rps"); cpu_get+=("$cpu")
  # shellcheck disable=SC2086
  rb_mget+=("$(rb -n "$n_mget" MGET $keys)")
  read -r _ rps cpu < <(ours_run mget50); ours_mget+=("$rps"); cpu_mget+=("$cpu")
  read -r _ rps cpu < <(ours_run mget50-concurrent); ours_mget_concurrent+=("$rps"); cpu_mget_concurrent+=("$cpu")
  echo "    redis-benchmark GET ${rb_get[-1]}  ours ${ours_get[-1]}  |  redis-benchmark MGET ${rb_mget[-1]}  ours ${ours_mget[-1]} (concurrent calls ${ours_mget_concurrent[-1]})"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row() { awk -v name="$1" -v a="$2" -v b="$3" -v c="$4" 'BEGIN { printf "| %-44s | %12.0f | %12.0f | %6.0f%% | %14.2f |\n", name, a, b, 100 * b / a, c }'; }

echo
echo "redis-server $(redis-server --version | awk '{ print $3 }' | cut -d= -f2), $(nproc) cores, $CLIENTS clients, pipeline $PIPELINE, median of $ROUNDS rounds"
echo
printf '| %-44s | %12s | %12s | %7s | %14s |\n' "test (requests/s)" "redis-bench" "ours" "ratio" "ours CPU us/req"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..9})" "$(printf -- '-%.0s' {1..16})"
row "GET, pipeline $PIPELINE" "$(median "${rb_get[@]}")" "$(median "${ours_get[@]}")" "$(median "${cpu_get[@]}")"
row "MGET 50 keys, pipeline $PIPELINE" "$(median "${rb_mget[@]}")" "$(median "${ours_mget[@]}")" "$(median "${cpu_mget[@]}")"
row "MGET 50 keys, $PIPELINE concurrent calls/caller" "$(median "${rb_mget[@]}")" "$(median "${ours_mget_concurrent[@]}")" "$(median "${cpu_mget_concurrent[@]}")"
