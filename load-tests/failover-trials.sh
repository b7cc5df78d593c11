#!/usr/bin/env bash
# Measures failover on a local 3-node group: kill -9 the leader, time until a write through a
# survivor succeeds, restart the killed node, repeat. Loopback only, bounded by the trial count.
#   load-tests/failover-trials.sh [trials=10]
# Needs the packaged app (./mvnw package -DskipTests); uses bin/warden-cluster's ports 8081-8083.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-10}
http_base=${WARDEN_HTTP_BASE:-8080}

leader_of() {  # prints the leader's node number as seen by any live node
  local i
  for i in 1 2 3; do
    curl -s -m 1 "http://127.0.0.1:$((http_base + i))/v1/cluster" 2>/dev/null \
      | sed -n 's/.*"leader":"n\([0-9]\)".*/\1/p' | head -1 && return 0
  done
}

now_ms() { date +%s%3N; }

bin/warden-cluster start 3 >/dev/null
results=()
for t in $(seq 1 "$trials"); do
  leader=$(leader_of)
  survivor=$(( leader % 3 + 1 ))
  # a session and a held lock that must survive the failover
  sid=$(curl -s -XPOST "http://127.0.0.1:$((http_base + survivor))/v1/sessions" -d '{"ttl":"30s"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
  fence=$(curl -s -XPOST "http://127.0.0.1:$((http_base + survivor))/v1/locks/failover-$t/acquire" -d "{\"session\":\"$sid\"}" | sed 's/.*"fence":\([0-9]*\).*/\1/')
  kill -9 "$(cat .cluster/n$leader.pid)"
  start=$(now_ms)
  deadline=$((start + 30000))
  until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' -XPUT "http://127.0.0.1:$((http_base + survivor))/v1/sessions/$sid/keepalive")" = 200 ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "trial $t: no write within 30s" >&2; exit 1; }
    sleep 0.01
  done
  took=$(( $(now_ms) - start ))
  held=$(curl -s "http://127.0.0.1:$((http_base + survivor))/v1/locks/failover-$t?fence=$fence" -o /dev/null -w '%{http_code}')
  results+=("$took")
  echo "trial $t: killed n$leader, first write through n$survivor after ${took} ms; lock still held with fence $fence: $([ "$held" = 200 ] && echo yes || echo NO)"
  rm -f ".cluster/n$leader.pid"
  bin/warden-cluster start 3 >/dev/null
done
bin/warden-cluster stop >/dev/null
sorted=$(printf '%s\n' "${results[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
worst=$(echo "$sorted" | tail -1)
echo "failover over $trials trials: median ${median} ms, worst ${worst} ms"
