#!/usr/bin/env bash
# Where CPU and memory go in the native sidecar (target/*-runner, built by bench/run.sh or ./mvnw package -Dnative):
#   1. the build's own breakdown: code area and image heap, and their largest origins (from the build log, or the
#      build-output JSON that Quarkus has native-image write);
#   2. memory at run time: RSS split into the executable's file-backed pages (code, image heap) and anonymous ones
#      (the Java heap, malloc, thread stacks), and the garbage collector's own log (-XX:+PrintGC) under load;
#   3. CPU: perf record of the process under HS256 and RS256 load, when the kernel lets perf read it
#      (perf_event_paranoid <= 2 for a process of one's own). The shipped executable keeps no symbols of its Java
#      methods (all Java code shows as one IsolateEnterStub frame; libcrypto and the kernel are named): for named
#      Java frames build once with ./mvnw package -Dnative -Dquarkus.native.debug.enabled=true, and for call graphs
#      (inclusive cost per frame) add frame pointers, keeping the built-in options:
#      -Dquarkus.native.additional-build-args=-R:MaxNewSize=6m,-R:MaxHeapSize=20m,-H:InitialCollectionPolicy=BySpaceAndTime,-Os,-H:+PreserveFramePointer
#      The inclusive view: perf report -i target/profile/hs256.perf --children --sort symbol -g none
#
#   bench/profile.sh                 # 10 s of load per scenario
#   bench/profile.sh 5 -Xmx16m       # 5 s, and run-time options for the executable
#   NATIVE=/path/to/other-runner bench/profile.sh 5   # another build of the sidecar
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
native=${NATIVE:-$(ls target/*-runner | head -1)}   # NATIVE=<executable> profiles another build
work=target/profile
rm -rf "$work" && mkdir -p "$work"
# The keys in a folder of their own: the sidecar watches the folders of its key files, and one shared with the log
# it writes would wake the watcher at every line (a cost that showed in an earlier profile, not the sidecar's own).
. bench/sidecar-env.sh
keys="$work/keys"
bench_keys "$keys"
bench_profiles "$keys"
export "${sidecar_env[@]}"

echo "== 1. build breakdown ($native, $(du -m "$native" | cut -f1) MiB)"
stats=$(ls target/*-native-image-source-jar/*build-output*.json 2>/dev/null | head -1 || true)
if [ -n "$stats" ]; then
    python3 - "$stats" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
sizes = b.get("image_details", {})
for part in ("code_area", "image_heap", "debug_info", "runtime_compiled_methods"):
    if part in sizes:
        print("  %-12s %6.1f MiB" % (part, sizes[part].get("bytes", 0) / 2**20))
print("  total        %6.1f MiB" % (sizes.get("total_bytes", 0) / 2**20))
PY
fi
echo "  largest origins of code and heap, as the build printed them (native-image's build output):"
log=$(ls -t target/*-native-image-source-jar/*.log 2>/dev/null | head -1 || true)
[ -n "$log" ] && sed -n '/Top 10 origins of code area/,/^---/p' "$log" | head -16 | sed 's/^/  /' \
    || echo "  (rebuild with ./mvnw package -Dnative | tee build.log and read its 'Top 10 origins' table)"

echo "== 2. memory: RSS by kind, GC log under load"
"$native" -XX:+PrintGC "$@" > "$work/native.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 1000); do curl -fs -o /dev/null http://127.0.0.1:8791/q/health/ready && break; sleep 0.01; done
rss() {
    awk '/^(Rss|Anonymous|Shared_Clean|Private_Clean):/ {printf "%s %.1f MiB  ", $1, $2/1024}' "/proc/$pid/smaps_rollup"; echo
    # the executable's own mapping (code and image heap, read from the file; clean pages the kernel can drop)
    awk -v exe="$(readlink -f "$native")" '$0 ~ /^[0-9a-f]+-/ {cur=$6} /^Rss:/ && cur==exe {s+=$2} END {printf "  of which mapped from the executable: %.1f MiB\n", s/1024}' "/proc/$pid/smaps"
}
echo -n "  idle:        "; rss
load() { BODY=$2 MAX_REQUESTS=100000000 THREADS=2 wrk -t2 -c16 -d"$seconds"s -s bench/post.lua "http://127.0.0.1:8790$1" | grep '^{'; }

echo "== 3. CPU under load (perf, if allowed)"
for scenario in "hs256 /v1/tokens/dg-bench {\"user_id\":\"u\"}" "rs256 /v1/tokens/kindly-bench {\"user_id\":\"u\",\"chat_id\":\"c\"}"; do
    read -r name path body <<< "$scenario"
    # one second of load first: perf -p follows the threads that exist when it attaches, and the audit writer
    # starts with the first token
    BODY=$body MAX_REQUESTS=100000000 THREADS=2 wrk -t2 -c16 -d1s -s bench/post.lua "http://127.0.0.1:8790$path" >/dev/null
    if command -v perf >/dev/null && perf record -q -g -p "$pid" -o "$work/$name.perf" -- sleep 0.1 >/dev/null 2>&1; then
        perf record -q -F 499 -g -p "$pid" -o "$work/$name.perf" -- sleep "$seconds" >/dev/null 2>&1 &
        perf_pid=$!
        load "$path" "$body" > "$work/$name.json"
        wait $perf_pid || true
        echo "  $name: $(cat "$work/$name.json")"
        echo "  $name: hottest functions (self time; perf report -i $work/$name.perf for the call graph):"
        perf report -q -i "$work/$name.perf" --no-children -g none --sort dso,symbol --percent-limit 1.5 --stdio 2>/dev/null \
            | grep -v '^$' | grep '%' | head -25 | sed 's/^/    /'
        echo "  $name: the sidecar's own frames, inclusive (needs an executable with frame pointers, above):"
        perf report -q -i "$work/$name.perf" --children -g none --sort symbol --stdio 2>/dev/null \
            | grep 'dev\.chattoken' | head -15 | sed 's/^/    /' || true
    else
        load "$path" "$body" > "$work/$name.json"
        echo "  $name: $(cat "$work/$name.json") (perf not allowed here: see /proc/sys/kernel/perf_event_paranoid)"
    fi
    echo -n "  after $name: "; rss
done
kill $pid; wait $pid 2>/dev/null || true
trap - EXIT
echo "  garbage collections during the run (-XX:+PrintGC):"
echo "    collections: $(grep -c 'Pause' "$work/native.log" || true) ($(grep -c 'Pause Full GC' "$work/native.log" || true) full), $(grep 'Pause' "$work/native.log" | awk '{ gsub("ms", "", $NF); t += $NF } END { printf "%.0f", t }') ms paused in all"
grep '^\[' "$work/native.log" | tail -3 | sed 's/^/    /' || true
