#!/usr/bin/env bash
# Ring lookup micro-benchmark (JMH): rendezvous (Warden's ring) against a ring of 160 virtual points per
# member, for 10, 100 and 1,000 members with equal and mixed weights. Prints JMH's table.
#
#   load-tests/ring-bench.sh [extra JMH options, e.g. -p members=100]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_LOCK=${WARDEN_BUILD_LOCK:-$(dirname "$(mktemp -u)")/warden-build.lock}
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
flock "$BUILD_LOCK" ./mvnw -q -B test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main RingLookupBenchmark "$@"
