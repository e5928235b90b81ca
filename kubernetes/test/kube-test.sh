#!/usr/bin/env bash
# kube-test.sh - the Helm chart in a real single-node Kubernetes cluster (../shared/kube-kit: v1.20.2, real kubelet,
# containerd, API server), checked as a user runs it. Needs: the image of src/main/docker/test-image.sh (in that
# script's private Podman storage), root, jq, openssl, and ../shared/kube-kit beside the project.
#
# It starts the node (after a reset: no state of an earlier run), imports the sidecar image and an app image of its
# own (Debian's static busybox on scratch, kubernetes/test/app/), creates a Secret per profile, installs the chart
# with Helm (standalone, nativeSidecar=false, imagePullPolicy Never, a caller token) with one profile per vendor of
# the chart's values.schema.json (fixtures: target/kube-vendor-fixtures.jsonl, written by the JVM test suite from each
# vendor's own example, HelmRenderedConfigurationTest), and checks: Ready through the
# chart's probes, the security context as the kernel sees it, the mounted application.yaml against the pod's checksum,
# no service links and no service-account token in the pod (Services named quarkus-http and quarkus-management exist in
# the namespace), the caller token, a token per profile verified here against the Secret's key, a Secret rotated and a
# broken key through the API, nativeSidecar=true and an injected claim name refused by helm install, the embedded
# example chart (with service links and the app's token on: the sidecar is unaffected), and the drain when the pod is
# deleted. Traffic goes only through
# `kubectl exec` (loopback inside the pod) and `kubectl port-forward`; never to a pod IP.
#
# Prints PASS/FAIL per check and "N passed, N failed"; exits non-zero on any failure. The node is stopped whatever
# happens (trap). Never prints a secret, a key or a whole token.
#
# Usage: kubernetes/test/kube-test.sh   (KUBE_KEEP=1: leave the node running at the end, for debugging)
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
KIT=${KUBE_KIT_SCRIPTS:-$ROOT/../shared/kube-kit}
NODE_SH=$KIT/kube-node.sh
HERE=$ROOT/kubernetes/test
CHART=$ROOT/kubernetes/helm/chat-token-sidecar
FIXTURES=${KUBE_VENDOR_FIXTURES:-$ROOT/target/kube-vendor-fixtures.jsonl}
IMAGE_WORK=${CHAT_TOKEN_IMAGE_WORK:-$HOME/.cache/chat-token-sidecar-image}
SIDECAR_REPO=localhost/chat-token-sidecar
SIDECAR_TAG=test
APP_REPO=localhost/kube-ci/app
APP_TAG=1
NS=chat-token-ci
REL=kube-ci
SIDECAR=chat-token-sidecar      # the sidecar's container name (the chart's)
API_PORT=8790
MGMT_PORT=8791
RELOAD_INTERVAL=10              # seconds; the chart's default reloadInterval, rendered explicitly
APP_DRAIN=10                    # seconds the app container keeps running after SIGTERM

T0=$SECONDS
W=$(mktemp -d -t chat-token-kube.XXXXXX)   # mode 0700: the test's keys live here
# until the node starts (then cleanup() also stops it): a setup failure still ends with the summary line
trap 'rc=$?; rm -rf "$W"; echo "kube stage: $pass passed, $fail failed, in $((SECONDS - T0)) s"; exit $rc' EXIT
pass=0
fail=0
failed=()
known_issues=()
bg_pids=()

log() { echo "::: kube $(date -u +%H:%M:%S) (+$((SECONDS - T0)) s) $*"; }
ok() { echo "PASS: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); failed+=("$*"); }
known() { echo "KNOWN: $*"; known_issues+=("$*"); }   # a known sidecar deviation: reported, not a failure
check() { # description command...: PASS when the command succeeds
    local what=$1; shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}
die() { echo "ERROR: $*" >&2; bad "setup: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

k() { kubectl -n "$NS" "$@"; }
h() { "$HELM" -n "$NS" "$@"; }

diagnostics() {
    echo "--- diagnostics (pods, events, sidecar logs) ---"
    k get pods -o wide 2>&1 | head -20
    k get events --sort-by=.lastTimestamp 2>&1 | tail -25
    local p
    for p in $(k get pods -o name 2>/dev/null); do
        echo "--- $p: $SIDECAR log (tail) ---"; k logs "$p" -c "$SIDECAR" --tail 30 2>&1
        echo "--- $p: app log (tail) ---"; k logs "$p" -c app --tail 10 2>&1 || k logs "$p" --all-containers --tail 10 2>&1
    done
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local p
    for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
    if [ "$fail" -gt 0 ] || [ "$rc" -ne 0 ]; then diagnostics; fi
    if [ "${KUBE_KEEP:-0}" = 1 ]; then
        log "KUBE_KEEP=1: the node keeps running; stop it with $NODE_SH stop"
    else
        log "stopping the node"
        "$NODE_SH" stop 2>&1 | tail -1
    fi
    rm -rf "$W"
    echo "kube stage: $pass passed, $fail failed, in $((SECONDS - T0)) s"
    local f
    for f in "${failed[@]}"; do echo "  failed: $f"; done
    for f in "${known_issues[@]}"; do echo "  known issue (not counted as a failure): $f"; done
    if [ "$rc" -eq 0 ] && [ "$fail" -gt 0 ]; then rc=1; fi
    exit "$rc"
}

# ------------------------------------------------------------------ JWT and HMAC, checked here (not by the sidecar)
b64url_dec() { local s=${1//-/+}; s=${s//_//}; while [ $((${#s} % 4)) -ne 0 ]; do s+="="; done; printf '%s' "$s" | base64 -d 2>/dev/null; }
b64url_enc() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
hex_of() { od -An -v -tx1 "$1" | tr -d ' \n'; }
jwt_header() { b64url_dec "${1%%.*}"; }
jwt_payload() { local r=${1#*.}; b64url_dec "${r%%.*}"; }

# verify_jwt TOKEN KIND KEYFILE [ALG]: the signature verifies against the key (hmac: the secret; rsa: KEYFILE.pub, the
# public key only, as a webhook holds it) with ALG, the profile's algorithm (default: HS256 for hmac, RS256 for rsa)
verify_jwt() {
    local t=$1 kind=$2 key=$3 want=${4:-} h p s alg rest digest
    h=${t%%.*}; rest=${t#*.}; p=${rest%%.*}; s=${rest#*.}
    [ -n "$h" ] && [ -n "$p" ] && [ -n "$s" ] && [ "$s" = "${s%%.*}" ] || return 1
    alg=$(b64url_dec "$h" | jq -r .alg 2>/dev/null)
    case $kind in
        hmac)
            [ "$alg" = "${want:-HS256}" ] && [ "$alg" = HS256 ] || return 1
            [ "$(printf '%s' "$h.$p" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(hex_of "$key")" -binary | b64url_enc)" = "$s" ]
            ;;
        rsa)
            [ "$alg" = "${want:-RS256}" ] || return 1
            case $alg in RS256) digest=-sha256 ;; RS512) digest=-sha512 ;; *) return 1 ;; esac
            b64url_dec "$s" > "$W/sig.bin"; printf '%s' "$h.$p" > "$W/signed.txt"
            openssl dgst "$digest" -verify "$key.pub" -signature "$W/sig.bin" "$W/signed.txt" >/dev/null 2>&1
            ;;
        *) return 1 ;;
    esac
}

# verify_answer VENDOR ANSWER_JSON KEYFILE: the answer's token is right for the vendor's fixture, against KEYFILE
# (WHY says what was checked, or what failed)
verify_answer() {
    local v=$1 answer=$2 key=$3 token kind=${FX_KEY[$1]} how=${FX_ANSWER[$1]} want got
    token=$(jq -r '.token // empty' <<<"$answer" 2>/dev/null)
    [ -n "$token" ] || { WHY="no token in the answer"; return 1; }
    case $how in
        jwt)
            verify_jwt "$token" "$kind" "$key" "${FX_ALG[$v]:-}" || { WHY="signature does not verify with the key"; return 1; }
            WHY="$(jwt_header "$token" | jq -r .alg) signature verified"
            want=$(jq -r '.kid // empty' <<<"${FX_EXPECT[$v]:-"{}"}")
            if [ -n "$want" ]; then
                got=$(jwt_header "$token" | jq -r '.kid // empty')
                [ "$got" = "$want" ] || { WHY="kid is '$got', the profile's is '$want'"; return 1; }
                WHY+=", kid = $want"
            fi
            want=$(jq -r '.iss // empty' <<<"${FX_EXPECT[$v]:-"{}"}")
            if [ -n "$want" ]; then
                got=$(jwt_payload "$token" | jq -r '.iss // empty')
                [ "$got" = "$want" ] || { WHY="iss is '$got', the profile's is '$want'"; return 1; }
                WHY+=", iss = $want"
            fi
            ;;
        hmac-hex | hmac-base64)
            if [ "$how" = hmac-hex ]; then
                want=$(printf '%s' "${FX_MESSAGE[$v]}" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(hex_of "$key")" | awk '{ print $NF }')
            else
                want=$(printf '%s' "${FX_MESSAGE[$v]}" | openssl dgst -sha256 -binary -mac HMAC -macopt "hexkey:$(hex_of "$key")" | base64 -w0)
            fi
            [ "$token" = "$want" ] || { WHY="not the HMAC-SHA256 of the profile's message"; return 1; }
            WHY="HMAC-SHA256 ($how) of the profile's message verified"
            ;;
        *) WHY="unknown answer kind '$how' in $FIXTURES"; return 1 ;;
    esac
}

