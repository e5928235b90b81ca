#!/usr/bin/env bash
# Builds the sidecar image, runs it the way a pod does (read-only root file system, keys mounted read-only, non-root,
# no capabilities) and checks /q/health/ready and a token for each vendor. Needs root.
#
# Usage: src/main/docker/test-image.sh                the image from the native executable built beforehand
#                                                     (target/*-runner, ./mvnw package -Dnative): Dockerfile.native-micro
#        src/main/docker/test-image.sh --from-source  the image Dockerfile.native builds from the sources, its builder
#                                                     stage on a builder image made here (GRAALVM_HOME: the kit's home)
# Prints timings and sizes, exits non-zero on any failure.
#
# No registry is reachable here, so the base images are made locally (debootstrap, imported with podman): a Debian
# bookworm minbase without libcrypto as RUNTIME_IMAGE, and the same with libssl3 as LIBCRYPTO_IMAGE, so that the
# check that the image signs RS256 with libcrypto proves the Dockerfile's copy of it. For --from-source, BUILDER_IMAGE
# is that minbase with gcc, the C library's and zlib's headers (what native-image links with) and the GraalVM home
# GRAALVM_HOME names, as /opt/graalvm; the build reads this machine's Maven repository, mounted read-only, offline
# (MAVEN_ARGS=--offline in the builder image): the stage is proven on the repository the previous builds filled,
# not on a download. Elsewhere keep the defaults (the Mandrel builder image, Maven Central).
set -euo pipefail
cd "$(dirname "$0")/../../.."

mode=${1:-executable}
case "$mode" in executable | --from-source) ;; *) echo "usage: $0 [--from-source]" >&2; exit 2 ;; esac
work="${CHAT_TOKEN_IMAGE_WORK:-$HOME/.cache/chat-token-sidecar-image}"
# kubernetes/test/kube-test.sh takes :test, the image of the executable the integration tests ran against
image=localhost/chat-token-sidecar:$([ "$mode" = executable ] && echo test || echo from-source)
base=localhost/debian-minbase:bookworm
libcrypto_base=localhost/debian-minbase-libssl3:bookworm
api_port=28790
mgmt_port=28791
mkdir -p "$work"

if [ "$mode" = executable ]; then
    runner=$(ls target/*-runner 2>/dev/null | head -1 || true)
    [ -n "$runner" ] || { echo "no native executable in target/: run ./mvnw package -Dnative first" >&2; exit 1; }
else
    [ -x "${GRAALVM_HOME:-}/bin/native-image" ] \
        || { echo "GRAALVM_HOME must name a GraalVM home with bin/native-image (../shared/graalvm-kit/assemble.sh)" >&2; exit 1; }
    m2="${MAVEN_USER_HOME:-$HOME/.m2}"
    [ -d "$m2/repository" ] || { echo "no Maven repository at $m2: build the project once first" >&2; exit 1; }
fi

step() { echo "::: image: $*"; }

# The Debian mirror this machine's apt already uses (DEBIAN_MIRROR overrides it), so that debootstrap works wherever
# apt does: the first archive URI ending in /debian of the one-line sources (sources.list, sources.list.d/*.list,
# their [options] skipped) or of the deb822 ones (sources.list.d/*.sources, "URIs:").
debian_mirror() {
    { sed -n 's/\[[^]]*\]//; s/^[[:space:]]*deb[[:space:]]\{1,\}\([^[:space:]]\{1,\}\).*/\1/p' \
          /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
      awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null
    } | grep -m1 -E '/debian/?$' || true
}

step "tools (podman, buildah, runc, debootstrap from Debian)"
if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null || ! command -v runc >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah runc debootstrap >/dev/null
fi

# A private containers.conf/storage.conf: runc, cgroupfs (no systemd here), explicit ulimits below the
# sandbox's (runc may lower limits here, not set them to the host's), vfs storage (works
# inside any sandbox), host networking (a pod shares one network namespace; no bridge is needed).
cat > "$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
netns = "host"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
cat > "$work/storage.conf" <<CONF
[storage]
driver = "vfs"
runroot = "$work/run"
graphroot = "$work/storage"
CONF
export CONTAINERS_CONF="$work/containers.conf" CONTAINERS_STORAGE_CONF="$work/storage.conf"
podman_() { podman --cgroup-manager=cgroupfs "$@"; }

