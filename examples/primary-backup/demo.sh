#!/usr/bin/env bash
# Primary/backup failover with a fenced term, against a running Warden (bin/warden-cluster start 3):
# three copies of service.sh campaign; the primary writes to a resource that refuses lower terms.
# The demo freezes the primary (SIGSTOP) past its session's TTL: a standby takes over with a higher
# term; when the old primary resumes, its next write is refused. Then it kills the new primary
# (kill -9) and the last standby takes over. Prints the resource's log. Stops what it started, by PID.
#
#   examples/primary-backup/demo.sh [WARDEN_URL]    (default http://127.0.0.1:8081)
set -euo pipefail
url=${1:-http://127.0.0.1:8081}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -CONT -- "-$p" 2>/dev/null || true; kill -KILL -- "-$p" 2>/dev/null || true; done
  echo "resource log kept in $dir/resource.log"
}
trap cleanup EXIT

leader() { curl -s "$url/v1/elections/primary-demo" | sed -n 's/.*"value":"\([^"]*\)".*/\1/p'; }
term() { curl -s "$url/v1/elections/primary-demo" | sed -n 's/.*"term":\([0-9]*\).*/\1/p'; }
await_leader_other_than() {
  for _ in $(seq 1 100); do
    l=$(leader); [ -n "$l" ] && [ "$l" != "$1" ] && { echo "$l"; return 0; }; sleep 0.2
  done
  echo "no new leader" >&2; return 1
}

for name in svc-a svc-b svc-c; do
  setsid "$here/service.sh" "$name" "$url" "$dir" >"$dir/$name.out" 2>&1 &
  pids+=($!)
  eval "pid_$(echo $name | tr - _)=$!"
done
first=$(await_leader_other_than "")
echo "primary: $first (term $(term))"
sleep 2

victim=$(eval echo "\$pid_$(echo "$first" | tr - _)")
echo "SIGSTOP $first for 6 s (its session's TTL is 3 s)"
kill -STOP -- "-$victim"
second=$(await_leader_other_than "$first")
echo "standby $second took over (term $(term))"
sleep 4
kill -CONT -- "-$victim"
for _ in $(seq 1 50); do grep -q "no longer the primary" "$dir/$first.out" && break; sleep 0.2; done
echo "$first resumed: $(grep -h "refused\|no longer" "$dir/$first.out" || echo 'still writing!')"

victim=$(eval echo "\$pid_$(echo "$second" | tr - _)")
echo "kill -9 $second"
kill -KILL -- "-$victim"
third=$(await_leader_other_than "$second")
echo "standby $third took over (term $(term))"
sleep 2

echo "--- resource log ---"
cat "$dir/resource.log"
refused=$(grep -c "^REFUSED" "$dir/resource.log" || true)
terms=$(grep -o "^term [0-9]*" "$dir/resource.log" | uniq | wc -l)
echo "--- $terms terms wrote to the resource; $refused write(s) refused for a lower term"
[ "$refused" -ge 1 ] && [ "$terms" -ge 3 ]
