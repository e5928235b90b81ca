# The benchmark's two profiles, sourced by run.sh, ab.sh and profile.sh so that all three load the same sidecar: a DG
# profile (HS256) and a Kindly profile (RS256).
#   bench_keys DIR      a fresh RSA-2048 key and DG secret in DIR
#   bench_profiles DIR  sets sidecar_env, the profiles' variables for the keys in DIR (env "${sidecar_env[@]}" ...)
bench_keys() {
    mkdir -p "$1"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/kindly.pem" 2>/dev/null
    head -c 32 /dev/urandom | base64 | tr -d '=+/' > "$1/dg.secret"
}
bench_profiles() {
    sidecar_env=(
        CHAT_TOKEN_ACTIVE=dg-bench,kindly-bench
        CHAT_TOKEN_PROFILES_DG_BENCH_VENDOR=dg
        CHAT_TOKEN_PROFILES_DG_BENCH_KEY_FILE="$1/dg.secret"
        CHAT_TOKEN_PROFILES_DG_BENCH_KEY_ID=bench-api-key
        CHAT_TOKEN_PROFILES_KINDLY_BENCH_VENDOR=kindly
        CHAT_TOKEN_PROFILES_KINDLY_BENCH_KEY_FILE="$1/kindly.pem"
        CHAT_TOKEN_PROFILES_KINDLY_BENCH_ISSUER=https://bench.example
        CHAT_TOKEN_PROFILES_KINDLY_BENCH_WEBHOOK_DOMAINS=example.com,*.example.org
    )
}