step "runtime base image $base (no libcrypto) and $libcrypto_base (with it, for the libcrypto stage)"
if ! podman_ image exists "$base" || ! podman_ image exists "$libcrypto_base"; then
    if [ ! -f "$work/minbase-libssl3.tar" ]; then
        mirror="${DEBIAN_MIRROR:-$(debian_mirror)}"
        [ -n "$mirror" ] || { echo "no Debian mirror in the apt sources: set DEBIAN_MIRROR" >&2; exit 1; }
        echo "debootstrap from $mirror"
        rm -rf "$work/rootfs"
        # libssl3 brings libcrypto.so.3, which the native executable signs RS256 with when it finds it
        debootstrap --variant=minbase --include=libssl3 bookworm "$work/rootfs" "$mirror" >/dev/null
        tar -C "$work/rootfs" -cf "$work/minbase-libssl3.tar" .
        rm -f "$work/rootfs"/usr/lib/x86_64-linux-gnu/lib{crypto,ssl}.so.3
        tar -C "$work/rootfs" -cf "$work/minbase.tar" .
        rm -rf "$work/rootfs"
    fi
    podman_ import "$work/minbase-libssl3.tar" "$libcrypto_base" >/dev/null
    podman_ import "$work/minbase.tar" "$base" >/dev/null
fi

if [ "$mode" = executable ]; then
    step "build $image from $runner"
    start=$SECONDS
    podman_ build -q -f src/main/docker/Dockerfile.native-micro --build-arg RUNTIME_IMAGE="$base" \
        --build-arg LIBCRYPTO_IMAGE="$libcrypto_base" --build-arg LIBCRYPTO_DIR=/usr/lib/x86_64-linux-gnu -t "$image" . >/dev/null
else
    # named after the GraalVM home's content, so that a new kit makes a new builder image
    builder=localhost/chat-token-sidecar-builder:$( (cat "$GRAALVM_HOME/release" "$GRAALVM_HOME/.kit/complete" 2>/dev/null; ls -l "$GRAALVM_HOME/lib/svm/builder") | sha256sum | cut -c1-12)
    step "builder image $builder: $libcrypto_base, gcc, libc6-dev, zlib1g-dev, $GRAALVM_HOME as /opt/graalvm"
    start=$SECONDS
    if ! podman_ image exists "$builder"; then
        context="$work/builder"
        rm -rf "$context"; mkdir -p "$context"
        cp -al "$GRAALVM_HOME" "$context/graalvm" 2>/dev/null || cp -a "$GRAALVM_HOME" "$context/graalvm"
        # uid 1001, group 0, home /home/quarkus: the user the Mandrel builder image runs Dockerfile.native's build as
        cat > "$context/Containerfile" <<CONTAINERFILE
