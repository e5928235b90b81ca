#!/usr/bin/env bash
# The injector's benchmark: the native executable in its injector role (as the injector chart runs it: HTTPS on the
# management interface, no token listener) against a fake API server (bench/fake-apiserver.py, which answers /version
# and the ChatTokenProfiles over HTTPS as the API server does), and the framework floor's idle RSS for a ratio.
#   - webhook latency per admission, p50/p99/p99.9, for an annotated pod (injected: two profiles read from the API
#     server, checked by the vendors' rules, the sidecar rendered) and for a pod without the annotation (untouched);
#   - the injector's RSS idle, and after a burst of admissions.
# Not a timed test: figures for the README ("The injector", "Benchmark").
#
#   bench/injector.sh [--duration 10] [--burst 20000]
#
# Writes bench/results/injector-<UTC date>.{md,json} and injector-latest.{md,json}. Builds what is missing (the native
# executable and the floor, with ../shared/graalvm-kit); wrk from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration=10
burst=20000
connections=8
threads=2
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        --burst) burst=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$root/target/bench-injector"
rm -rf "$work" && mkdir -p "$work" bench/results
log() { echo "::: bench-injector $(date -u +%H:%M:%S) $*"; }
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

floor=bench/floor/target/framework-floor-1-runner
if [ ! -x "$floor" ]; then
    GRAALVM_HOME=$("$root/../shared/graalvm-kit/assemble.sh") ./mvnw -B -q -f bench/floor/pom.xml package -Dquarkus.native.enabled=true -DskipTests