# in_root ROOT PATH: ROOT/PATH with each symlink of PATH resolved inside ROOT, as the container sees it (an absolute
# link such as Debian's /var/run -> /run is relative to the container's root, not the node's)
in_root() {
    local root=$1 rest=${2#/} done="" part link n=0
    while [ -n "$rest" ]; do
        part=${rest%%/*}
        if [ "$part" = "$rest" ]; then rest=""; else rest=${rest#*/}; fi
        case $part in "" | .) continue ;; ..) done=${done%/*}; continue ;; esac
        if [ -L "$root$done/$part" ] && [ $((n += 1)) -lt 40 ]; then
            link=$(readlink "$root$done/$part")
            case $link in /*) done="" ;; esac
            rest=${link#/}${rest:+/$rest}
        else
            done=$done/$part
        fi
    done
    echo "$root$done"
}

# ------------------------------------------------------------------ keys
new_key() { # KIND FILE: a fresh key (rsa: FILE is the private PEM, FILE.pub the public key)
    case $1 in
        hmac) openssl rand -hex 32 | tr -d '\n' > "$2" ;;
        rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" 2>/dev/null \
                 && openssl pkey -in "$2" -pubout -out "$2.pub" 2>/dev/null ;;
        *) return 1 ;;
    esac
}
secret_key_name() { case $1 in rsa) echo private-key.pem ;; *) echo secret ;; esac; }
put_secret() { # NAME KEY FILE: create or update the Secret through the API (kubectl apply), as docs/kubernetes.md "Rotating a key"
    k create secret generic "$1" --from-file="$2=$3" --dry-run=client -o yaml | k apply -f - >/dev/null
}

# ------------------------------------------------------------------ requests from inside the pod
# call POD CONTAINER [VAR=value...] METHOD PATH [BODY]: sets STATUS and BODY (the answer's body, one JSON line)
call() {
    local pod=$1 c=$2 out; shift 2
    out=$(timeout -k 5 60 kubectl -n "$NS" exec "$pod" -c "$c" -- env "$@" 2>/dev/null | tr -d '\r') # a hung exec must not hang CI
    STATUS=$(head -1 <<<"$out" | awk '{ print $2 }')
    BODY=$(awk 'f { print } /^$/ { f = 1 }' <<<"$out")
}
mint() { call "$1" "${3:-app}" http POST "/v1/tokens/$2" "${FX_BODY[$2]}"; }
problem_type() { jq -r '.type // empty' <<<"$BODY" 2>/dev/null | sed 's/.*problem://'; }

pod_of() { # RELEASE-label value: the name of the release's running (not terminating) pod
    k get pods -l "app.kubernetes.io/instance=$1" -o json \
        | jq -r '[.items[] | select(.metadata.deletionTimestamp == null)][0].metadata.name // empty'
}
sidecar_status() { k get pod "$1" -o json | jq -c --arg c "$SIDECAR" '.status.containerStatuses[] | select(.name == $c)'; }

port_forward() { # POD PORT: starts kubectl port-forward on a random local port, sets PF_PORT
    local log=$W/pf-$RANDOM.log i
    k port-forward "pod/$1" ":$2" > "$log" 2>&1 &
    bg_pids+=($!)
    PF_PORT=""
    for ((i = 0; i < 80; i++)); do
        PF_PORT=$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$log" | head -1)
        [ -n "$PF_PORT" ] && return 0
        sleep 0.25
    done
    echo "port-forward did not start: $(cat "$log")" >&2
    return 1
}

# ------------------------------------------------------------------ the fixture table, and the schema's vendors
declare -A FX_KEY FX_ALG FX_ANSWER FX_VALUES FX_BODY FX_MESSAGE FX_EXPECT
FX_VENDORS=()
load_fixtures() {
    local line v
    [ -s "$FIXTURES" ] || die "no $FIXTURES: run the JVM tests first (./mvnw verify writes it)"
    while IFS= read -r line; do
        v=$(jq -r .vendor <<<"$line") || die "$FIXTURES: malformed line"
        FX_VENDORS+=("$v")
        FX_KEY[$v]=$(jq -r .key <<<"$line")
        FX_ALG[$v]=$(jq -r '.alg // empty' <<<"$line")
        FX_ANSWER[$v]=$(jq -r .answer <<<"$line")
        FX_VALUES[$v]=$(jq -c '.values | del(.vendor, .secret)' <<<"$line")
        FX_BODY[$v]=$(jq -r .body <<<"$line")
        FX_MESSAGE[$v]=$(jq -r '.message // empty' <<<"$line")
        FX_EXPECT[$v]=$(jq -c '.expect // {}' <<<"$line")
        case ${FX_KEY[$v]} in hmac | rsa) ;; *) die "$FIXTURES: vendor '$v' needs a key of family '${FX_KEY[$v]}', which this test cannot make yet" ;; esac
    done < "$FIXTURES"
}
# Every string the schema enumerates for a profile's vendor (enum, const, anyOf/oneOf; one level of $ref).
schema_vendors() {
    jq -r '. as $root
        | [ .. | objects | select((.properties? | type) == "object") | .properties.vendor // empty
            | if type == "object" and has("$ref") then . as $v | $root | getpath($v["$ref"] | ltrimstr("#/") | split("/")) else . end
            | objects | ((.enum // [])[], (.const // empty), ((.anyOf // .oneOf // [])[] | (.const // empty), (.enum // [])[])) ]
        | map(select(type == "string")) | unique | .[]' "$CHART/values.schema.json"
}

# ================================================================== setup
command -v jq >/dev/null && command -v openssl >/dev/null || { echo "needs jq and openssl" >&2; exit 1; }
[ -x "$NODE_SH" ] || { echo "no $NODE_SH (../shared/kube-kit beside the project)" >&2; exit 1; }

log "vendors: the chart's values.schema.json against $FIXTURES"
load_fixtures
mapfile -t SCHEMA_VENDORS < <(schema_vendors)
[ "${#SCHEMA_VENDORS[@]}" -gt 0 ] || die "no vendor enum found in $CHART/values.schema.json"
VENDORS=()    # the vendors whose tokens the sidecar signs: each token verified here
UPSTREAM=()   # the vendors whose tokens only their API issues: unreachable from this cluster, so answered 503
for v in "${SCHEMA_VENDORS[@]}"; do
    if [ -z "${FX_KEY[$v]:-}" ]; then bad "vendor '$v' of values.schema.json has no fixture in $FIXTURES (made from the vendors' examples)"
    elif [ "${FX_ANSWER[$v]}" = upstream ]; then UPSTREAM+=("$v")
    else VENDORS+=("$v"); fi
done
for v in "${FX_VENDORS[@]}"; do
    printf '%s\n' "${SCHEMA_VENDORS[@]}" | grep -qx -- "$v" || bad "$FIXTURES has a fixture for '$v', which values.schema.json does not accept"
done
echo "schema vendors: ${SCHEMA_VENDORS[*]}; with a fixture: ${VENDORS[*]}; from the vendor's API: ${UPSTREAM[*]}"
HMAC_V=""; RSA_V=""   # the profiles rotated and broken below: the first JWT one of each key kind
for v in "${VENDORS[@]}"; do
    [ "${FX_ANSWER[$v]}" = jwt ] || continue
    [ "${FX_KEY[$v]}" = hmac ] && [ -z "$HMAC_V" ] && HMAC_V=$v
    [ "${FX_KEY[$v]}" = rsa ] && [ -z "$RSA_V" ] && RSA_V=$v
done
[ -n "$HMAC_V" ] && [ -n "$RSA_V" ] || die "the fixtures need a JWT vendor with an hmac key and one with an rsa key"

log "node: build (the first run installs Debian packages and compiles Kubernetes, 12-22 min; cached afterwards), Helm"
"$NODE_SH" build || die "kube-node.sh build failed"
HELM=$("$KIT/get-helm.sh") || die "get-helm.sh failed"
eval "$("$NODE_SH" env)"
"$HELM" version --short

log "node: reset (no state of an earlier run) and start"
trap cleanup EXIT
trap 'exit 130' INT TERM
"$NODE_SH" reset 2>&1 | tail -1
t=$(now)
# the API server on all addresses: the injector's pod reaches it on the bridge's gateway (there is no kube-proxy)
KUBE_APISERVER_ARGS="--bind-address=0.0.0.0" "$NODE_SH" start 2>&1 | tail -1
[ "${PIPESTATUS[0]}" = 0 ] || die "kube-node.sh start failed"
echo "node Ready in $(since "$t") s"
SERVER_VERSION=$(kubectl version -o json 2>/dev/null | jq -r .serverVersion.gitVersion)
NODE=$(kubectl get nodes -o jsonpath='{.items[0].metadata.name}')
echo "API server $SERVER_VERSION, node $NODE"

log "images: the sidecar from test-image.sh's storage, the app (busybox-static on scratch)"
t=$(now)
CONTAINERS_CONF=$IMAGE_WORK/containers.conf CONTAINERS_STORAGE_CONF=$IMAGE_WORK/storage.conf \
    podman --cgroup-manager=cgroupfs save -q --format docker-archive -o "$W/sidecar.tar" "$SIDECAR_REPO:$SIDECAR_TAG" \
    || die "no $SIDECAR_REPO:$SIDECAR_TAG in $IMAGE_WORK: run src/main/docker/test-image.sh first"
"$NODE_SH" image-import "$W/sidecar.tar" >/dev/null 2>&1 || die "image-import of the sidecar failed"
rm -f "$W/sidecar.tar"
mkdir -p "$W/app/rootfs/bin"
cp "$HERE/app/Containerfile" "$W/app/"
[ "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null)" = "install ok installed" ] || die "busybox-static is not installed"
cp /bin/busybox "$W/app/rootfs/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$W/app/rootfs/bin/$a"; done
install -m 0755 "$HERE/app/app" "$HERE/app/http" "$W/app/rootfs/bin/"
"$NODE_SH" image-build "$APP_REPO:$APP_TAG" "$W/app" >/dev/null 2>&1 || die "image-build of the app failed"
echo "images imported in $(since "$t") s: $(ctr images ls -q | grep -E "^($SIDECAR_REPO|$APP_REPO):" | tr '\n' ' ')"

log "Secrets: a fresh key per profile, and the caller token"
kubectl create namespace "$NS" >/dev/null || die "namespace"
# Services whose link variables would be QUARKUS_HTTP_PORT=tcp://<ip>:80 and QUARKUS_MANAGEMENT_PORT=tcp://<ip>:80 in
# every container of a pod with service links on (the pods check that the sidecar is not affected)
for s in quarkus-http quarkus-management; do k create service clusterip "$s" --tcp=80:80 >/dev/null || die "Service $s"; done
mkdir -p "$W/keys"
declare -A KEY   # the key each profile's Secret holds now (rsa: with .pub beside it)
for v in "${VENDORS[@]}" "${UPSTREAM[@]}"; do
    KEY[$v]=$W/keys/$v.0
    new_key "${FX_KEY[$v]}" "${KEY[$v]}" || die "key for $v"
    put_secret "kube-ci-$v" "$(secret_key_name "${FX_KEY[$v]}")" "${KEY[$v]}" || die "Secret for $v"
done
openssl rand -hex 24 | tr -d '\n' > "$W/keys/caller"
put_secret kube-ci-caller token "$W/keys/caller" || die "caller Secret"

profiles='{}'
app_requests=""
for v in "${VENDORS[@]}" "${UPSTREAM[@]}"; do
    profiles=$(jq -c --arg v "$v" --arg s "kube-ci-$v" --arg k "$(secret_key_name "${FX_KEY[$v]}")" --argjson x "${FX_VALUES[$v]}" \
        '. + {($v): ({vendor: $v, secret: {name: $s, key: $k}} + $x)}' <<<"$profiles")
    [ "${FX_ANSWER[$v]}" = upstream ] || app_requests+="$v ${FX_BODY[$v]}"$'\n'
done
jq -n --argjson profiles "$profiles" --arg reqs "$app_requests" --arg sr "$SIDECAR_REPO" --arg st "$SIDECAR_TAG" \
    --arg ar "$APP_REPO" --arg at "$APP_TAG" --arg reload "${RELOAD_INTERVAL}s" --arg drain "$APP_DRAIN" '{
    nativeSidecar: false,
    image: {repository: $sr, tag: $st, pullPolicy: "Never"},
    reloadInterval: $reload,
    callerToken: {secretName: "kube-ci-caller", key: "token"},
    profiles: $profiles,
    app: {
        name: "app",
        image: {repository: $ar, tag: $at, pullPolicy: "Never"},
        env: [{name: "APP_REQUESTS", value: $reqs}, {name: "APP_PERIOD", value: "3"}, {name: "APP_DRAIN", value: $drain}],
        securityContext: {runAsUser: 1002, runAsNonRoot: true, readOnlyRootFilesystem: true,
                          allowPrivilegeEscalation: false, capabilities: {drop: ["ALL"]}},
        volumeMounts: [{name: "chat-token-caller", mountPath: "/var/run/secrets/chat-token-caller", readOnly: true}]
    }
}' > "$W/values.json"

# ================================================================== nativeSidecar: true before 1.29
log "nativeSidecar=true against the $SERVER_VERSION API server"
out=$(h install kube-ci-native "$CHART" -f "$W/values.json" --set nativeSidecar=true 2>&1); rc=$?
if [ "$rc" -ne 0 ] && grep -q "nativeSidecar=true needs Kubernetes 1.29 or newer (here: $SERVER_VERSION)" <<<"$out"; then
    ok "helm install with nativeSidecar=true refused on $SERVER_VERSION: $(grep -o 'nativeSidecar=true needs[^:]*' <<<"$out" | head -1)"
else
    bad "helm install with nativeSidecar=true on $SERVER_VERSION: exit $rc, $(tail -1 <<<"$out")"
fi
check "nothing of the refused release reached the cluster" \
    test -z "$(h list -a -q | grep -x kube-ci-native; k get deploy,cm -o name | grep kube-ci-native)"

# ================================================================== an injected claim name
log "a claim name that would add a key to the sidecar's configuration (quarkus.http.host=0.0.0.0)"
jq -n --arg s "kube-ci-$HMAC_V" '{profiles: {inject: {vendor: "jwt", algorithm: "HS256", secret: {name: $s, key: "secret"},
    claims: {sub: "{user_id}", "x\nquarkus\\u002ehttp\\u002ehost": "0.0.0.0"}}}}' > "$W/inject.json"
out=$(h install kube-ci-inject "$CHART" -f "$W/values.json" -f "$W/inject.json" 2>&1); rc=$?
check "helm install refuses it by the chart's schema (exit $rc: $(grep -o 'profiles.inject.claims: Property name of.*' <<<"$out" | head -1)...)" \
    bash -c '[ "$1" -ne 0 ] && grep -q "profiles.inject.claims: Property name of" <<<"$2"' _ "$rc" "$out"
out=$(h install kube-ci-inject "$CHART" -f "$W/values.json" -f "$W/inject.json" --skip-schema-validation 2>&1); rc=$?
check "helm install --skip-schema-validation refuses it by the chart's templates (exit $rc: $(grep -o 'profiles.inject.claims: the name .* is refused' <<<"$out" | head -1))" \
    bash -c '[ "$1" -ne 0 ] && grep -qF "profiles.inject.claims: the name \"x\\nquarkus" <<<"$2"' _ "$rc" "$out"
check "nothing of the refused release reached the cluster" \
    test -z "$(h list -a -q | grep -x kube-ci-inject; k get deploy,cm -o name | grep kube-ci-inject)"

# ================================================================== install
log "helm install $REL (standalone, nativeSidecar=false, $((${#VENDORS[@]} + ${#UPSTREAM[@]})) profiles, caller token) --wait"
t=$(now)
if h install "$REL" "$CHART" -f "$W/values.json" --wait --timeout 180s >/dev/null; then
    ok "helm install --wait: the Deployment is available after $(since "$t") s"
else
    bad "helm install --wait did not complete"
fi
POD=$(pod_of "$REL")
[ -n "$POD" ] || die "no pod of release $REL"
k get pod "$POD" -o json > "$W/pod.json"
jq_pod() { jq -r "$@" "$W/pod.json"; }
sc='.spec.containers[] | select(.name == "chat-token-sidecar")'
check "pod $POD Ready (condition Ready=True)" \
    test "$(jq_pod '.status.conditions[] | select(.type == "Ready") | .status')" = True
check "sidecar container started (its startup probe passed) and ready (its readiness probe passed)" \
    test "$(jq_pod --arg c "$SIDECAR" '.status.containerStatuses[] | select(.name == $c) | "\(.started) \(.ready)"')" = "true true"
for probe in startup:started readiness:ready liveness:live; do
    check "the chart's ${probe%%:*}Probe is an HTTP GET of /q/health/${probe#*:} on the management port $MGMT_PORT" \
        test "$(jq_pod "$sc | .${probe%%:*}Probe.httpGet | \"\(.path) \(.port)\"")" = "/q/health/${probe#*:} $MGMT_PORT"
done
check "the sidecar is a classic container (nativeSidecar=false): no init containers" test "$(jq_pod '.spec.initContainers // [] | length')" = 0
check "image $SIDECAR_REPO:$SIDECAR_TAG with imagePullPolicy Never" \
    test "$(jq_pod "$sc | \"\(.image) \(.imagePullPolicy)\"")" = "$SIDECAR_REPO:$SIDECAR_TAG Never"

if port_forward "$POD" "$MGMT_PORT"; then
    MGMT=http://127.0.0.1:$PF_PORT
    for p in started ready live; do
        check "GET /q/health/$p through kubectl port-forward: 200 UP" \
            sh -c "curl -fsS --max-time 10 '$MGMT/q/health/$p' | jq -e '.status == \"UP\"' >/dev/null"
    done
else
    bad "kubectl port-forward to the management port"
    MGMT=http://127.0.0.1:1
fi

# ================================================================== security, as the kernel and the API see it
log "security context of the sidecar"
CID=$(jq_pod --arg c "$SIDECAR" '.status.containerStatuses[] | select(.name == $c) | .containerID' | sed 's|^containerd://||')
PID=$(ctr tasks ls 2>/dev/null | awk -v id="$CID" '$1 == id { print $2 }')
if [ -n "$PID" ] && [ -r "/proc/$PID/status" ]; then
    st=/proc/$PID/status
    field() { awk -v f="$1:" '$1 == f { $1 = ""; print substr($0, 2) }' "$st"; }
    check "runs as UID 1001 (real, effective, saved)" test "$(field Uid | awk '{ print $1, $2, $3 }')" = "1001 1001 1001"
    check "fsGroup 1001 among its groups (groups: $(field Groups))" grep -qw 1001 <<<"$(field Groups)"
    check "no capabilities: effective, permitted and bounding sets empty" \
        test "$(field CapEff) $(field CapPrm) $(field CapBnd)" = "0000000000000000 0000000000000000 0000000000000000"
    check "no_new_privs set, seccomp filtering (RuntimeDefault)" test "$(field NoNewPrivs) $(field Seccomp)" = "1 2"
    check "root file system mounted read-only in the container" \
        grep -q '^ro,\|,ro,\|,ro$\|^ro$' <<<"$(awk '$5 == "/" { print $6 }' "/proc/$PID/mountinfo")"
    if out=$( (: > "/proc/$PID/root/kube-ci-write-test") 2>&1); then
        rm -f "/proc/$PID/root/kube-ci-write-test"; bad "a file could be written to the container's root file system"
    else
        check "writing to the container's root file system fails, even as root: ${out##*: }" grep -q 'Read-only file system' <<<"$out"
    fi
    for v in "${VENDORS[@]}"; do
        f=/var/run/secrets/chat-token/$v/$(secret_key_name "${FX_KEY[$v]}")
        check "$v: key file $f mounted 0440, owner root, group fsGroup 1001, from a directory mount (..data)" \
            test "$(stat -c '%a %u %g' "$(in_root "/proc/$PID/root" "$f")") $(test -L "$(in_root "/proc/$PID/root" "$(dirname "$f")")/..data" && echo dir)" = "440 0 1001 dir"
    done
    # /proc/net/tcp{,6} of the pod's network namespace: local address and port in hex, state 0A = LISTEN
    listening() { cat "/proc/$PID/net/tcp" "/proc/$PID/net/tcp6" 2>/dev/null | awk -v p="$(printf ':%04X' "$1")" '$4 == "0A" && toupper($2) ~ p "$" { sub(/:.*/, "", $2); print toupper($2) }' | paste -sd' '; }
    api_listen=$(listening "$API_PORT"); mgmt_listen=$(listening "$MGMT_PORT")
    # 127.0.0.1 as IPv4 (0100007F) or as IPv4-mapped IPv6 (::ffff:127.0.0.1); all addresses as 0.0.0.0 or ::
    check "token API listens on 127.0.0.1:$API_PORT only ($api_listen), management on all addresses :$MGMT_PORT ($mgmt_listen)" \
        bash -c '[[ $1 =~ ^(0100007F|0000000000000000FFFF00000100007F)$ ]] && [[ $2 =~ ^(00000000|0{32})$ ]]' _ "$api_listen" "$mgmt_listen"
