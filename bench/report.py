#!/usr/bin/env python3
"""Turns one bench/run.sh run into a table, the ratios to the floors and the targets of issue 12:
bench/results/<date>.{md,json} and latest.{md,json}."""
import datetime
import json
import os
import platform
import sys

results_file, openssl_1, openssl_2, duration, connections, threads = sys.argv[1:7]
native_args = sys.argv[7] if len(sys.argv) > 7 else ""
rows = {r["target"]: r for r in map(json.loads, open(results_file))}
openssl_1, openssl_2 = float(openssl_1), float(openssl_2)
now = datetime.datetime.now(datetime.timezone.utc)
MIB = 1024 * 1024


def errors(load):
    return sum(load[k] for k in load if k.startswith("errors_"))


def ms(us):
    return us / 1000.0


command = "bench/run.sh --duration %s" % duration + (" --compare" if "jvm" in rows else "")
if native_args:
    command = "BENCH_NATIVE_ARGS='%s' %s" % (native_args, command)
report = {
    "date": now.isoformat(timespec="seconds"),
    "command": command,
    "machine": {"cpus": os.cpu_count(), "kernel": platform.release()},
    "load": {"connections": int(connections), "wrk_threads": int(threads), "seconds": int(duration)},
    "openssl_rsa2048_sign_per_s": {"multi_1": openssl_1, "multi_2": openssl_2},
    "targets": rows,
}
floor, native = rows["floor"], rows["native"]
limited = rows.pop("native-64mi", None)
report["memory_limit_64mi"] = limited
echo = floor["hs256"]  # the floor's echo, with the DG body
r = {
    "startup_over_floor": native["startup_ms"] / floor["startup_ms"],
    "rss_idle_over_floor": native["rss_idle_kib"] / floor["rss_idle_kib"],
    "rss_after_10k_over_floor": native["rss_after_10k_kib"] / floor["rss_after_10k_kib"],
    "rss_after_load_over_floor": native["rss_after_load_kib"] / floor["rss_after_load_kib"],
    "executable_over_floor": native["executable_bytes"] / floor["executable_bytes"],
    "hs256_rps_over_floor_echo": native["hs256"]["rps"] / echo["rps"],
    "hs256_p99_over_floor_echo": native["hs256"]["p99_us"] / echo["p99_us"],
    "rs256_rps_over_openssl_multi_2": native["rs256"]["rps"] / openssl_2,
    "rs256_rps_over_openssl_multi_1": native["rs256"]["rps"] / openssl_1,
}
report["ratios"] = r
# CPU time per RS256 token that is not the signature: what the process spent per answer, minus one signature's
# worth of CPU at openssl's single-process rate (both measured here, in the same run).
rs_cpu, hs_cpu = native["rs256"]["cpu_us_per_request"], native["hs256"]["cpu_us_per_request"]
signature_us = 1e6 / openssl_1
report["rs256_cpu_us"] = {"per_request": rs_cpu, "signature": round(signature_us, 1),
                          "besides_signature": round(rs_cpu - signature_us, 1), "hs256_per_request": hs_cpu}

targets = [
    ("start to first ready 200 <= 1.5x the floor's", r["startup_over_floor"] <= 1.5,
     "%.2fx (%.1f vs %.1f ms)" % (r["startup_over_floor"], native["startup_ms"], floor["startup_ms"])),
    ("RSS idle <= 1.3x the floor's", r["rss_idle_over_floor"] <= 1.3,
     "%.2fx (%.1f vs %.1f MiB)" % (r["rss_idle_over_floor"], native["rss_idle_kib"] / 1024, floor["rss_idle_kib"] / 1024)),
    ("RSS idle < 30 MB", native["rss_idle_kib"] * 1024 < 30e6, "%.1f MB" % (native["rss_idle_kib"] * 1024 / 1e6)),
    ("RSS after 10,000 requests <= 1.5x the floor's", r["rss_after_10k_over_floor"] <= 1.5,
     "%.2fx (%.1f vs %.1f MiB)" % (r["rss_after_10k_over_floor"], native["rss_after_10k_kib"] / 1024, floor["rss_after_10k_kib"] / 1024)),
    ("RSS after the load phases <= 1.5x the floor's", r["rss_after_load_over_floor"] <= 1.5,
     "%.2fx (%.1f vs %.1f MiB)" % (r["rss_after_load_over_floor"], native["rss_after_load_kib"] / 1024, floor["rss_after_load_kib"] / 1024)),
    ("limits.memory: 64Mi: no OOM kill, no error (the sidecar in a 64 MiB memory cgroup, HS256 then RS256 at 256 connections)",
     limited is not None and limited["alive"] and limited["oom_kills"] == 0 and errors(limited["hs256"]) == 0
     and errors(limited["rs256"]) == 0,
     "not measured (no memory cgroup here)" if limited is None else
     "%s, %d OOM kills, %d errors; %.0f HS256 and %.0f RS256 requests/s under the limit (peak RSS unlimited: %.1f MiB)" % (
         "alive" if limited["alive"] else "DEAD", limited["oom_kills"], errors(limited["hs256"]) + errors(limited["rs256"]),
         limited["hs256"]["rps"], limited["rs256"]["rps"], native["rss_peak_kib"] / 1024)),
    ("executable <= 1.2x the floor's", r["executable_over_floor"] <= 1.2,
     "%.2fx (%.1f vs %.1f MiB)" % (r["executable_over_floor"], native["executable_bytes"] / MIB, floor["executable_bytes"] / MIB)),
    ("HS256 requests/s >= 0.6x the floor echo's", r["hs256_rps_over_floor_echo"] >= 0.6,
     "%.2fx (%.0f vs %.0f/s)" % (r["hs256_rps_over_floor_echo"], native["hs256"]["rps"], echo["rps"])),
    ("HS256 p99 <= 2x the floor echo's", r["hs256_p99_over_floor_echo"] <= 2,
     "%.2fx (%.2f vs %.2f ms)" % (r["hs256_p99_over_floor_echo"], ms(native["hs256"]["p99_us"]), ms(echo["p99_us"]))),
    # openssl's 2 processes below 1.5x its 1 means something else had the second core while it ran: the floor is
    # then too low, and the target is not judged as met against it
    ("RS256 requests/s >= 85% of openssl speed -multi 2",
     r["rs256_rps_over_openssl_multi_2"] >= 0.85 and openssl_2 >= 1.5 * openssl_1,
     "%.0f%% (%.0f vs %.0f/s)%s" % (100 * r["rs256_rps_over_openssl_multi_2"], native["rs256"]["rps"], openssl_2,
                                   "" if openssl_2 >= 1.5 * openssl_1 else
                                   "; not judged: -multi 2 was not 1.5x -multi 1, another process had a core")),
    ("one audit line per token", native["audit_lines"] >= native["hs256"]["requests"] + native["rs256"]["requests"],
     "%d lines" % native["audit_lines"]),
    ("no errors", all(errors(t[s]) == 0 for t in rows.values() for s in ("hs256", "rs256")),
     "errors: " + ", ".join("%s %d" % (n, errors(t["hs256"]) + errors(t["rs256"])) for n, t in rows.items())),
]
report["targets_met"] = [{"target": t, "met": ok, "measured": m} for t, ok, m in targets]

