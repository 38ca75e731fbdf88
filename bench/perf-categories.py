#!/usr/bin/env python3
"""Where a process's CPU goes, from a `perf record -g` profile (bench/vendor-call-cost.sh writes one with PERF_RECORD=FILE).

Each sample is put in the first category that matches: thread-level ones first (JIT and GC threads, thread-pool spinning and
waiting, the sockets engine's epoll_wait, the kernel's send and receive paths), then the leaf-most managed frame that belongs to a
known component. Usage: python3 bench/perf-categories.py FILE [µs-per-call]   (with µs-per-call, each share is also shown in µs)
"""
import re
import subprocess
import sys
from collections import Counter

THREADS = [
    ("JIT (tiered compilation thread)", lambda comm, stack: "Tiered" in comm),
    ("GC threads", lambda comm, stack: "GC" in comm),
    ("thread pool: spinning (sched_yield)", lambda comm, stack: "__sched_yield" in stack),
    ("thread pool: waiting/waking (LowLevelLifoSemaphore)", lambda comm, stack: "LowLevelLifoSemaphore" in stack),
    ("sockets engine: epoll_wait", lambda comm, stack: "epoll_wait" in stack),
    ("kernel: send (loopback TCP, including the peer's receive path)", lambda comm, stack: "__send" in stack or "tcp_sendmsg" in stack),
    ("kernel: recv", lambda comm, stack: "__libc_recv" in stack or "tcp_recvmsg" in stack),
    ("kernel: other system calls", lambda comm, stack: "entry_SYSCALL_64" in stack),
]
COMPONENTS = [
    ("JSON deserialisation (vendor DTOs)", ["System.Text.Json.JsonSerializer", "JsonTypeInfo", "ObjectDefaultConverter", "ObjectWithParameterizedConstructorConverter", "JsonConverter"]),
    ("drift inspection", ["RunsGateway.Vendors.Drift"]),
    ("JsonDocument", ["System.Text.Json.JsonDocument"]),
    ("HybridCache / RunCache", ["Microsoft.Extensions.Caching.Hybrid", "RunsGateway.Caching"]),
    ("Kestrel / ASP.NET Core", ["Microsoft.AspNetCore"]),
    ("GraphQL engine", ["RunsGateway.GraphQL"]),
    ("logging", ["Microsoft.Extensions.Http.Logging", "Microsoft.Extensions.Logging"]),
    ("Polly pipeline", ["Polly."]),
    ("resilience handler", ["Microsoft.Extensions.Http.Resilience", "HttpResilience"]),
    ("Refit", ["Refit."]),
    ("SocketsHttpHandler / HttpClient", ["System.Net.Http."]),
    ("sockets", ["System.Net.Sockets"]),
    ("vendor layer (RunsGateway.Vendors)", ["RunsGateway.Vendors"]),
    ("host: loading and the rest (RunsGateway)", ["RunsGateway."]),
    ("tasks, thread pool, async state machines", ["System.Threading", "System.Runtime.CompilerServices"]),
]


def samples(path):
    text = subprocess.run(["perf", "script", "-i", path, "-F", "comm,tid,time,ip,sym,dso"], capture_output=True, text=True, check=True).stdout
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if lines:
            yield re.match(r"\s*(.*?)\s+\d+\s", lines[0]).group(1), [re.sub(r"\s*\([^)]*\)$", "", line.strip().split(" ", 1)[-1]) for line in lines[1:]]


def category(comm, frames):
    stack = "\n".join(frames)
    for name, matches in THREADS:
        if matches(comm, stack):
            return name
    for frame in frames:
        for name, parts in COMPONENTS:
            if any(part in frame for part in parts):
                return "managed: " + name
    return "kernel / runtime native, unattributed"


counts = Counter(category(comm, frames) for comm, frames in samples(sys.argv[1]))
total = sum(counts.values())
per_call = float(sys.argv[2]) if len(sys.argv) > 2 else None
print(f"{total} samples")
print("| where | share |" + (" µs per call |" if per_call else ""))
print("| --- | ---: |" + (" ---: |" if per_call else ""))
for name, count in counts.most_common():
    print(f"| {name} | {100 * count / total:.1f}% |" + (f" {per_call * count / total:.1f} |" if per_call else ""))
