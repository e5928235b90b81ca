#!/usr/bin/env bash
# Soak: the native sidecar under steady load (HS256 and RS256 at once) for a bounded time while both keys rotate
# the way the kubelet rotates a Secret, then requests, errors (must be 0) and RSS at start, middle and end (must
# stay flat). Writes bench/results/soak-<date>.{md,json} and soak-latest.{md,json}.
#
#   bench/soak.sh            # 10 minutes
#   bench/soak.sh 2          # 2 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
minutes=${1:-10}
rotate_every=${ROTATE_EVERY:-20}
export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$root/target/soak"
rm -rf "$work" && mkdir -p "$work" bench/results
log() { echo "::: soak $(date -u +%H:%M:%S) $*"; }

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if ! ls target/*-runner >/dev/null 2>&1; then
    GRAALVM_HOME=$("$root/../shared/graalvm-kit/assemble.sh") ./mvnw -B -q package -Dnative -DskipTests
fi
native=$(ls target/*-runner | head -1)

# write_version DIR FILE GENERATOR: one AtomicWriter update (new folder, ..data_tmp symlink, rename over ..data)
write_version() {
    local dir=$1 file=$2 generator=$3 stamp old
    stamp="..$(date -u +%Y_%m_%d_%H_%M_%S.%N | cut -c1-23)"
    mkdir "$dir/$stamp"
    $generator "$dir/$stamp/$file"
    old=$(readlink "$dir/..data" 2>/dev/null || true)
    ln -s "$stamp" "$dir/..data_tmp"
    mv -T "$dir/..data_tmp" "$dir/..data"
    [ -e "$dir/$file" ] || ln -s "..data/$file" "$dir/$file"
    [ -z "$old" ] || rm -rf "${dir:?}/$old"
}
rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
secret() { head -c 32 /dev/urandom | base64 | tr -d '=+/' > "$1"; }

mkdir -p "$work/kindly" "$work/dg"
write_version "$work/kindly" private.pem rsa_key
write_version "$work/dg" secret secret

env CHAT_TOKEN_ACTIVE=dg-soak,kindly-soak \
    CHAT_TOKEN_PROFILES_DG_SOAK_VENDOR=dg CHAT_TOKEN_PROFILES_DG_SOAK_KEY_FILE="$work/dg/secret" \
    CHAT_TOKEN_PROFILES_DG_SOAK_KEY_ID=soak-api-key \
    CHAT_TOKEN_PROFILES_KINDLY_SOAK_VENDOR=kindly CHAT_TOKEN_PROFILES_KINDLY_SOAK_KEY_FILE="$work/kindly/private.pem" \
    CHAT_TOKEN_PROFILES_KINDLY_SOAK_ISSUER=https://soak.example \
    QUARKUS_LOG_CATEGORY__CHATTOKEN_AUDIT__LEVEL=WARN \
    "$native" > "$work/sidecar.log" 2>&1 &
pid=$!
trap 'kill $pid $rotator 2>/dev/null || true' EXIT
for _ in $(seq 1 500); do curl -fs -o /dev/null http://127.0.0.1:8791/q/health/ready && break; sleep 0.01; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

( while true; do sleep "$rotate_every"; write_version "$work/kindly" private.pem rsa_key; write_version "$work/dg" secret secret; done ) &
rotator=$!

half=$(( minutes * 30 ))
segment() { # segment NAME: HS256 and RS256 load side by side for half the run
    BODY='{"user_id":"soak"}' THREADS=1 MAX_REQUESTS=100000000 wrk -t1 -c8 -d${half}s --timeout 5s -s bench/post.lua \
        http://127.0.0.1:8790/v1/tokens/dg-soak | grep '^{' > "$work/$1-hs.json" &
    local hs=$!
    BODY='{"user_id":"soak","chat_id":"c"}' THREADS=1 MAX_REQUESTS=100000000 wrk -t1 -c8 -d${half}s --timeout 5s -s bench/post.lua \
        http://127.0.0.1:8790/v1/tokens/kindly-soak | grep '^{' > "$work/$1-rs.json"
    wait "$hs"
}
log "load for $minutes min, keys rotating every ${rotate_every}s"
sleep 5
rss_start=$(rss)
segment first
rss_middle=$(rss)
segment second
rss_end=$(rss)
kill $rotator 2>/dev/null || true
rotations=$(grep -c 'rotated: now signing' "$work/sidecar.log" || true)
refused=$(grep -c 'was refused' "$work/sidecar.log" || true)
kill $pid; wait $pid 2>/dev/null || true

python3 - "$work" "$minutes" "$rss_start" "$rss_middle" "$rss_end" "$rotations" "$refused" <<'PY'
import datetime, json, sys
work, minutes, s, m, e, rotations, refused = sys.argv[1:8]
loads = {f"{seg}-{alg}": json.load(open(f"{work}/{seg}-{alg}.json")) for seg in ("first", "second") for alg in ("hs", "rs")}
requests = sum(l["requests"] for l in loads.values())
errors = sum(v for l in loads.values() for k, v in l.items() if k.startswith("errors_"))
now = datetime.datetime.now(datetime.timezone.utc)
report = {"date": now.isoformat(timespec="seconds"), "command": f"bench/soak.sh {minutes}", "minutes": int(minutes),
          "requests": requests, "errors": errors, "key_rotations_taken": int(rotations), "key_rotations_refused": int(refused),
          "rss_kib": {"start": int(s), "middle": int(m), "end": int(e)}, "segments": loads}
md = (f"# Soak, {now:%Y-%m-%d %H:%M UTC}\n\n`bench/soak.sh {minutes}`: the native sidecar for {minutes} min under HS256 and "
      f"RS256 load at once (wrk, 8 + 8 connections), both keys rotated the kubelet's way every {20}s.\n\n"
      f"| requests | errors | rotations taken | RSS start / middle / end (MB) |\n|---|---|---|---|\n"
      f"| {requests} | {errors} | {rotations} (refused: {refused}) | {int(s)/1024:.1f} / {int(m)/1024:.1f} / {int(e)/1024:.1f} |\n")
stamp = now.strftime("%Y-%m-%dT%H%MZ")
for name in (f"soak-{stamp}", "soak-latest"):
    open(f"bench/results/{name}.md", "w").write(md)
    json.dump(report, open(f"bench/results/{name}.json", "w"), indent=2)
print(md)
sys.exit(0 if errors == 0 else 1)
PY
