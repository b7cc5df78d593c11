#!/usr/bin/env bash
# What a caller that holds no connection pays (a cron job, a CI step, a function):
#   load-tests/serverless.sh [--runs 1000] [--warmup 60]
#
# Starts a fresh 3-node group on loopback (bin/warden-cluster, its own scratch dir and ports) and times:
#  - start to ready: from launching the three JVMs to all three answering /q/health/ready (cold start);
#  - a cold series: RUNS/5 one-shot lock cycles right after that;
#  - a warm series: RUNS cycles after WARMUP seconds of the same traffic.
# One cycle is what examples/locked-job/run-locked does: one curl process makes a one-shot acquire
# (a session made with the lock), a second curl releases it; each is a new process and a new TCP
# connection, sent round-robin to the three nodes as a Service would. A curl of /q/health/live per
# cycle is timed beside it: the floor a process and a connection cost on this machine.
# Prints p50/p99 in ms. Stops what it started, by PID.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1000; warmup=60
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--warmup SECONDS]" >&2; exit 64 ;;
  esac
done

export WARDEN_CLUSTER_DIR=${WARDEN_CLUSTER_DIR:-$(mktemp -d)}
export WARDEN_HTTP_BASE=${WARDEN_HTTP_BASE:-18180} WARDEN_RAFT_BASE=${WARDEN_RAFT_BASE:-19180}
trap 'bin/warden-cluster stop >/dev/null; rm -rf "$WARDEN_CLUSTER_DIR"' EXIT
base=$WARDEN_HTTP_BASE
out=$(mktemp -d)


# Microseconds from bash's own clock (EPOCHREALTIME without its dot): no process per reading.
cycle() {   # $1: node 1..3, appends "cycle_us floor_us" to $2
  local port=$((base + $1)) t0 t1 t2 grant session fence
  t0=${EPOCHREALTIME/./}
  grant=$(curl -s -XPOST "http://127.0.0.1:$port/v1/locks/job-$1/acquire" -d '{"ttl":"30s","wait":"5s"}')
  session=${grant#*\"session\":\"}; session=${session%%\"*}
  fence=${grant#*\"fence\":}; fence=${fence%%[,\}]*}
  curl -s -o /dev/null -XPOST "http://127.0.0.1:$port/v1/locks/job-$1/release" \
    -d "{\"session\":\"$session\",\"fence\":$fence}"
  t1=${EPOCHREALTIME/./}
  curl -s -o /dev/null "http://127.0.0.1:$port/q/health/live"
  t2=${EPOCHREALTIME/./}
  [[ $fence =~ ^[0-9]+$ ]] || { echo "acquire answered: $grant" >&2; return 1; }
  echo "$((t1 - t0)) $((t2 - t1))" >>"$2"
}

series() {  # $1: count, $2: file
  local i
  for ((i = 0; i < $1; i++)); do cycle $((i % 3 + 1)) "$2"; done
}

percentile() {  # $1: column, $2: percentile, $3: file
  local n k
  n=$(wc -l <"$3"); k=$(( ($2 * n + 99) / 100 )); [ "$k" -ge 1 ] || k=1
  awk -v c="$1" '{print $c}' "$3" | sort -n | sed -n "${k}p" | awk '{printf "%.1f", $1 / 1000}'
}

report() {  # $1: label, $2: file
  printf '%-34s %6d  %8s %8s   %8s %8s\n' "$1" "$(wc -l <"$2")" \
    "$(percentile 1 50 "$2")" "$(percentile 1 99 "$2")" "$(percentile 2 50 "$2")" "$(percentile 2 99 "$2")"
}

start_us=${EPOCHREALTIME/./}
bin/warden-cluster start 3 >"$out/start.log"
ready_ms=$(( (${EPOCHREALTIME/./} - start_us) / 1000 ))

series $((runs / 5)) "$out/cold"
end=$((SECONDS + warmup))
while [ $SECONDS -lt "$end" ]; do series 30 "$out/warmup"; done
series "$runs" "$out/warm"

echo "3-node group, start to ready: $ready_ms ms (three JVMs started at once on this machine)"
printf '%-34s %6s  %8s %8s   %8s %8s\n' "series" "cycles" "p50 ms" "p99 ms" "floor p50" "floor p99"
report "cold (right after ready)" "$out/cold"
report "warm (after ${warmup}s of cycles)" "$out/warm"
rm -rf "$out"
