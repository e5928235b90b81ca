#!/usr/bin/env bash
# Runs the app-side examples against the sidecar and checks the tokens they return (check-examples.mjs): Node.js,
# Python and Java always, Go where a Go toolchain is installed (compiled, vetted and run; said so when it is not).
# The sidecar is the native executable when one is built (target/*-runner), else the JVM jar (target/quarkus-app).
# Needs: node 18+, python3, a JDK 21+ (JAVA_HOME), a packaged sidecar (./mvnw package, with -Dnative for the executable).
#
# Usage: examples/test/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

runner=$(ls target/*-runner 2>/dev/null | head -1 || true)
if [ -n "$runner" ]; then
    sidecar=("$runner")
elif [ -f target/quarkus-app/quarkus-run.jar ]; then
    sidecar=("$java" -jar target/quarkus-app/quarkus-run.jar)
else
    echo "no packaged sidecar in target/: run ./mvnw package (-Dnative for the executable) first" >&2
    exit 1
fi
echo "sidecar: ${sidecar[*]}"

examples=("node=node examples/node/server.mjs" "python=python3 examples/python/app.py")

start=$SECONDS
./mvnw -B -q -f examples/java/pom.xml compile dependency:copy-dependencies
examples+=("java=$java -cp examples/java/target/classes:examples/java/target/lib/* example.ChatTokenEndpoint")
echo "java example compiled in $((SECONDS - start)) s"

if command -v go >/dev/null; then
    start=$SECONDS
    gobin=$(mktemp -d)
    trap 'rm -rf "$gobin"' EXIT
    (cd examples/go && test -z "$(gofmt -l .)" && go vet ./... && go build -o "$gobin/chat-token-example-go" .)
    examples+=("go=$gobin/chat-token-example-go")
    echo "go example compiled with $(go version | cut -d' ' -f3) in $((SECONDS - start)) s (gofmt, go vet, go build)"
else
    echo "go example NOT compiled: no Go toolchain on this machine (Debian: apt-get install golang-go)"
fi

node examples/test/check-examples.mjs "${examples[@]}" -- "${sidecar[@]}"