else
    bad "no process of the sidecar container $CID in the node's containerd"
fi
check "API: pod securityContext fsGroup 1001, sidecar runAsNonRoot, UID 1001, readOnlyRootFilesystem, drop ALL, no privilege escalation" \
    test "$(jq_pod "(.spec.securityContext.fsGroup | tostring) + \" \" + ($sc | .securityContext | \"\(.runAsNonRoot) \(.runAsUser) \(.readOnlyRootFilesystem) \(.capabilities.drop | join(\",\")) \(.allowPrivilegeEscalation)\")")" = "1001 true 1001 true ALL false"
check "API: every Secret volume of the chart has defaultMode 0440 (288)" \
    test "$(jq_pod '[.spec.volumes[] | select(.secret and (.name | startswith("chat-token"))) | .secret.defaultMode] | unique | map(tostring) | join(",")')" = 288
out=$(k exec "$POD" -c app -- sh -c 'id -u; stat -L -c "%a %u %g" /var/run/secrets/chat-token-caller/token; cat /var/run/secrets/chat-token-caller/token >/dev/null && echo readable' 2>&1 | tr '\n' ' ')
check "from inside the pod: the app (UID 1002) reads the caller token, mounted 0440 root:1001, through the fsGroup ($out)" \
    test "$out" = "1002 440 0 1001 readable "

