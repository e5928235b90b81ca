# kube-injector.sh - the injector in the real cluster, sourced by kube-test.sh after its own checks (its helpers, its
# images, its running node and its vendor fixtures): the chart kubernetes/helm/chat-token-injector installed with
# Helm, a labelled namespace, ChatTokenProfiles and their Secrets, and a Deployment of the test app that asks for the
# sidecar by annotation only. Checks: the pod Ready with the sidecar injected (classic on 1.20), tokens from the app
# container over 127.0.0.1 verified here, with the caller token; pods left alone (no annotation, an unlabelled
# namespace); refusals at kubectl apply (an unknown profile; a profile with an unknown option, an unknown vendor, a
# missing required option); failurePolicy Ignore and Fail with the injector scaled to 0; helm upgrade keeps the CA; a
# Secret rotation reaches an injected sidecar; the injected pod drains as the chart's does.
INJ_NS=chat-token-system
INJ_REL=chat-token-injector
INJ_CHART=$ROOT/kubernetes/helm/chat-token-injector
APP_NS=inject-ci
OFF_NS=inject-ci-off
# kube-kit's node has no kube-proxy: the injector reaches the API server on the pod bridge's gateway (kube-test.sh
# starts the API server on all addresses), under a name its certificate holds
INJ_SET="image.repository=$SIDECAR_REPO,image.tag=$SIDECAR_TAG,image.pullPolicy=Never,kubernetes.url=https://kubernetes.default.svc:16443"
INJ_SET+=",hostAliases[0].ip=10.217.0.1,hostAliases[0].hostnames[0]=kubernetes.default.svc"
NS=$APP_NS   # k, call, mint, put_secret and drain_check act in the app's namespace from here on
ki() { kubectl -n "$INJ_NS" "$@"; }
hi() { "$HELM" -n "$INJ_NS" "$@"; }
sidecar_of() { # POD: "sidecar" when the pod has the chat-token-sidecar container, else "none"
    k get pod "$1" -o json 2>/dev/null | jq -r '[.spec.containers[], (.spec.initContainers // [])[]] | map(.name) | if index("chat-token-sidecar") then "sidecar" else "none" end'
}
# run_pod NAME [NAMESPACE] [annotation=value...]: a pod of the test app, created with kubectl run (sets OUT and RC)
run_pod() {
    local name=$1 ns=$2 a args=(); shift 2
    for a in "$@"; do args+=(--annotations "$a"); done
    OUT=$(kubectl -n "$ns" run "$name" --image="$APP_REPO:$APP_TAG" --image-pull-policy=Never --restart=Never "${args[@]}" 2>&1); RC=$?
}
apply_profile() { # NAME SPEC_JSON: kubectl apply of a ChatTokenProfile (sets OUT and RC)
    OUT=$(jq -n --arg n "$1" --argjson s "$2" '{apiVersion: "chattoken.dev/v1alpha1", kind: "ChatTokenProfile", metadata: {name: $n}, spec: $s}' \
        | kubectl -n "$APP_NS" apply -f - 2>&1); RC=$?
}

log "injector: helm install $INJ_REL -n $INJ_NS --create-namespace (the same image, its injector role)"
t=$(now)
if "$HELM" install "$INJ_REL" "$INJ_CHART" -n "$INJ_NS" --create-namespace --set "$INJ_SET" --wait --timeout 180s >/dev/null; then
    ok "the injector installed with Helm and available after $(since "$t") s"
else
    bad "helm install of the injector did not complete"; ki get pods; ki logs -l app.kubernetes.io/name=chat-token-injector --tail 20
fi
check "both injector replicas Ready" test "$(ki get deploy "$INJ_REL" -o jsonpath='{.status.readyReplicas}')" = 2
check "its Service listens on 443 (the webhook's container port: $(ki get deploy "$INJ_REL" -o jsonpath='{.spec.template.spec.containers[0].ports[0].containerPort}'))" \
    test "$(ki get svc "$INJ_REL" -o jsonpath='{.spec.ports[0].port}')" = 443
