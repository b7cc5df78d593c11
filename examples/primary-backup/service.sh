#!/usr/bin/env bash
# One copy of a primary/backup service: it holds a session (TTL 3 s, kept alive every second by a
# background loop), campaigns for the election "primary-demo" and waits; once it leads, it writes to
# the fenced resource every half second, passing its term. A write refused for a lower term means
# another copy leads now: this one stops (it learned it lost leadership).
#
#   service.sh NAME WARDEN_URL DIR
set -uo pipefail
name=$1 url=$2 dir=$3 here=$(dirname "$0")
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }

session=$(curl -s -XPOST "$url/v1/sessions" -d "{\"ttl\":\"3s\",\"name\":\"$name\"}" | field id)
[ -n "$session" ] || { echo "$name: no session" >&2; exit 2; }
( while sleep 1; do curl -s -o /dev/null -XPUT "$url/v1/sessions/$session/keepalive"; done ) &
keeper=$!
trap 'kill $keeper 2>/dev/null' EXIT

while :; do
  answer=$(curl -s -XPOST "$url/v1/elections/primary-demo/campaign" \
    -d "{\"session\":\"$session\",\"value\":\"$name\",\"wait\":\"30s\"}")
  term=$(echo "$answer" | field term)
  if echo "$answer" | grep -q "\"session\":\"$session\""; then break; fi
  if echo "$answer" | grep -q session-not-found; then echo "$name: session gone" >&2; exit 3; fi
done
echo "$name: leading in term $term"
n=0
while :; do
  n=$((n + 1))
  if ! "$here/fenced-write.sh" "$dir" "$term" "$name write $n"; then
    echo "$name: write $n refused for term $term: no longer the primary"
    exit 0
  fi
  sleep 0.5
done