# ================================================================== the pod: configuration, service links, service-account token
log "the pod: its configuration, service links, the service-account token"
SA_DIR=/var/run/secrets/kubernetes.io/serviceaccount
check "API: enableServiceLinks false and automountServiceAccountToken false" \
    test "$(jq_pod '"\(.spec.enableServiceLinks) \(.spec.automountServiceAccountToken)"')" = "false false"
if [ -n "$PID" ] && [ -r "/proc/$PID/environ" ]; then
    sidecar_env=$(tr '\0' '\n' < "/proc/$PID/environ")
    # (KUBERNETES_SERVICE_HOST is always there: the API server's own Service, whatever enableServiceLinks says)
    check "the sidecar's environment has no link of the Services quarkus-http and quarkus-management ($(grep -c '_SERVICE_HOST=' <<<"$sidecar_env") *_SERVICE_HOST: $(grep -o '^[A-Z_]*_SERVICE_HOST' <<<"$sidecar_env" | paste -sd' ')) and its own listeners ($(grep -E '^QUARKUS_(HTTP|MANAGEMENT)_(HOST|PORT)=' <<<"$sidecar_env" | paste -sd' '))" \
        bash -c '! grep -q "^QUARKUS_[A-Z_]*_SERVICE_HOST=" <<<"$1" && grep -qx "QUARKUS_HTTP_HOST=127.0.0.1" <<<"$1" && grep -qx "QUARKUS_HTTP_PORT='"$API_PORT"'" <<<"$1"' _ "$sidecar_env"
    sa=$(in_root "/proc/$PID/root" "$SA_DIR")
    check "no service-account token in the sidecar container: $SA_DIR is an empty directory ($(ls -A "$sa" 2>&1 | wc -l) entries)" \
        bash -c '[ -d "$1" ] && [ -z "$(ls -A "$1")" ]' _ "$sa"
    conf=$(in_root "/proc/$PID/root" /etc/chat-token-sidecar/application.yaml)
    check "the mounted application.yaml's SHA-256 is the pod's checksum annotation" \
        test "$(sha256sum "$conf" | cut -d' ' -f1)" = "$(jq_pod -r '.metadata.annotations["checksum/chat-token-sidecar-config"]')"