fi
if ! ls target/*-runner >/dev/null 2>&1; then
    GRAALVM_HOME=$("$root/../shared/graalvm-kit/assemble.sh") ./mvnw -B -q package -Dnative -DskipTests
fi
native=$(ls target/*-runner | head -1)

log "certificates, token, profiles, the sidecar's values"
for name in webhook api; do
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$name" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$work/$name.key" -out "$work/$name.crt" 2>/dev/null
done
echo bench-token > "$work/token"
cat > "$work/profiles.json" <<'JSON'
{"shop/support-dg": {"vendor": "dg", "keyId": "dg-api-key-1", "secret": {"name": "support-dg-key", "key": "secret"}},
 "shop/shop-kindly": {"vendor": "kindly", "issuer": "https://shop.example", "ttl": "5m",
                      "secret": {"name": "shop-kindly-key", "key": "private-key.pem"}}}
JSON
cat > "$work/sidecar.json" <<'JSON'
{"image": {"repository": "chat-token-sidecar", "tag": "0.1.0", "pullPolicy": "IfNotPresent"}, "nativeSidecar": "auto",
 "reloadInterval": "10s", "ports": {"api": 8790, "management": 8791},
 "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
 "securityContext": {"runAsNonRoot": true, "runAsUser": 1001, "readOnlyRootFilesystem": true, "allowPrivilegeEscalation": false,
                     "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}},
 "podSecurityContext": {"fsGroup": 1001},
 "probes": {"startup": {"periodSeconds": 1, "failureThreshold": 30, "timeoutSeconds": 1},
            "readiness": {"periodSeconds": 5, "failureThreshold": 2, "timeoutSeconds": 1},
            "liveness": {"periodSeconds": 10, "failureThreshold": 3, "timeoutSeconds": 1}}}
JSON
review() { # ANNOTATIONS_JSON: an AdmissionReview of a two-container pod
    python3 - "$1" <<'PY'
import json, sys
pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"generateName": "shop-", "namespace": "shop", "annotations": json.loads(sys.argv[1])},
       "spec": {"containers": [{"name": "shop", "image": "registry.example/shop:2.4.1", "env": [{"name": "MODE", "value": "web"}]},
                               {"name": "worker", "image": "registry.example/worker:1"}]}}
print(json.dumps({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                  "request": {"uid": "bench", "namespace": "shop", "operation": "CREATE", "object": pod}}))
PY
}
injected_body=$(review '{"chattoken.dev/inject": "true", "chattoken.dev/profiles": "support-dg,shop-kindly"}')
untouched_body=$(review '{"app.kubernetes.io/version": "2.4.1"}')

api_port=18643
python3 bench/fake-apiserver.py "$api_port" "$work/api.crt" "$work/api.key" bench-token "$work/profiles.json" 20 &
api_pid=$!
trap 'kill $api_pid ${pid:-} 2>/dev/null || true' EXIT
env CHAT_TOKEN_ROLE=injector CHAT_TOKEN_INJECTOR_SIDECAR_VALUES_FILE="$work/sidecar.json" CHAT_TOKEN_INJECTOR_NAMESPACE=chat-token-system \
    CHAT_TOKEN_INJECTOR_KUBERNETES_URL="https://127.0.0.1:$api_port" CHAT_TOKEN_INJECTOR_KUBERNETES_CA_FILE="$work/api.crt" \
    CHAT_TOKEN_INJECTOR_KUBERNETES_TOKEN_FILE="$work/token" QUARKUS_MANAGEMENT_PORT=8443 \
    QUARKUS_MANAGEMENT_SSL_CERTIFICATE_FILES="$work/webhook.crt" QUARKUS_MANAGEMENT_SSL_CERTIFICATE_KEY_FILES="$work/webhook.key" \
    "$native" > "$work/injector.log" 2>&1 &
pid=$!
url=https://127.0.0.1:8443
for _ in $(seq 1 600); do curl -fsk -o /dev/null "$url/q/health/ready" && break; sleep 0.05; done
curl -fsk "$url/q/health/ready" >/dev/null || { echo "the injector did not get ready: $(cat "$work/injector.log")" >&2; exit 1; }
# the answers are what they must be before anything is timed
curl -fsk -X POST -H 'Content-Type: application/json' -d "$injected_body" "$url/webhook/inject" | grep -q '"patchType":"JSONPatch"' \
    || { echo "no patch for the annotated pod" >&2; exit 1; }
curl -fsk -X POST -H 'Content-Type: application/json' -d "$untouched_body" "$url/webhook/inject" | grep -q '"allowed":true}' \
    || { echo "the untouched pod was not simply allowed" >&2; exit 1; }
sleep 2
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
peak() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }
rss_idle=$(rss)
load() { # BODY SECONDS MAX: one JSON line from wrk over HTTPS
    BODY=$1 MAX_REQUESTS=$3 THREADS=$threads wrk -t$threads -c$connections -d"$2"s --timeout 5s -s bench/post.lua "$url/webhook/inject" | grep '^{'
}
log "burst: $burst admissions of annotated pods, then RSS"
burst_line=$(load "$injected_body" 60 "$burst")
rss_burst=$(rss)
log "latency: annotated pods (injected) and pods without the annotation (untouched), ${duration}s each after a 3 s warm-up"
load "$untouched_body" 3 1000000 >/dev/null
untouched=$(load "$untouched_body" "$duration" 1000000)
load "$injected_body" 3 1000000 >/dev/null
injected=$(load "$injected_body" "$duration" 1000000)
rss_after=$(rss)
rss_peak=$(peak)
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=""

log "the framework floor's idle RSS (same start, same wait)"
"$floor" > "$work/floor.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"user_id":"a"}' http://127.0.0.1:8790/echo && break; sleep 0.05; done
sleep 2
floor_idle=$(rss)
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=""

python3 - "$work" "$burst_line" "$untouched" "$injected" "$rss_idle" "$rss_burst" "$rss_after" "$rss_peak" "$floor_idle" \
    "$(stat -c %s "$native")" "$burst" "$duration" "$connections" <<'PY'
import datetime, json, sys
work, burst_line, untouched, injected = sys.argv[1:5]
rss_idle, rss_burst, rss_after, rss_peak, floor_idle, size = (int(x) for x in sys.argv[5:11])
burst, duration, connections = sys.argv[11:14]
b, u, i = json.loads(burst_line), json.loads(untouched), json.loads(injected)
now = datetime.datetime.now(datetime.timezone.utc)
mib = lambda kib: kib / 1024.0
errors = lambda r: sum(v for k, v in r.items() if k.startswith("errors_"))
report = {"date": now.isoformat(timespec="seconds"), "command": "bench/injector.sh --duration %s --burst %s" % (duration, burst),
          "connections": int(connections), "executable_bytes": size, "rss_idle_kib": rss_idle, "rss_after_burst_kib": rss_burst,
          "rss_after_load_kib": rss_after, "rss_peak_kib": rss_peak, "floor_rss_idle_kib": floor_idle,
          "burst": b, "untouched": u, "injected": i}
lines = ["# Injector benchmark, %s" % report["date"], "",
         "`%s`: the native executable in its injector role (HTTPS, %s connections over TLS), a fake API server on the same "
         "machine (bench/fake-apiserver.py), wrk with bench/post.lua. Latency in ms." % (report["command"], connections), "",
         "| | untouched (no annotation) | injected (2 profiles) |", "|---|---|---|",
         "| admissions/s | %.0f | %.0f |" % (u["rps"], i["rps"]),
         "| p50 / p99 / p99.9 | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f |" % (u["p50_us"] / 1e3, u["p99_us"] / 1e3, u["p999_us"] / 1e3,
                                                                     i["p50_us"] / 1e3, i["p99_us"] / 1e3, i["p999_us"] / 1e3),
         "| errors | %d | %d |" % (errors(u), errors(i)), "",
         "| RSS | MiB |", "|---|---|",
         "| idle | %.1f (%.2fx the framework floor's %.1f) |" % (mib(rss_idle), rss_idle / floor_idle, mib(floor_idle)),
         "| after a burst of %s injected admissions (%.0f/s, %d errors) | %.1f |" % (burst, b["rps"], errors(b), mib(rss_burst)),
         "| after the latency runs | %.1f |" % mib(rss_after), "| peak | %.1f |" % mib(rss_peak), "",
         "Executable: %d bytes (%.1f MiB)." % (size, size / 1048576.0)]
stamp = now.strftime("%Y-%m-%dT%H%MZ")
for name in ("injector-" + stamp, "injector-latest"):
    json.dump(report, open("bench/results/%s.json" % name, "w"), indent=2)
    open("bench/results/%s.md" % name, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