CA0=$(kubectl get mutatingwebhookconfiguration "$INJ_REL" -o jsonpath='{.webhooks[0].clientConfig.caBundle}')
CRT0=$(ki get secret "$INJ_REL-tls" -o jsonpath='{.data.tls\.crt}')
check "the webhooks' caBundle is the CA of the chart's Secret" test -n "$CA0" -a "$CA0" = "$(ki get secret "$INJ_REL-tls" -o jsonpath='{.data.ca\.crt}')"
SA=system:serviceaccount:$INJ_NS:$INJ_REL
check "RBAC: the injector may get ChatTokenProfiles, and may not read Secrets (get, list) in any namespace" \
    test "$(kubectl auth can-i get chattokenprofiles.chattoken.dev -n "$APP_NS" --as="$SA") $(kubectl auth can-i get secrets -n "$APP_NS" --as="$SA") $(kubectl auth can-i list secrets --all-namespaces --as="$SA") $(kubectl auth can-i get secrets -n "$INJ_NS" --as="$SA")" = "yes no no no"
INJ_POD=$(ki get pods -l app.kubernetes.io/name=chat-token-injector -o jsonpath='{.items[0].metadata.name}')
INJ_PID=$(ctr tasks ls 2>/dev/null | awk -v id="$(ki get pod "$INJ_POD" -o jsonpath='{.status.containerStatuses[0].containerID}' | sed 's|^containerd://||')" '$1 == id { print $2 }')
if [ -n "$INJ_PID" ]; then
    listens=$(cat "/proc/$INJ_PID/net/tcp" "/proc/$INJ_PID/net/tcp6" 2>/dev/null | awk '$4 == "0A" { split($2, a, ":"); print a[2] }' \
        | while read -r hex; do echo $((16#$hex)); done | sort -un | paste -sd' ')
    check "the injector listens on its webhook port 8443 only: no token listener ($listens)" test "$listens" = 8443
fi

kubectl create namespace "$APP_NS" >/dev/null && kubectl label namespace "$APP_NS" chattoken.dev/injection=enabled >/dev/null
kubectl create namespace "$OFF_NS" >/dev/null

log "injector: Secrets and ChatTokenProfiles ($HMAC_V, $RSA_V) in $APP_NS"
declare -A IKEY
for v in "$HMAC_V" "$RSA_V"; do
    IKEY[$v]=$W/keys/inj-$v.0
    new_key "${FX_KEY[$v]}" "${IKEY[$v]}"
    put_secret "inj-$v" "$(secret_key_name "${FX_KEY[$v]}")" "${IKEY[$v]}"
    apply_profile "$v" "$(jq -c --arg v "$v" --arg s "inj-$v" --arg k "$(secret_key_name "${FX_KEY[$v]}")" \
        '{vendor: $v, secret: {name: $s, key: $k}} + .' <<<"${FX_VALUES[$v]}")"
    check "ChatTokenProfile $v applied ($OUT)" test "$RC" = 0
done
openssl rand -hex 24 | tr -d '\n' > "$W/keys/inj-caller"
put_secret inj-caller token "$W/keys/inj-caller"

log "injector: profiles refused at kubectl apply, the field named"
apply_profile bogus-option '{"vendor":"dg","keyId":"k1","bogusOption":"x","secret":{"name":"inj-x","key":"secret"}}'
check "an unknown option is refused at kubectl apply, naming it: $(tail -1 <<<"$OUT")" \
    bash -c '[ "$1" -ne 0 ] && grep -Eq "spec.*bogusOption" <<<"$2"' _ "$RC" "$OUT"
apply_profile bogus-vendor '{"vendor":"nosuch","secret":{"name":"inj-x","key":"secret"}}'
check "an unknown vendor is refused at kubectl apply, naming spec.vendor: $(tail -1 <<<"$OUT" | cut -c1-160)" \
    bash -c '[ "$1" -ne 0 ] && grep -q "spec.vendor" <<<"$2" && grep -q "nosuch" <<<"$2"' _ "$RC" "$OUT"
apply_profile no-key-id '{"vendor":"dg","secret":{"name":"inj-x","key":"secret"}}'
check "a missing required option is refused at kubectl apply, naming spec.keyId: $(tail -1 <<<"$OUT")" \
    bash -c '[ "$1" -ne 0 ] && grep -q "spec.keyId is required for dg" <<<"$2"' _ "$RC" "$OUT"
check "none of the refused profiles exists" test -z "$(k get chattokenprofiles -o name | grep -E 'bogus|no-key-id')"

log "injector: a Deployment that asks for the sidecar by annotation only"
cat > "$W/shop.json" <<JSON
{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "shop"},
 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "shop"}},
  "template": {"metadata": {"labels": {"app": "shop"}, "annotations": {"chattoken.dev/inject": "true",
     "chattoken.dev/profiles": "$HMAC_V,$RSA_V", "chattoken.dev/caller-token-secret": "inj-caller"}},
   "spec": {"containers": [{"name": "app", "image": "$APP_REPO:$APP_TAG", "imagePullPolicy": "Never",
     "env": [{"name": "APP_DRAIN", "value": "$APP_DRAIN"}],
     "securityContext": {"runAsUser": 1002, "runAsNonRoot": true, "readOnlyRootFilesystem": true,
       "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}}}}
JSON
t=$(now)
k apply -f "$W/shop.json" >/dev/null
if k rollout status deploy/shop --timeout=180s >/dev/null; then ok "the annotated Deployment rolled out, its pod Ready after $(since "$t") s"
else bad "the annotated Deployment did not become available"; fi
IPOD=$(k get pods -l app=shop -o jsonpath='{.items[0].metadata.name}')
k get pod "$IPOD" -o json > "$W/ipod.json"
check "the Deployment's own pod template has no sidecar (1 container)" test "$(k get deploy shop -o jsonpath='{.spec.template.spec.containers[*].name}')" = app
check "its pod has the sidecar injected as a classic container after the app (containers: $(jq -r '[.spec.containers[].name] | join(",")' "$W/ipod.json"); no init container on $SERVER_VERSION)" \
    test "$(jq -r '[.spec.containers[].name] | join(",")' "$W/ipod.json") $(jq -r '.spec.initContainers // [] | length' "$W/ipod.json")" = "app,chat-token-sidecar 0"
check "the sidecar started and is ready; the app container got CHAT_TOKEN_SIDECAR_URL" \
    test "$(jq -r '.status.containerStatuses[] | select(.name == "chat-token-sidecar") | "\(.started) \(.ready)"' "$W/ipod.json") $(jq -r '.spec.containers[0].env[] | select(.name == "CHAT_TOKEN_SIDECAR_URL") | .value' "$W/ipod.json")" = "true true http://127.0.0.1:$API_PORT"
check "its configuration travels in the pod's annotation, mounted by a downwardAPI volume (no object created at admission)" \
    test "$(jq -r '.spec.volumes[] | select(.name == "chat-token-config") | .downwardAPI.items[0].fieldRef.fieldPath' "$W/ipod.json")" = "metadata.annotations['chattoken.dev/sidecar-config']"
for v in "$HMAC_V" "$RSA_V"; do
    mint "$IPOD" "$v"
    if [ "$STATUS" = 200 ] && verify_answer "$v" "$BODY" "${IKEY[$v]}"; then ok "injected sidecar, $v: a token from the app container over 127.0.0.1, $WHY"
    else bad "injected sidecar, $v: status $STATUS ${WHY:-}"; fi
done
call "$IPOD" app CALLER=0 http POST "/v1/tokens/$HMAC_V" "${FX_BODY[$HMAC_V]}"
check "injected sidecar: without the caller token 401 caller-unauthenticated (got $STATUS $(problem_type))" test "$STATUS $(problem_type)" = "401 caller-unauthenticated"

log "injector: pods it leaves alone, and one it refuses"
run_pod plain "$APP_NS"
check "an unannotated pod in the labelled namespace is untouched" test "$RC $(sidecar_of plain)" = "0 none"
run_pod annotated "$OFF_NS" chattoken.dev/inject=true chattoken.dev/profiles=nosuch
check "an annotated pod in an unlabelled namespace is untouched (the webhook is not called)" \
    test "$RC $(kubectl -n "$OFF_NS" get pod annotated -o jsonpath='{.spec.containers[*].name}')" = "0 annotated"
run_pod refused "$APP_NS" chattoken.dev/inject=true chattoken.dev/profiles=nosuch
check "a pod naming an unknown profile is refused at creation, the annotation named: $(tail -1 <<<"$OUT")" \
    bash -c '[ "$1" -ne 0 ] && grep -q "\"chattoken.dev/profiles\" names \"nosuch\", but namespace inject-ci has no ChatTokenProfile" <<<"$2"' _ "$RC" "$OUT"

log "injector: a Secret rotation reaches the injected sidecar"
OLDKEY=${IKEY[$HMAC_V]}
IKEY[$HMAC_V]=$W/keys/inj-$HMAC_V.1
new_key "${FX_KEY[$HMAC_V]}" "${IKEY[$HMAC_V]}"
t=$(now)
put_secret "inj-$HMAC_V" "$(secret_key_name "${FX_KEY[$HMAC_V]}")" "${IKEY[$HMAC_V]}"
rotated=""
while [ -z "$rotated" ]; do
    mint "$IPOD" "$HMAC_V"
    if [ "$STATUS" = 200 ] && verify_answer "$HMAC_V" "$BODY" "${IKEY[$HMAC_V]}"; then rotated=$(since "$t"); break; fi
    awk -v a="$(since "$t")" -v b="$BOUND" 'BEGIN { exit !(a > b) }' && break
    sleep 0.5
done
check "injected sidecar, $HMAC_V: tokens signed with the new key ${rotated:-never} s after the Secret's update (bound ${BOUND}s)" test -n "$rotated"

log "injector: helm upgrade keeps the CA"
if hi upgrade "$INJ_REL" "$INJ_CHART" --set "$INJ_SET" --wait --timeout 180s >/dev/null; then ok "helm upgrade of the injector completed"
else bad "helm upgrade of the injector failed"; fi
check "after helm upgrade: the same caBundle and the same certificate (no drift)" \
    test "$(kubectl get mutatingwebhookconfiguration "$INJ_REL" -o jsonpath='{.webhooks[0].clientConfig.caBundle}') $(kubectl get validatingwebhookconfiguration "$INJ_REL" -o jsonpath='{.webhooks[0].clientConfig.caBundle}') $(ki get secret "$INJ_REL-tls" -o jsonpath='{.data.tls\.crt}')" = "$CA0 $CA0 $CRT0"
run_pod after-upgrade "$APP_NS" chattoken.dev/inject=true "chattoken.dev/profiles=$HMAC_V"
check "after helm upgrade: an annotated pod still gets the sidecar" test "$RC $(sidecar_of after-upgrade)" = "0 sidecar"

log "injector: scaled to 0, failurePolicy Ignore, then Fail"
scale_to_0() { # as an operator would, or a failed rollout: no injector pod answers
    ki scale deploy "$INJ_REL" --replicas=0 >/dev/null
    for ((i = 0; i < 120; i++)); do
        [ -z "$(ki get endpoints "$INJ_REL" -o jsonpath='{.subsets[*].addresses[*].ip}')" ] && [ -z "$(ki get pods -l app.kubernetes.io/name=chat-token-injector -o name)" ] && break
        sleep 0.5
    done
}
scale_to_0
run_pod while-down "$APP_NS" chattoken.dev/inject=true "chattoken.dev/profiles=$HMAC_V"
check "Ignore, no injector running: the annotated pod is created without the sidecar" test "$RC $(sidecar_of while-down)" = "0 none"
missing=$(kubectl get pods -A -o json | jq -r '.items[] | select(.metadata.annotations["chattoken.dev/inject"] == "true")
    | select([.spec.containers[], (.spec.initContainers // [])[]] | map(.name) | index("chat-token-sidecar") | not)
    | "\(.metadata.namespace)/\(.metadata.name)"' | paste -sd' ')
check "the README's query finds the pods created without their sidecar ($missing)" grep -qw "$APP_NS/while-down" <<<"$missing"
hi upgrade "$INJ_REL" "$INJ_CHART" --set "$INJ_SET,failurePolicy=Fail" >/dev/null || bad "helm upgrade --set failurePolicy=Fail"
scale_to_0
run_pod while-down-fail "$APP_NS" chattoken.dev/inject=true "chattoken.dev/profiles=$HMAC_V"
check "Fail, no injector running: the annotated pod is refused ($(tail -1 <<<"$OUT" | cut -c1-150))" \
    bash -c '[ "$1" -ne 0 ] && grep -q "failed calling webhook \"inject.chattoken.dev\"" <<<"$2"' _ "$RC" "$OUT"
run_pod plain-while-fail "$APP_NS"
check "Fail, no injector running: a pod without the annotation in the labelled namespace is refused too (every pod there passes the webhook)" test "$RC" -ne 0
run_pod elsewhere-while-fail "$OFF_NS"
check "Fail, no injector running: pods of other namespaces are created" test "$RC" = 0
if hi upgrade "$INJ_REL" "$INJ_CHART" --set "$INJ_SET" --wait --timeout 180s >/dev/null; then ok "the injector back (helm upgrade: 2 replicas, Ignore)"
else bad "the injector did not come back"; fi

log "injector: deleting the injected pod $IPOD: drain"
drain_check "$IPOD" app "$HMAC_V" "${IKEY[$HMAC_V]}"
