#!/usr/bin/env bash
# One flooding client against the rest: a secured 3-node group (bin/warden-cluster --secure) where 8
# clients with one token do lock cycles while 32 threads with another token send acquires as fast as
# they can. Runs twice, without a per-token rate limit and with warden.limits.rate-per-token=RATE, and
# prints the others' cycles/s, p50 and p99 each time (the load generator is Flood in side-by-side/).
#
#   load-tests/flood.sh [--rate 100] [--warmup 20] [--run 15]
# Loopback only; the group's data, certificates and logs go to a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=100 warmup=20 run=15
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2 ;; --warmup) warmup=$2 ;; --run) run=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
BUILD_LOCK=${WARDEN_BUILD_LOCK:-$(dirname "$(mktemp -u)")/warden-build.lock}
[ -f target/quarkus-app/quarkus-run.jar ] || flock "$BUILD_LOCK" ./mvnw -q -B package -DskipTests
loadgen_dir=load-tests/side-by-side
loadgen_jar=$loadgen_dir/target/side-by-side.jar
if [ ! -f "$loadgen_jar" ] || [ -n "$(find "$loadgen_dir/src" "$loadgen_dir/pom.xml" -newer "$loadgen_jar" -print -quit)" ]; then
  flock "$BUILD_LOCK" ./mvnw -q -f "$loadgen_dir/pom.xml" package
fi
export WARDEN_CLUSTER_DIR; WARDEN_CLUSTER_DIR=$(mktemp -d -t warden-flood.XXXXXX)
export WARDEN_HTTP_BASE=${WARDEN_HTTP_BASE:-28180} WARDEN_RAFT_BASE=${WARDEN_RAFT_BASE:-29970}
trap 'bin/warden-cluster stop >/dev/null; rm -rf "$WARDEN_CLUSTER_DIR"' EXIT

c() { curl -s -m 5 --cacert "$WARDEN_CLUSTER_DIR/certs/ca.pem" -H "Authorization: Bearer $(cat "$WARDEN_CLUSTER_DIR/bootstrap.token")" "$@"; }
token() {  # a non-admin token for lock and session writes under flood.
  c "https://localhost:$((WARDEN_HTTP_BASE + 1))/v1/acl/tokens" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"rules\":[{\"kind\":\"lock\",\"prefix\":\"flood.\",\"access\":\"write\"},{\"kind\":\"session\",\"prefix\":\"\",\"access\":\"write\"}]}" \
    | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p'
}

for limit in 0 "$rate"; do
  WARDEN_JAVA_OPTS="${WARDEN_JAVA_OPTS:-} -Dwarden.limits.rate-per-token=$limit" bin/warden-cluster start 3 --secure >/dev/null
  leader=$(c "https://localhost:$((WARDEN_HTTP_BASE + 1))/v1/cluster" | sed -n 's/.*"leader":"n\([0-9]\)".*/\1/p')
  java -cp "$loadgen_jar" io.warden.sidebyside.Flood --endpoint "localhost:$((WARDEN_HTTP_BASE + leader))" \
    --ca "$WARDEN_CLUSTER_DIR/certs/ca.pem" --victim-token "$(token victims)" --flooder-token "$(token flooder)" \
    --warmup "$warmup" --run "$run" --label "rate-per-token=$limit:"
  bin/warden-cluster stop >/dev/null
  rm -rf "${WARDEN_CLUSTER_DIR:?}/data"
done