FROM $libcrypto_base
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev zlib1g-dev >/dev/null \\
    && rm -rf /var/lib/apt/lists/* && useradd --uid 1001 --gid 0 --create-home --home-dir /home/quarkus quarkus
COPY graalvm /opt/graalvm
ENV JAVA_HOME=/opt/graalvm GRAALVM_HOME=/opt/graalvm PATH=/opt/graalvm/bin:/usr/sbin:/usr/bin:/sbin:/bin MAVEN_ARGS=--offline
USER 1001
CONTAINERFILE
        podman_ build --network host -f "$context/Containerfile" -t "$builder" "$context" > "$work/builder.log" 2>&1 \
            || { tail -20 "$work/builder.log"; echo "the builder image failed: $work/builder.log" >&2; exit 1; }
        rm -rf "$context"
    fi
    echo "builder image ready in $((SECONDS - start)) s; size $(podman_ image inspect "$builder" --format '{{.Size}}' | awk '{printf "%.1f MB", $1/1000000}')"

    step "build $image with Dockerfile.native (the Maven build and native-image run in its builder stage)"
    start=$SECONDS
    # --layers=false: no image per instruction (vfs stores each as a full copy of the builder, about 1 GB each)
    podman_ build -f Dockerfile.native --layers=false --network host -v "$m2:/home/quarkus/.m2:ro" --build-arg BUILDER_IMAGE="$builder" \
        --build-arg RUNTIME_IMAGE="$base" --build-arg LIBCRYPTO_IMAGE="$libcrypto_base" \
        --build-arg LIBCRYPTO_DIR=/usr/lib/x86_64-linux-gnu -t "$image" . > "$work/build.log" 2>&1 \
        || { tail -40 "$work/build.log"; echo "Dockerfile.native failed: $work/build.log" >&2; exit 1; }
    grep -E "Finished generating|BUILD SUCCESS" "$work/build.log" | sed 's/^/  /' || true
    podman_ image prune -f >/dev/null # the build stage's image, and the previous build's
fi
echo "image built in $((SECONDS - start)) s; size $(podman_ image inspect "$image" --format '{{.Size}}' | awk '{printf "%.1f MB", $1/1000000}') (base $(podman_ image inspect "$base" --format '{{.Size}}' | awk '{printf "%.1f MB", $1/1000000}'))"

step "keys and configuration, mounted read-only (group 0, mode 0440, as with an fsGroup)"
mount="$work/mount"
rm -rf "$mount"; mkdir -p "$mount/keys" "$mount/config"
cp src/test/resources/keys/{dg.secret,huggy.secret,kindly-pkcs1.pem} "$mount/keys/"
chgrp -R 0 "$mount"; chmod 0440 "$mount"/keys/*; chmod 0550 "$mount/keys"
cat > "$mount/config/application.properties" <<CONF
quarkus.http.port=$api_port
quarkus.management.port=$mgmt_port
chat-token.active=dg,kindly,huggy,kustomer
chat-token.profiles.dg.vendor=dg
chat-token.profiles.dg.key-file=/var/run/secrets/chat-token/dg.secret
chat-token.profiles.dg.key-id=dg-api-key
chat-token.profiles.kindly.vendor=kindly
chat-token.profiles.kindly.key-file=/var/run/secrets/chat-token/kindly-pkcs1.pem
chat-token.profiles.kindly.issuer=https://shop.example
chat-token.profiles.huggy.vendor=huggy
chat-token.profiles.huggy.key-file=/var/run/secrets/chat-token/huggy.secret
chat-token.profiles.kustomer.vendor=kustomer
chat-token.profiles.kustomer.key-file=/var/run/secrets/chat-token/dg.secret
CONF
chmod 0444 "$mount/config/application.properties"

step "run: --read-only (no tmpfs either), non-root, all capabilities dropped"
podman_ rm -f chat-token-sidecar-test >/dev/null 2>&1 || true
trap 'podman_ logs chat-token-sidecar-test > "$work/container.log" 2>&1 || true; podman_ rm -f chat-token-sidecar-test >/dev/null 2>&1 || true' EXIT
start_ns=$(date +%s%N)
podman_ run -d --name chat-token-sidecar-test --network host --read-only --read-only-tmpfs=false \
    --user 1001:0 --cap-drop ALL --security-opt no-new-privileges \
    -v "$mount/keys:/var/run/secrets/chat-token:ro" \
    -v "$mount/config:/etc/chat-token-sidecar:ro" \
    -e QUARKUS_CONFIG_LOCATIONS=/etc/chat-token-sidecar/application.properties \
    "$image" >/dev/null
for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "http://127.0.0.1:$mgmt_port/q/health/ready"; then break; fi
    sleep 0.05
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
curl -fs "http://127.0.0.1:$mgmt_port/q/health/ready" | grep -q '"status": "UP"' || { podman_ logs chat-token-sidecar-test; exit 1; }
echo "ready ${ready_ms} ms after 'podman run' (includes container setup)"

step "a token for each vendor"
mint() {
    local profile=$1 body=$2 answer
    answer=$(curl -fs -X POST "http://127.0.0.1:$api_port/v1/tokens/$profile" -H 'content-type: application/json' -d "$body")
    echo "$answer" | grep -q "\"vendor\":\"$profile\"" || { echo "bad answer for $profile: $answer" >&2; exit 1; }
    echo "$profile: 200, token of $(echo "$answer" | sed 's/.*"token":"\([^"]*\)".*/\1/' | wc -c) bytes"
}
mint dg '{"user_id":"u-1"}'
mint kindly '{"user_id":"u-1","chat_id":"c-1"}'
mint huggy '{"user_id":"u-1@example.com"}'
mint kustomer '{"email":"u-1@example.com"}'
curl -fs "http://127.0.0.1:$mgmt_port/q/health/live" | grep -q '"status": "UP"'
signer=$(podman_ logs chat-token-sidecar-test 2>&1 | grep -o "RS256 signed by [^(]*" || true)
echo "$signer"
[ "$signer" = "RS256 signed by the system's libcrypto" ] || { echo "expected libcrypto signing in the image" >&2; exit 1; }
echo "RSS of the container's process: $(podman_ top chat-token-sidecar-test rss 2>/dev/null | tail -1 | tr -d ' ') KiB"
step "image test passed"
