#!/usr/bin/env bash
# Measures failover on a local 3-node group: take the leader out (kill -9, or SIGSTOP for a while, as a
# long GC pause or a stalled VM looks to its peers), then time through a survivor until
#   write:   a session keepalive succeeds,
#   read:    a linearizable lock read succeeds,
#   cluster: GET /v1/cluster names a leader other than the lost one.
# A paused leader is resumed after --pause seconds and must step down (its /v1/cluster names the new
# leader); a killed one is restarted. Loopback only, bounded by the trial count.
#
#   load-tests/failover-trials.sh [--fault kill|pause] [--trials 10] [--pause 6]
#
# Needs the packaged app (./mvnw package -DskipTests); uses bin/warden-cluster's ports 8081-8083.
# Prints one line per trial and the median and worst of each figure.
set -euo pipefail
cd "$(dirname "$0")/.."
fault=kill trials=10 pause=6
while [ $# -gt 0 ]; do
  case "$1" in
    --fault) fault=$2 ;;
    --trials) trials=$2 ;;
    --pause) pause=$2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift 2
done
case "$fault" in kill|pause) ;; *) echo "--fault is kill or pause" >&2; exit 2 ;; esac
http_base=${WARDEN_HTTP_BASE:-8080}
url() { echo "http://127.0.0.1:$((http_base + $1))"; }
now_ms() { date +%s%3N; }

leader_seen_by() {  # the leader's node number as node $1 sees it (empty if none)
  curl -s -m 1 "$(url "$1")/v1/cluster" 2>/dev/null | sed -n 's/.*"leader":"n\([0-9]\)".*/\1/p' | head -1
}

leader_of() {  # the leader's node number as any live node sees it
  local i l
  for i in 1 2 3; do l=$(leader_seen_by "$i"); [ -n "$l" ] && { echo "$l"; return 0; }; done
}

paused=""
cleanup() {
  [ -n "$paused" ] && kill -CONT "$paused" 2>/dev/null || true
  bin/warden-cluster stop >/dev/null || true
}
trap cleanup EXIT

median_worst() {  # "median M ms, worst W ms" of the numbers on stdin
  sort -n | awk '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "median %d ms, worst %d ms", m, a[NR]}'
}

bin/warden-cluster start 3 >/dev/null
writes=() reads=() views=()
for t in $(seq 1 "$trials"); do
  leader=$(leader_of)
  [ -n "$leader" ] || { echo "trial $t: no leader before the fault" >&2; exit 1; }
  survivor=$(( leader % 3 + 1 ))
  s=$(url "$survivor")
  # a session and a held lock that must survive the failover
  sid=$(curl -s -XPOST "$s/v1/sessions" -d '{"ttl":"30s"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
  fence=$(curl -s -XPOST "$s/v1/locks/failover-$t/acquire" -d "{\"session\":\"$sid\"}" | sed 's/.*"fence":\([0-9]*\).*/\1/')
  pid=$(cat ".cluster/n$leader.pid")
  if [ "$fault" = kill ]; then kill -9 "$pid"; else kill -STOP "$pid"; paused=$pid; fi
  start=$(now_ms)
  if [ "$fault" = pause ]; then limit=$((start + pause * 1000)); else limit=$((start + 30000)); fi
  write="" read="" view=""
  while [ -z "$write" ] || [ -z "$read" ] || [ -z "$view" ]; do
    [ "$(now_ms)" -lt "$limit" ] || break
    if [ -z "$write" ] && [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' -XPUT "$s/v1/sessions/$sid/keepalive")" = 200 ]; then
      write=$(( $(now_ms) - start ))
    fi
    if [ -z "$read" ] && [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$s/v1/locks/failover-$t")" = 200 ]; then
      read=$(( $(now_ms) - start ))
    fi
    if [ -z "$view" ]; then
      l=$(leader_seen_by "$survivor")
      if [ -n "$l" ] && [ "$l" != "$leader" ]; then view=$(( $(now_ms) - start )); fi
    fi
    sleep 0.01
  done
  if [ "$fault" = pause ]; then
    # resume only after the whole pause, then the old leader must learn the new one
    while [ "$(now_ms)" -lt "$limit" ]; do sleep 0.05; done
    kill -CONT "$pid"; paused=""
    stepped=no
    for _ in $(seq 1 100); do
      l=$(leader_seen_by "$leader")
      if [ -n "$l" ] && [ "$l" != "$leader" ]; then stepped=yes; break; fi
      sleep 0.1
    done
  fi
  held=$(curl -s -m 2 "$s/v1/locks/failover-$t?fence=$fence" -o /dev/null -w '%{http_code}')
  writes+=("${write:-$((limit - start))}") reads+=("${read:-$((limit - start))}") views+=("${view:-$((limit - start))}")
  echo "trial $t: $fault n$leader; through n$survivor write ${write:-none} ms, read ${read:-none} ms," \
       "leader named ${view:-never} ms; lock held with fence $fence: $([ "$held" = 200 ] && echo yes || echo NO)" \
       "$([ "$fault" = pause ] && echo "; resumed n$leader stepped down: $stepped")"
  if [ "$fault" = kill ]; then
    rm -f ".cluster/n$leader.pid"
    bin/warden-cluster start 3 >/dev/null
  fi
  for _ in $(seq 1 100); do [ -n "$(leader_of)" ] && break; sleep 0.1; done
done
echo "$fault failover over $trials trials:"
echo "  first write:     $(printf '%s\n' "${writes[@]}" | median_worst)"
echo "  first read:      $(printf '%s\n' "${reads[@]}" | median_worst)"
echo "  new leader seen: $(printf '%s\n' "${views[@]}" | median_worst)"