else
    bad "no process of the sidecar container to read its environment and file system"
fi
check "no service-account token in the app container either" \
    test "$(k exec "$POD" -c app -- sh -c "ls -A $SA_DIR 2>/dev/null | wc -l")" = 0

# ================================================================== caller token
log "caller token (callerToken.secretName)"
call "$POD" app CALLER=0 http GET /v1/profiles
check "GET /v1/profiles without X-Chat-Token-Caller: 401 caller-unauthenticated (got $STATUS $(problem_type))" \
    test "$STATUS $(problem_type)" = "401 caller-unauthenticated"
call "$POD" app CALLER=0 http POST "/v1/tokens/$HMAC_V" "${FX_BODY[$HMAC_V]}"
check "POST /v1/tokens/$HMAC_V without X-Chat-Token-Caller: 401 (got $STATUS)" test "$STATUS" = 401
call "$POD" app http GET /v1/profiles
check "GET /v1/profiles with X-Chat-Token-Caller: 200 listing every profile (got $STATUS)" \
    test "$STATUS $(jq -r '[.[].name] | sort | join(",")' <<<"$BODY" 2>/dev/null)" = "200 $(printf '%s\n' "${VENDORS[@]}" "${UPSTREAM[@]}" | sort | paste -sd,)"
call "$POD" app CALLER_TOKEN=not-the-caller-token http POST "/v1/tokens/$HMAC_V" "${FX_BODY[$HMAC_V]}"
check "POST /v1/tokens/$HMAC_V with a wrong X-Chat-Token-Caller: 401 caller-unauthenticated (got $STATUS $(problem_type))" \
    test "$STATUS $(problem_type)" = "401 caller-unauthenticated"

# ================================================================== a token per profile, verified here
log "a token for each profile from the app container, verified outside the pod against the Secret's key"
for v in "${VENDORS[@]}"; do
    mint "$POD" "$v"
    if [ "$STATUS" = 200 ] && verify_answer "$v" "$BODY" "${KEY[$v]}"; then
        ok "$v (${FX_KEY[$v]}): 200, $WHY"
    else
        bad "$v: status $STATUS, ${WHY:-} $( [ "$STATUS" = 200 ] || echo "$BODY")"
    fi
done
# a vendor whose token only its API issues: no vendor is reachable from this cluster, which is an outage to the sidecar
for v in "${UPSTREAM[@]}"; do
    mint "$POD" "$v"
    check "$v: the vendor's API unreachable from the cluster: 503 upstream-unavailable (got $STATUS $(problem_type))" \
        test "$STATUS $(problem_type)" = "503 upstream-unavailable"
done
if [ "${#UPSTREAM[@]}" -gt 0 ]; then
    check "readiness stays UP while the vendors' APIs are unreachable" \
        sh -c "curl -fsS --max-time 10 '$MGMT/q/health/ready' | jq -e '.status == \"UP\"' >/dev/null"
fi
sleep 3   # one more round of the app's loop (APP_PERIOD 3 s)
app_line=$(k logs "$POD" -c app --tail 1)
check "the app container's own loop got 200 for every profile over 127.0.0.1 (its log: $app_line)" \
    test "$(grep -o ' [a-z0-9-]*=200' <<<"$app_line" | wc -l)" = "${#VENDORS[@]}"
RESTARTS0=$(sidecar_status "$POD" | jq -r .restartCount)
POD_UID=$(jq_pod .metadata.uid)
# public_key_pem V: GET /v1/profiles/V/public-key.pem from the app container (sets STATUS and BODY, LF line ends)
public_key_pem() { call "$POD" app ACCEPT=application/x-pem-file http GET "/v1/profiles/$1/public-key.pem"; }
for v in "${VENDORS[@]}"; do
    [ "${FX_KEY[$v]}" = rsa ] || continue
    public_key_pem "$v"
    check "$v: public-key.pem is 200 and the very PEM openssl writes for the Secret's public key (got $STATUS)" \
        test "$STATUS $BODY" = "200 $(cat "${KEY[$v]}.pub")"