names = {"floor": "framework floor", "native": "native sidecar", "jvm": "JVM sidecar", "node": "Node.js (jsonwebtoken)"}
shown = [t for t in ("floor", "native", "jvm", "node") if t in rows]
lines = [
    "# Benchmark, %s" % now.strftime("%Y-%m-%d %H:%M UTC"),
    "",
    "`%s` on %s CPUs (load generator on the same CPUs): wrk, %s threads, %s connections, %s s per scenario "
    "after a 3 s warm-up. Latency in ms. The framework floor (bench/floor) answers both load phases with its echo."
    % (report["command"], os.cpu_count(), threads, connections, duration),
    "",
    "| | " + " | ".join(names[t] for t in shown) + " |",
    "|---|" + "---|" * len(shown),
]


def row(label, f):
    lines.append("| %s | %s |" % (label, " | ".join(f(rows[t]) for t in shown)))


row("start to first 200, median (ms)", lambda t: "%.1f" % t["startup_ms"])
row("start runs (ms)", lambda t: ", ".join(str(x) for x in t["startup_runs_ms"]))
row("RSS idle (MiB)", lambda t: "%.1f" % (t["rss_idle_kib"] / 1024))
row("RSS after 10,000 requests (MiB)", lambda t: "%.1f" % (t["rss_after_10k_kib"] / 1024))
row("RSS after the load below (MiB)", lambda t: "%.1f" % (t["rss_after_load_kib"] / 1024))
row("peak RSS (MiB)", lambda t: "%.1f" % (t["rss_peak_kib"] / 1024))
row("executable (MiB)", lambda t: "%.1f" % (t["executable_bytes"] / MIB) if t["executable_bytes"] else "-")
for alg, name in (("hs256", "HS256 (DG)"), ("rs256", "RS256 (Kindly)")):
    row(name + " requests/s", lambda t: "%.0f" % t[alg]["rps"])
    row(name + " p50 / p99 / p99.9", lambda t: "%.2f / %.2f / %.2f" % (ms(t[alg]["p50_us"]), ms(t[alg]["p99_us"]), ms(t[alg]["p999_us"])))
    row(name + " CPU per request (us)", lambda t: "%.0f" % t[alg]["cpu_us_per_request"])
    row(name + " errors", lambda t: "%d" % errors(t[alg]))
c = report["rs256_cpu_us"]
lines += [
    "",
    "openssl speed rsa2048: %.0f signs/s with -multi 1, %.0f with -multi 2. An RS256 token cost the sidecar %.0f us "
    "of CPU, of which one signature is %.0f us (at openssl's -multi 1 rate): %.0f us besides the signature "
    "(an HS256 token: %.0f us in all)." % (openssl_1, openssl_2, c["per_request"], c["signature"], c["besides_signature"], c["hs256_per_request"]),
    "",
    "| target | met | measured |",
    "|---|---|---|",
] + ["| %s | %s | %s |" % (t, "MET" if ok else "**MISSED**", m) for t, ok, m in targets]

markdown = "\n".join(lines) + "\n"
stamp = now.strftime("%Y-%m-%dT%H%MZ")
for name in (stamp, "latest"):
    with open("bench/results/%s.md" % name, "w") as f:
        f.write(markdown)
    with open("bench/results/%s.json" % name, "w") as f:
        json.dump(report, f, indent=2)
print(markdown)
