#!/usr/bin/env bash
# A resource that keeps the highest term it has seen and refuses lower ones (Kleppmann's fencing):
#   fenced-write.sh DIR TERM LINE   appends LINE to DIR/resource.log if TERM >= the highest term seen,
#                                   else refuses (exit 1). The check and the write are one step (flock).
set -euo pipefail
dir=$1 term=$2 line=$3
exec 9>>"$dir/resource.lock"
flock 9
highest=$(cat "$dir/resource.term" 2>/dev/null || echo 0)
if [ "$term" -lt "$highest" ]; then
  echo "REFUSED term $term < $highest: $line" >>"$dir/resource.log"
  exit 1
fi
echo "$term" >"$dir/resource.term"
echo "term $term: $line" >>"$dir/resource.log"