done
call "$POD" app ACCEPT=application/x-pem-file http GET "/v1/profiles/$HMAC_V/public-key.pem"
check "$HMAC_V: public-key.pem of an HMAC profile is 404 no-public-key (got $STATUS $(problem_type))" \
    test "$STATUS $(problem_type)" = "404 no-public-key"

# ================================================================== rotation through the API
SYNC=$(kubectl get --raw "/api/v1/nodes/$NODE/proxy/configz" 2>/dev/null | jq -r '.kubeletconfig.syncFrequency // "60s"')
if [[ $SYNC =~ ^([0-9]+)s$ ]]; then SYNC_S=${BASH_REMATCH[1]}; elif [[ $SYNC =~ ^([0-9]+)m0?s?$ ]]; then SYNC_S=$((BASH_REMATCH[1] * 60)); else SYNC_S=60; fi
# the kubelet resyncs a pod every syncFrequency plus a jitter of up to half of it; the sidecar watches the folder,
# reloadInterval is its backstop
BOUND=$((SYNC_S * 3 / 2 + RELOAD_INTERVAL + 5))
log "rotation of $HMAC_V and $RSA_V through the API (kubelet syncFrequency $SYNC, reloadInterval ${RELOAD_INTERVAL}s: bound ${BOUND}s)"
declare -A OLD
for v in "$HMAC_V" "$RSA_V"; do
    OLD[$v]=${KEY[$v]}
    KEY[$v]=$W/keys/$v.1
    new_key "${FX_KEY[$v]}" "${KEY[$v]}"
done
t=$(now)
for v in "$HMAC_V" "$RSA_V"; do put_secret "kube-ci-$v" "$(secret_key_name "${FX_KEY[$v]}")" "${KEY[$v]}"; done
declare -A ROTATED_AFTER
while [ -z "${ROTATED_AFTER[$HMAC_V]:-}" ] || [ -z "${ROTATED_AFTER[$RSA_V]:-}" ]; do
    for v in "$HMAC_V" "$RSA_V"; do
        [ -n "${ROTATED_AFTER[$v]:-}" ] && continue
        mint "$POD" "$v"
        if [ "$STATUS" = 200 ] && verify_answer "$v" "$BODY" "${KEY[$v]}"; then ROTATED_AFTER[$v]=$(since "$t"); fi
    done
    awk -v a="$(since "$t")" -v b="$BOUND" 'BEGIN { exit !(a > b) }' && break
    sleep 0.5
done
for v in "$HMAC_V" "$RSA_V"; do
    if [ -n "${ROTATED_AFTER[$v]:-}" ]; then
        ok "$v: tokens signed with the new key ${ROTATED_AFTER[$v]} s after the Secret's update (bound ${BOUND}s)"
        mint "$POD" "$v"
        verify_answer "$v" "$BODY" "${OLD[$v]}" && bad "$v: the token after rotation still verifies with the old key" \
            || ok "$v: the token after rotation no longer verifies with the old key"
    else
        bad "$v: no token signed with the new key within ${BOUND}s of the Secret's update"
    fi
done
modulus_hex() { openssl pkey -pubin -in "$1" -noout -text 2>/dev/null | awk '/^Modulus:/ { f = 1; next } /^Exponent/ { f = 0 } f' | tr -d ' \n:' | sed 's/^00//' | tr a-f A-F; }
jwk_n_hex() { b64url_dec "$1" | od -An -v -tx1 | tr -d ' \n' | sed 's/^00//' | tr a-f A-F; }
call "$POD" app http GET "/v1/profiles/$RSA_V/jwks.json"
jwks_n=$(jq -r '.keys[].n' <<<"$BODY" 2>/dev/null | while read -r n; do jwk_n_hex "$n"; echo; done)
check "$RSA_V: the JWKS publishes the new key and still the old one ($(jq -r '.keys | length' <<<"$BODY" 2>/dev/null) keys)" \
    bash -c 'grep -qx "$1" <<<"$3" && grep -qx "$2" <<<"$3"' _ "$(modulus_hex "${KEY[$RSA_V]}.pub")" "$(modulus_hex "${OLD[$RSA_V]}.pub")" "$jwks_n"
jwks=$BODY
public_key_pem "$RSA_V"
check "$RSA_V: public-key.pem is the new key only" test "$STATUS $BODY" = "200 $(cat "${KEY[$RSA_V]}.pub")"
mint "$POD" "$RSA_V"
kid=$(jwt_header "$(jq -r .token <<<"$BODY")" | jq -r .kid)
check "$RSA_V: the new tokens' kid names the new key in the JWKS" \
    test "$(jwk_n_hex "$(jq -r --arg kid "$kid" '[.keys[] | select(.kid == $kid)][0].n // empty' <<<"$jwks")")" = "$(modulus_hex "${KEY[$RSA_V]}.pub")"
check "no restart: same pod, sidecar restartCount still $RESTARTS0" \
    test "$(k get pod "$POD" -o jsonpath='{.metadata.uid}') $(sidecar_status "$POD" | jq -r .restartCount)" = "$POD_UID $RESTARTS0"

