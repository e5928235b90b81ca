#!/usr/bin/env python3
"""Turns one bench/run.sh run into a table: bench/results/<date>.{md,json} and latest.{md,json}."""
import datetime
import json
import os
import platform
import sys

results_file, openssl_1, openssl_2, duration, connections, threads = sys.argv[1:7]
rows = {r["target"]: r for r in map(json.loads, open(results_file))}
openssl_1, openssl_2 = float(openssl_1), float(openssl_2)
now = datetime.datetime.now(datetime.timezone.utc)


def errors(load):
    return sum(load[k] for k in load if k.startswith("errors_"))


def ms(us):
    return us / 1000.0


report = {
    "date": now.isoformat(timespec="seconds"),
    "command": "bench/run.sh --duration %s" % duration,
    "machine": {"cpus": os.cpu_count(), "kernel": platform.release()},
    "load": {"connections": int(connections), "wrk_threads": int(threads), "seconds": int(duration)},
    "openssl_rsa2048_sign_per_s": {"1_process": openssl_1, "2_processes": openssl_2},
    "targets": rows,
}
native, jvm, node = rows["native"], rows["jvm"], rows["node"]
report["ratios"] = {
    "native_hs256_rps_over_node": native["hs256"]["rps"] / node["hs256"]["rps"],
    "jvm_hs256_rps_over_node": jvm["hs256"]["rps"] / node["hs256"]["rps"],
    "native_rs256_rps_over_node": native["rs256"]["rps"] / node["rs256"]["rps"],
    "jvm_rs256_rps_over_node": jvm["rs256"]["rps"] / node["rs256"]["rps"],
    "native_rs256_rps_over_openssl_1": native["rs256"]["rps"] / openssl_1,
    "jvm_rs256_rps_over_openssl_1": jvm["rs256"]["rps"] / openssl_1,
    "native_rs256_rps_over_openssl_2": native["rs256"]["rps"] / openssl_2,
    "jvm_rs256_rps_over_openssl_2": jvm["rs256"]["rps"] / openssl_2,
    "native_startup_over_jvm": native["startup_ms"] / jvm["startup_ms"],
    "native_rss_idle_over_jvm": native["rss_idle_kib"] / jvm["rss_idle_kib"],
}
r = report["ratios"]
targets = [
    ("HS256 throughput >= 3x Node", r["native_hs256_rps_over_node"] >= 3, "native %.2fx Node" % r["native_hs256_rps_over_node"]),
    ("HS256 p99 < 5 ms at %s connections" % connections, ms(native["hs256"]["p99_us"]) < 5, "native p99 %.2f ms" % ms(native["hs256"]["p99_us"])),
    ("RS256 throughput >= 85%% of openssl speed (1 process: %.0f/s)" % openssl_1, r["native_rs256_rps_over_openssl_1"] >= 0.85,
     "native %.0f%%, JVM %.0f%%" % (100 * r["native_rs256_rps_over_openssl_1"], 100 * r["jvm_rs256_rps_over_openssl_1"])),
    ("native RSS < 25 MB idle", native["rss_idle_kib"] < 25 * 1024, "native %.1f MB" % (native["rss_idle_kib"] / 1024)),
    ("no errors", all(errors(t[s]) == 0 for t in rows.values() for s in ("hs256", "rs256")),
     "errors: " + ", ".join("%s %d" % (n, errors(t["hs256"]) + errors(t["rs256"])) for n, t in rows.items())),
]
report["targets_met"] = [{"target": t, "met": ok, "measured": m} for t, ok, m in targets]

lines = [
    "# Benchmark, %s" % now.strftime("%Y-%m-%d %H:%M UTC"),
    "",
    "`%s` on %s CPUs (load generator on the same CPUs): wrk, %s threads, %s connections, %s s per scenario "
    "after a 3 s warm-up. Latency in ms." % (report["command"], os.cpu_count(), threads, connections, duration),
    "",
    "| | native | JVM | Node.js (jsonwebtoken) |",
    "|---|---|---|---|",
]


def row(label, f):
    lines.append("| %s | %s |" % (label, " | ".join(f(rows[t]) for t in ("native", "jvm", "node"))))


row("startup to first ready 200, median (ms)", lambda t: "%d" % t["startup_ms"])
row("RSS idle (MB)", lambda t: "%.1f" % (t["rss_idle_kib"] / 1024))
row("RSS after 10,000 requests (MB)", lambda t: "%.1f" % (t["rss_after_10k_kib"] / 1024))
row("RSS after the load below (MB)", lambda t: "%.1f" % (t["rss_after_load_kib"] / 1024))
for alg, name in (("hs256", "HS256 (DG)"), ("rs256", "RS256 (Kindly)")):
    row(name + " requests/s", lambda t: "%.0f" % t[alg]["rps"])
    row(name + " p50 / p99 / p99.9", lambda t: "%.2f / %.2f / %.2f" % (ms(t[alg]["p50_us"]), ms(t[alg]["p99_us"]), ms(t[alg]["p999_us"])))
    row(name + " errors", lambda t: "%d" % errors(t[alg]))
lines += [
    "",
    "openssl speed rsa2048: %.0f signs/s in 1 process, %.0f in 2." % (openssl_1, openssl_2),
    "",
    "Ratios: native HS256 %.2fx Node, JVM %.2fx Node; native RS256 %.2fx Node, %.0f%% of openssl (1 process); "
    "JVM RS256 %.0f%% of openssl (1 process); native startup %.2fx JVM's; native idle RSS %.2fx JVM's."
    % (r["native_hs256_rps_over_node"], r["jvm_hs256_rps_over_node"], r["native_rs256_rps_over_node"],
       100 * r["native_rs256_rps_over_openssl_1"], 100 * r["jvm_rs256_rps_over_openssl_1"],
       r["native_startup_over_jvm"], r["native_rss_idle_over_jvm"]),
    "",
    "| target | met | measured |",
    "|---|---|---|",
] + ["| %s | %s | %s |" % (t, "yes" if ok else "**no**", m) for t, ok, m in targets]

markdown = "\n".join(lines) + "\n"
stamp = now.strftime("%Y-%m-%dT%H%MZ")
for name in (stamp, "latest"):
    with open("bench/results/%s.md" % name, "w") as f:
        f.write(markdown)
    with open("bench/results/%s.json" % name, "w") as f:
        json.dump(report, f, indent=2)
print(markdown)