# ================================================================== a broken key keeps the last good one
log "a broken key written to the Secrets of $RSA_V and $HMAC_V"
printf -- '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n' > "$W/keys/broken.pem"
: > "$W/keys/broken.secret"   # an empty HMAC secret
failures_before=$(curl -fsS --max-time 10 "$MGMT/q/metrics" 2>/dev/null | awk -v p="$RSA_V" '$0 ~ "^chat_token_key_reload_failures_total\\{.*profile=\"" p "\"" { print $NF }')
t=$(now)
put_secret "kube-ci-$RSA_V" "$(secret_key_name rsa)" "$W/keys/broken.pem"
put_secret "kube-ci-$HMAC_V" "$(secret_key_name hmac)" "$W/keys/broken.secret"
declare -A ERR_AFTER
not_ready=0
while :; do
    [ "$(k get pod "$POD" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ] || not_ready=$((not_ready + 1))
    call "$POD" app http GET /v1/profiles
    for v in "$RSA_V" "$HMAC_V"; do
        [ -n "${ERR_AFTER[$v]:-}" ] && continue
        reason=$(jq -r --arg v "$v" '.[] | select(.name == $v) | .last_reload_error.reason // empty' <<<"$BODY" 2>/dev/null)
        [ -n "$reason" ] && { ERR_AFTER[$v]=$(since "$t"); echo "$v: last_reload_error after ${ERR_AFTER[$v]} s: $reason"; }
    done
    [ -n "${ERR_AFTER[$RSA_V]:-}" ] && [ -n "${ERR_AFTER[$HMAC_V]:-}" ] && break
    awk -v a="$(since "$t")" -v b="$BOUND" 'BEGIN { exit !(a > b) }' && break
    sleep 0.5
done
for v in "$RSA_V" "$HMAC_V"; do
    check "$v: the broken key shows as last_reload_error in /v1/profiles within ${BOUND}s" test -n "${ERR_AFTER[$v]:-}"
    mint "$POD" "$v"
    if [ "$STATUS" = 200 ] && verify_answer "$v" "$BODY" "${KEY[$v]}"; then ok "$v: the last good key keeps signing: 200, $WHY"
    else bad "$v: with the broken key in the Secret: status $STATUS ${WHY:-}"; fi
done
sleep 6   # one more readiness period (5 s) with the broken keys
[ "$(k get pod "$POD" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ] || not_ready=$((not_ready + 1))
check "the pod stayed Ready through the broken keys (API polled every second: $not_ready samples not Ready)" test "$not_ready" = 0
check "/q/health/ready still 200 UP, naming the profile (reload refused) but no key detail" \
    sh -c "curl -fsS --max-time 10 '$MGMT/q/health/ready' | jq -e --arg p '$RSA_V' '.status == \"UP\" and ([.checks[].data[\$p]?] | index(\"reload refused\"))' >/dev/null && ! curl -fsS --max-time 10 '$MGMT/q/health/ready' | grep -q sha256:"
failures_after=$(curl -fsS --max-time 10 "$MGMT/q/metrics" 2>/dev/null | awk -v p="$RSA_V" '$0 ~ "^chat_token_key_reload_failures_total\\{.*profile=\"" p "\"" { print $NF }')
check "chat_token_key_reload_failures_total{profile=\"$RSA_V\"} went up (${failures_before:-absent} -> ${failures_after:-absent})" \
    awk -v a="${failures_before:-0}" -v b="${failures_after:-0}" 'BEGIN { exit !(b + 0 > a + 0) }'
for v in "$RSA_V" "$HMAC_V"; do
    KEY[$v]=$W/keys/$v.2
    new_key "${FX_KEY[$v]}" "${KEY[$v]}"
    put_secret "kube-ci-$v" "$(secret_key_name "${FX_KEY[$v]}")" "${KEY[$v]}"
done
t=$(now)
while :; do
    call "$POD" app http GET /v1/profiles
    [ "$(jq -r --arg a "$RSA_V" --arg b "$HMAC_V" '[.[] | select(.name == $a or .name == $b) | select(.last_reload_error == null)] | length' <<<"$BODY" 2>/dev/null)" = 2 ] && break
    awk -v a="$(since "$t")" -v b="$BOUND" 'BEGIN { exit !(a > b) }' && break
    sleep 0.5
done
check "the next good key clears last_reload_error ($(since "$t") s)" \
    test "$(jq -r '[.[] | select(.last_reload_error != null)] | length' <<<"$BODY" 2>/dev/null)" = 0
for v in "$RSA_V" "$HMAC_V"; do
    mint "$POD" "$v"
    [ "$STATUS" = 200 ] && verify_answer "$v" "$BODY" "${KEY[$v]}" && ok "$v: signs with the good key written after the broken one" || bad "$v: status $STATUS ${WHY:-}"
done
check "still no restart after rotations and broken keys (restartCount $RESTARTS0)" \
    test "$(k get pod "$POD" -o jsonpath='{.metadata.uid}') $(sidecar_status "$POD" | jq -r .restartCount)" = "$POD_UID $RESTARTS0"

# ================================================================== the embedded example chart
log "the embedded example chart kubernetes/helm/examples/shop"
cp -r "$ROOT/kubernetes/helm" "$W/helm"     # helm dependency update writes charts/ and Chart.lock: not into the tree
"$HELM" dependency update "$W/helm/examples/shop" >/dev/null 2>&1 || bad "helm dependency update of examples/shop"
new_key hmac "$W/keys/shop-dg"; new_key rsa "$W/keys/shop-kindly"
put_secret support-dg-key secret "$W/keys/shop-dg"
put_secret shop-kindly-key private-key.pem "$W/keys/shop-kindly"
# an app that wants service links and its service-account token: the pod gets both, the sidecar neither's harm
shop_set="chat-token-sidecar.image.repository=$SIDECAR_REPO,chat-token-sidecar.image.tag=$SIDECAR_TAG,chat-token-sidecar.image.pullPolicy=Never,image=$APP_REPO:$APP_TAG,enableServiceLinks=true,automountServiceAccountToken=true"
out=$(h install shop-native "$W/helm/examples/shop" --set "$shop_set" 2>&1); rc=$?
check "examples/shop with its default nativeSidecar=true is refused on $SERVER_VERSION" \
    bash -c '[ "$1" -ne 0 ] && grep -q "needs Kubernetes 1.29 or newer" <<<"$2"' _ "$rc" "$out"
t=$(now)
if h install shop "$W/helm/examples/shop" --set "$shop_set,chat-token-sidecar.nativeSidecar=false" --wait --timeout 180s >/dev/null; then
    ok "examples/shop (nativeSidecar=false) installed and available after $(since "$t") s"
else
    bad "helm install of examples/shop did not complete"
fi
SHOP_POD=$(k get pods -l app.kubernetes.io/instance=shop,app.kubernetes.io/name=shop -o jsonpath='{.items[0].metadata.name}')
check "shop pod $SHOP_POD Ready" test "$(k get pod "$SHOP_POD" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True
shop_cid=$(k get pod "$SHOP_POD" -o json | jq -r --arg c "$SIDECAR" '.status.containerStatuses[] | select(.name == $c) | .containerID' | sed 's|^containerd://||')
shop_pid=$(ctr tasks ls 2>/dev/null | awk -v id="$shop_cid" '$1 == id { print $2 }')
if [ -n "$shop_pid" ] && [ -r "/proc/$shop_pid/environ" ]; then
    shop_env=$(tr '\0' '\n' < "/proc/$shop_pid/environ")
    check "shop (service links on): the sidecar has the links of Service quarkus-http, yet its own QUARKUS_HTTP_PORT and QUARKUS_MANAGEMENT_PORT ($(grep -E '^QUARKUS_(HTTP|MANAGEMENT)_(PORT|SERVICE_HOST)=' <<<"$shop_env" | paste -sd' '))" \
        bash -c 'grep -q "^QUARKUS_HTTP_SERVICE_HOST=" <<<"$1" && grep -qx "QUARKUS_HTTP_PORT='"$API_PORT"'" <<<"$1" && grep -qx "QUARKUS_MANAGEMENT_PORT='"$MGMT_PORT"'" <<<"$1"' _ "$shop_env"
    sa=$(in_root "/proc/$shop_pid/root" "$SA_DIR")
    check "shop (automountServiceAccountToken true): no token in the sidecar container ($SA_DIR empty)" \
        bash -c '[ -d "$1" ] && [ -z "$(ls -A "$1")" ]' _ "$sa"
else
    bad "no process of the shop pod's sidecar container"
fi
check "shop: the app container has the pod's service-account token" \
    k exec "$SHOP_POD" -c shop -- test -s "$SA_DIR/token"
FX_KEY[support-dg]=hmac; FX_ANSWER[support-dg]=jwt; FX_VALUES[support-dg]='{}'; FX_BODY[support-dg]=${FX_BODY[dg]:-'{"user_id":"u-1"}'}
FX_KEY[shop-kindly]=rsa; FX_ANSWER[shop-kindly]=jwt; FX_VALUES[shop-kindly]='{"issuer":"https://shop.example"}'
FX_BODY[shop-kindly]=${FX_BODY[kindly]:-'{"user_id":"u-1"}'}
for p in support-dg:shop-dg shop-kindly:shop-kindly; do
    mint "$SHOP_POD" "${p%%:*}" shop
    [ "$STATUS" = 200 ] && verify_answer "${p%%:*}" "$BODY" "$W/keys/${p#*:}" \
        && ok "shop: ${p%%:*} token from the shop container, $WHY" || bad "shop: ${p%%:*}: status $STATUS ${WHY:-}"
done

# ================================================================== drain on pod deletion
# drain_check POD APP PROFILE KEYFILE: deletes POD and checks the drain as the kubelet runs it: readiness DOWN at once
# (polled from APP's container on loopback), a token request in flight (PROFILE, verified against KEYFILE) completes,
# and the sidecar exits 0 well inside the grace period
drain_check() {
    local POD=$1 APP=$2 DV=$3 DKEY=$4
    log "deleting pod $POD: drain"
    GRACE=$(k get pod "$POD" -o jsonpath='{.spec.terminationGracePeriodSeconds}')
    k exec "$POD" -c "$APP" -- sh -c 'i=0; while [ $i -lt 150 ]; do s=$(PORT='"$MGMT_PORT"' CALLER=0 http GET /q/health/ready 2>/dev/null | head -1 | cut -d" " -f2); echo "ready ${s:-none}"; i=$((i + 1)); usleep 100000; done' 2>/dev/null \
        | while IFS= read -r l; do echo "$(date +%s.%N) $l"; done > "$W/ready.log" &
    bg_pids+=($!)
    ( k exec "$POD" -c "$APP" -- env SLOW=4 http POST "/v1/tokens/$DV" "${FX_BODY[$DV]}" > "$W/inflight.out" 2>/dev/null
      date +%s.%N > "$W/inflight.done" ) &
    inflight_pid=$!
    # every version of the pod the API server holds from now until it is gone (a watch: no state change is missed)
    k get pod "$POD" -w -o json > "$W/watch.json" 2>/dev/null &
    watch_pid=$!
    bg_pids+=($watch_pid)
    # and the runtime's own record of the exit: on this machine the 1.20 kubelet was seen to delete the pod without ever
    # posting the sidecar's terminated state (none in 6 watched and 79 polled versions), so containerd's /tasks/exit event
    # for the sidecar's container is the witness when the API has none
    sidecar_cid=$(k get pod "$POD" -o json | jq -r --arg c "$SIDECAR" '.status.containerStatuses[] | select(.name == $c) | .containerID' | sed 's|^containerd://||')
    ctr events > "$W/ctr-events.txt" 2>/dev/null &
    ctr_pid=$!
    bg_pids+=($ctr_pid)
    sleep 1.5
    t_del=$(now)
    k delete pod "$POD" --wait=false >/dev/null
    # until the pod is gone, or the API holds the sidecar's terminated state: the 1.20 kubelet reports that state once
    # every container of the pod has stopped, and has been seen to keep a pod whose containers had all exited in
    # Terminating for a minute and more before it posted the status (the exit time checked below is finishedAt, the
    # runtime's own, so a late report does not hide a late exit)
    # The pod is also read every half second (polled.json) beside the watch: on a loaded machine a watch was seen to
    # miss the version that carried the terminated state (6 versions seen, the pod gone 76 s after the deletion).
    : > "$W/polled.json"
    sidecar_terminated() { cat "$W/watch.json" "$W/polled.json" 2>/dev/null | jq -e --arg c "$SIDECAR" '.status.containerStatuses[]? | select(.name == $c) | .state.terminated' >/dev/null 2>&1; }
    gone_after=""
    for ((i = 0; i < (GRACE + 90) * 2; i++)); do
        if ! k get pod "$POD" -o json > "$W/poll.json" 2>/dev/null; then gone_after="gone $(since "$t_del") s"; break; fi
        cat "$W/poll.json" >> "$W/polled.json"
        if sidecar_terminated; then gone_after="still Terminating (the sidecar's exit reported) $(since "$t_del") s"; break; fi
        sleep 0.5
    done
    sleep 1
    kill "$watch_pid" 2>/dev/null
    for ((i = 0; i < 40; i++)); do kill -0 "$inflight_pid" 2>/dev/null || break; sleep 0.25; done
    terminated=$(cat "$W/watch.json" "$W/polled.json" 2>/dev/null | jq -c --arg c "$SIDECAR" '.status.containerStatuses[]? | select(.name == $c) | .state.terminated // empty' 2>/dev/null | head -1)
    kill "$ctr_pid" 2>/dev/null
    if [ -z "$terminated" ] && [ -n "$sidecar_cid" ]; then
        # protobuf's JSON leaves a zero out: no exit_status is status 0
        terminated=$(grep '/tasks/exit' "$W/ctr-events.txt" | grep -F "\"container_id\":\"$sidecar_cid\"" | grep -o '{.*}' | head -1 \
            | jq -c '{exitCode: (.exit_status // 0), finishedAt: .exited_at, reason: "containerd /tasks/exit event; the API never showed the terminated state"}' 2>/dev/null)
        [ -n "$terminated" ] && echo "the API held no terminated state of the sidecar; its exit is read from containerd's event for container ${sidecar_cid:0:12}"
    fi
    inflight_done=$(awk -v t="$t_del" '{ printf "%.1f", $1 - t }' "$W/inflight.done" 2>/dev/null)
    first_down=$(awk -v t="$t_del" '$1 > t && $3 == "503" { printf "%.1f", $1 - t; exit }' "$W/ready.log")
    up_before=$(awk -v t="$t_del" '$1 < t && $3 == "200"' "$W/ready.log" | wc -l)
    # the answers in order, runs collapsed: "200 x14, 503 x9, none x30" (none: nothing listens any more)
    sequence=$(awk -v t="$t_del" '{ s = ($1 < t ? "before:" : "") $3; if (s != last) { if (n) printf "%s x%d, ", last, n; last = s; n = 0 } n++ } END { printf "%s x%d", last, n }' "$W/ready.log")
    check "readiness turned DOWN (503) ${first_down:-?} s after the deletion (/q/health/ready polled on loopback every 0.1 s: $sequence)" \
        test "$up_before" -gt 0 -a -n "$first_down"
    echo "API: pod ${gone_after:-still there $(since "$t_del") s} after the deletion; the kubelet's readiness probe: $(k get events --field-selector "involvedObject.name=$POD,reason=Unhealthy" -o jsonpath='{range .items[*]}{.message}{"\n"}{end}' 2>/dev/null | grep -m1 -o 'Readiness probe failed: HTTP probe failed with statuscode: 503' || echo 'no 503 seen (its period is 5 s)')"
    inflight_status=$(head -1 "$W/inflight.out" | tr -d '\r' | awk '{ print $2 }')
    inflight_body=$(tr -d '\r' < "$W/inflight.out" | awk 'f { print } /^$/ { f = 1 }')
    if [ "$inflight_status" = 200 ] && verify_answer "$DV" "$inflight_body" "$DKEY"; then
        if awk -v d="${first_down:-99}" -v f="${inflight_done:-0}" 'BEGIN { exit !(d < f) }'; then
            ok "the request in flight at the deletion (body sent 4 s after its headers) completed ${inflight_done} s after it, after readiness went DOWN: 200, $WHY"
        else
            bad "the request meant to be in flight completed (${inflight_done:-?} s) before readiness went DOWN (${first_down:-?} s): not in flight"
        fi
    else
        bad "the request in flight at the deletion: status ${inflight_status:-none} ${WHY:-}"
    fi
    if [ -n "$terminated" ]; then
        code=$(jq -r .exitCode <<<"$terminated")
        # finishedAt (the runtime's exit time, whole seconds) against the deletion; the API shows the state later
        # (the 1.20 kubelet reports it once every container of the pod has stopped, here after the app's drain)
        exit_after=$(( $(date -d "$(jq -r .finishedAt <<<"$terminated")" +%s) - ${t_del%.*} ))
        if [ "$code" = 0 ]; then
            ok "the sidecar container exited with status 0 (reason $(jq -r .reason <<<"$terminated"))"
        else
            bad "the sidecar container exited with status $code (reason $(jq -r .reason <<<"$terminated")), not 0"
        fi
        check "it exited about $exit_after s after the deletion (finishedAt, whole seconds), well before terminationGracePeriodSeconds ($GRACE s)" \
            test "$exit_after" -le $((GRACE / 3))
    else
        bad "no terminated state of the sidecar container in the API's versions of the pod ($(jq -s length "$W/watch.json" 2>/dev/null) seen by the watch, $(jq -s length "$W/polled.json" 2>/dev/null) polled)"
    fi
}

drain_check "$POD" app "$HMAC_V" "${KEY[$HMAC_V]}"

# ================================================================== the injector (kube-injector.sh)
. "$HERE/kube-injector.sh"

log "done"
