#!/usr/bin/env bash
# Side-by-side lock benchmark: etcd 3.4, ZooKeeper 3.8 (+ Curator 5.7.1) and Warden, each as a 3-node
# group on loopback with fsync on, one system at a time, the same closed-loop lock workloads from one
# load-generator JVM against the leader. Prints one markdown table (median over rounds) and keeps the
# raw runs as CSV.
#
#   load-tests/side-by-side.sh [--systems etcd,zookeeper,warden] [--rounds 2] [--warmup 60] [--run 10] [--cold 10]
#
# Per system and round: start the group; "cold" = the first --cold s of the 16-client workload started
# as soon as the group is ready; warm-up of --warmup s (mostly 16 clients, some of each other workload);
# then --run s of each workload: 16 clients on distinct locks, 1 client, 16 clients on one shared lock,
# 64 clients on distinct locks. Then the group is stopped (SIGTERM, SIGKILL after 20 s) and its data
# deleted. Systems alternate: etcd, ZooKeeper, Warden, then again for the next round.
#
# --watches N (Warden only): instead of the workloads above, 16-client lock cycles after the warm-up,
# alternately with no watch open and with N watches open on the leader's node (--matching M of them
# follow one client's lock each, --unfiltered U take every event, the rest watch a prefix nothing writes),
# --rounds times (ABBA order); before them, 20 trials each of how late a watch on the leader and on a
# follower tells a holder whose 1 s session expired that it lost its lock. Output: watch-loss.txt, watch-runs.csv, watch-table.md.
#
# --warden-secure: Warden runs secured as the README's Security section describes (HTTPS only, mutual TLS
# between peers, tokens required; a throwaway CA from bin/make-certs), and the load generator uses HTTPS
# and a non-admin token, so the figures show what TLS and access control cost. Label "Warden (TLS+auth)".
#
# Installs what is missing (Debian etcd-server and zookeeper via apt-get; Curator via Maven for the
# load generator in load-tests/side-by-side/). Warden comes from WARDEN_JAR (built if absent and default).
# Output: .bench/side-by-side-<timestamp>/{runs.csv,table.md,logs/}.
# Loopback only; every process it starts is stopped by PID, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

# ---- settings (environment overrides) ----------------------------------------------------------
# JVM options of each Warden node: the settings file every launch uses (bin/jvm.options; set
# WARDEN_JVM_OPTIONS_FILE= to run with the JVM's defaults), then WARDEN_JAVA_OPTS.
WARDEN_JVM_OPTIONS_FILE=${WARDEN_JVM_OPTIONS_FILE-bin/jvm.options}
WARDEN_JAVA_OPTS=${WARDEN_JAVA_OPTS-}
# JVM options of each ZooKeeper server. The Debian package's zkServer.sh and environment file set no
# heap (JAVA_OPTS=""), so its servers run with the JVM's default heap, as Warden's nodes do.
ZK_JAVA_OPTS=${ZK_JAVA_OPTS-}
# JVM options of the load generator.
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS-}
WARDEN_JAR=${WARDEN_JAR:-target/quarkus-app/quarkus-run.jar}
WARDEN_LABEL=${WARDEN_LABEL:-Warden}
# Every Maven build on a shared machine takes this lock (one build at a time).
BUILD_LOCK=${WARDEN_BUILD_LOCK:-$(dirname "$(mktemp -u)")/warden-build.lock}

ETCD_CLIENT=23790   # client ports 23791-23793
ETCD_PEER=23800     # peer ports 23801-23803
ZK_CLIENT=21810     # client ports 21811-21813
ZK_QUORUM=22880     # quorum ports 22881-22883
ZK_ELECTION=22890   # election ports 22891-22893
WARDEN_HTTP=28080   # HTTP ports 28081-28083
WARDEN_RAFT=29870   # Raft ports 29871-29873
ZK_JARS=/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar

systems=etcd,zookeeper,warden rounds=2 warmup=60 run=10 cold=10 watches=0 matching=16 unfiltered=0 secure=false
while [ $# -gt 0 ]; do
  # --warden-secure: Warden with HTTPS, mutual TLS between peers and tokens (a non-admin token per load generator)
  if [ "$1" = --warden-secure ]; then secure=true; shift; continue; fi
  case "$1" in
    --watches) watches=$2 ;;
    --matching) matching=$2 ;;
    --unfiltered) unfiltered=$2 ;;
    --systems) systems=$2 ;;
    --rounds) rounds=$2 ;;
    --warmup) warmup=$2 ;;
    --run) run=$2 ;;
    --cold) cold=$2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }
  shift 2
done
IFS=, read -r -a sys_list <<<"$systems"
for s in "${sys_list[@]}"; do
  case "$s" in etcd|zookeeper|warden) ;; *) echo "unknown system $s" >&2; exit 2 ;; esac
done
[ "$watches" = 0 ] || systems=warden
for v in "$rounds" "$warmup" "$run" "$cold" "$watches" "$matching" "$unfiltered"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "not a whole number: $v" >&2; exit 2; }
done
has() { [[ ",$systems," == *",$1,"* ]]; }

out=.bench/side-by-side-$(date +%Y%m%d-%H%M%S)
logs=$out/logs
mkdir -p "$logs"
loadgen_dir=load-tests/side-by-side
loadgen_jar=$loadgen_dir/target/side-by-side.jar
clk_tck=$(getconf CLK_TCK)

# ---- process bookkeeping -----------------------------------------------------------------------
pids=()      # the running group's server processes
data=""      # the running group's data folder
loadgen=""   # the running load generator

alive() {  # a live process, not a zombie waiting to be reaped
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

stop_group() {
  local pid deadline
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do
    while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    if alive "$pid"; then echo "  pid $pid still alive after SIGTERM: SIGKILL" >&2; kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  done
  pids=()
  if [ -n "$data" ]; then rm -rf "$data"; data=""; fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$loadgen" ]; then
    kill -TERM "$loadgen" 2>/dev/null || true
    wait "$loadgen" 2>/dev/null || true
  fi
  stop_group
  [ "$rc" = 0 ] || echo "stopped (exit $rc): every process this run started is stopped, its data deleted; logs in $logs" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# waits up to $1 s for the command after the description $2; fails early if a server died
wait_for() {
  local limit=$1 what=$2 pid deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    for pid in "${pids[@]}"; do
      alive "$pid" || { echo "a server (pid $pid) exited while waiting for $what; logs in $logs" >&2; return 1; }
    done
    [ $SECONDS -lt $deadline ] || { echo "$what: not within ${limit}s; logs in $logs" >&2; return 1; }
    sleep 0.2
  done
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports_free() {
  local p
  for p in "$@"; do port_free "$p" || { echo "port $p is in use: stop what listens there first" >&2; return 1; }; done
}

# ---- installs and builds -----------------------------------------------------------------------
need=()
if has etcd && ! command -v etcd >/dev/null; then need+=(etcd-server); fi
if has zookeeper && [ ! -f /usr/share/java/zookeeper.jar ]; then need+=(zookeeper); fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >"$logs/apt-get.log"
fi

if [ ! -f "$loadgen_jar" ] || [ -n "$(find "$loadgen_dir/src" "$loadgen_dir/pom.xml" -newer "$loadgen_jar" -print -quit)" ]; then
  echo "building the load generator"
  flock "$BUILD_LOCK" ./mvnw -q -f "$loadgen_dir/pom.xml" package
fi

if has warden && [ ! -f "$WARDEN_JAR" ]; then
  [ "$WARDEN_JAR" = target/quarkus-app/quarkus-run.jar ] || { echo "no $WARDEN_JAR" >&2; exit 1; }
  echo "building Warden"
  flock "$BUILD_LOCK" ./mvnw -q package -DskipTests
fi

etcd_label="etcd $(etcd --version 2>/dev/null | sed -n 's/^etcd Version: //p' || true)"
zk_label="ZooKeeper $(dpkg-query -W -f='${Version}' zookeeper 2>/dev/null | sed 's/-.*//' || true)"

# ---- etcd --------------------------------------------------------------------------------------
etcd_status() { curl -s -m 2 -XPOST "http://127.0.0.1:$((ETCD_CLIENT + $1))/v3/maintenance/status" -d '{}'; }
etcd_ready() {
  local i
  for i in 1 2 3; do curl -s -m 2 "http://127.0.0.1:$((ETCD_CLIENT + i))/health" | grep -q '"health":"true"' || return 1; done
}
etcd_leader_port() {  # the member whose own id is the leader it reports
  local i st
  for i in 1 2 3; do
    st=$(etcd_status "$i") || continue
    if [ -n "$st" ] && [ "$(sed -n 's/.*"member_id":"\([0-9]*\)".*/\1/p' <<<"$st")" = "$(sed -n 's/.*"leader":"\([0-9]*\)".*/\1/p' <<<"$st")" ]; then
      echo $((ETCD_CLIENT + i)); return 0
    fi
  done
  return 1
}
start_etcd() {
  local i cluster=""
  ports_free $((ETCD_CLIENT + 1)) $((ETCD_CLIENT + 2)) $((ETCD_CLIENT + 3)) $((ETCD_PEER + 1)) $((ETCD_PEER + 2)) $((ETCD_PEER + 3))
  for i in 1 2 3; do cluster+="${cluster:+,}e$i=http://127.0.0.1:$((ETCD_PEER + i))"; done
  for i in 1 2 3; do
    etcd --name "e$i" --data-dir "$data/e$i" \
      --listen-client-urls "http://127.0.0.1:$((ETCD_CLIENT + i))" --advertise-client-urls "http://127.0.0.1:$((ETCD_CLIENT + i))" \
      --listen-peer-urls "http://127.0.0.1:$((ETCD_PEER + i))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PEER + i))" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "side-by-side-$$" \
      --logger zap --log-outputs stderr --log-level warn >"$logs/etcd-e$i-round$round.log" 2>&1 &
    pids+=($!)
  done
  wait_for 60 "etcd health on all members" etcd_ready
  wait_for 30 "an etcd leader" etcd_leader_port >/dev/null
}

# ---- ZooKeeper ---------------------------------------------------------------------------------
zk_mode() {  # the 'srvr' four-letter word's Mode line of server $1
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$((ZK_CLIENT + $1)); printf srvr >&3; cat <&3" 2>/dev/null | sed -n 's/^Mode: //p'
}
zk_ready() {
  local i m
  for i in 1 2 3; do m=$(zk_mode "$i"); [ "$m" = leader ] || [ "$m" = follower ] || return 1; done
}
zk_leader_port() {
  local i
  for i in 1 2 3; do [ "$(zk_mode "$i")" = leader ] && { echo $((ZK_CLIENT + i)); return 0; }; done
  return 1
}
start_zookeeper() {
  local i j dir
  ports_free $((ZK_CLIENT + 1)) $((ZK_CLIENT + 2)) $((ZK_CLIENT + 3)) $((ZK_QUORUM + 1)) $((ZK_QUORUM + 2)) $((ZK_QUORUM + 3)) \
    $((ZK_ELECTION + 1)) $((ZK_ELECTION + 2)) $((ZK_ELECTION + 3))
  for i in 1 2 3; do
    dir=$data/z$i
    mkdir -p "$dir"
    echo "$i" >"$dir/myid"
    # the package's zoo.cfg timing (tickTime 2000, initLimit 10, syncLimit 5); forceSync (fsync) is on by default.
    # maxClientCnxns=0: the default of 60 connections per client address is below the 64-client workload.
    {
      echo "tickTime=2000"; echo "initLimit=10"; echo "syncLimit=5"
      echo "dataDir=$dir"; echo "clientPort=$((ZK_CLIENT + i))"; echo "clientPortAddress=127.0.0.1"
      echo "maxClientCnxns=0"; echo "admin.enableServer=false"; echo "4lw.commands.whitelist=srvr"
      for j in 1 2 3; do echo "server.$j=127.0.0.1:$((ZK_QUORUM + j)):$((ZK_ELECTION + j))"; done
    } >"$dir/zoo.cfg"
    # as zkServer.sh runs it: QuorumPeerMain on the package's jars, log4j from the package's conf
    # folder (warnings only, to the console)
    java $ZK_JAVA_OPTS -Dzookeeper.log.dir="$logs" -Dzookeeper.root.logger=WARN,CONSOLE \
      -cp "/etc/zookeeper/conf:$ZK_JARS" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg" \
      >"$logs/zookeeper-z$i-round$round.log" 2>&1 &
    pids+=($!)
  done
  wait_for 90 "ZooKeeper quorum (srvr on all servers)" zk_ready
}

# ---- Warden ------------------------------------------------------------------------------------
# curl to node i's path; secured, over HTTPS with the group's CA and the bootstrap token.
wcurl() {
  local i=$1 path=$2; shift 2
  if $secure; then
    curl -s -m 2 --cacert "$certs/ca.pem" -H "Authorization: Bearer $(cat "$certs/bootstrap.token")" \
      "https://localhost:$((WARDEN_HTTP + i))$path" "$@"
  else
    curl -s -m 2 "http://127.0.0.1:$((WARDEN_HTTP + i))$path" "$@"
  fi
}
warden_ready() {
  local i
  for i in 1 2 3; do
    [ "$(wcurl "$i" /q/health/ready -o /dev/null -w '%{http_code}')" = 200 ] || return 1
  done
}
warden_leader_port() {
  local i n
  for i in 1 2 3; do
    n=$(wcurl "$i" /v1/cluster | sed -n 's/.*"leader":"n\([0-9]\)".*/\1/p')
    [ -n "$n" ] && { echo $((WARDEN_HTTP + n)); return 0; }
  done
  return 1
}
# Secured: certificates and a bootstrap token made once per run, in the run's folder.
certs=""
if $secure; then
  certs=$out/certs
  bin/make-certs "$certs" n1 n2 n3 >/dev/null
  (umask 077; openssl rand -hex 32 >"$certs/bootstrap.token")
  WARDEN_LABEL="$WARDEN_LABEL (TLS+auth)"
fi
warden_secure_options() {
  $secure || return 0
  local i=$1
  echo "-Dwarden.raft.tls.cert=$certs/n$i.pem -Dwarden.raft.tls.key=$certs/n$i.key -Dwarden.raft.tls.trust=$certs/ca.pem" \
    "-Dquarkus.tls.key-store.pem.0.cert=$certs/n$i.pem -Dquarkus.tls.key-store.pem.0.key=$certs/n$i.key" \
    "-Dquarkus.http.ssl-port=$((WARDEN_HTTP + i)) -Dquarkus.http.insecure-requests=disabled" \
    "-Dwarden.auth.enabled=true -Dwarden.auth.bootstrap-token-file=$certs/bootstrap.token"
}
# The load generator's token: lock and session writes on every name, not an admin (admins skip the rules).
warden_bench_token() {
  $secure || return 0
  wcurl 1 /v1/acl/tokens -H 'Content-Type: application/json' -d '{"name":"bench","rules":[{"kind":"lock","prefix":"","access":"write"},{"kind":"session","prefix":"","access":"write"}]}' \
    | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p'
}
start_warden() {
  local i peers=""
  ports_free $((WARDEN_HTTP + 1)) $((WARDEN_HTTP + 2)) $((WARDEN_HTTP + 3)) $((WARDEN_RAFT + 1)) $((WARDEN_RAFT + 2)) $((WARDEN_RAFT + 3))
  for i in 1 2 3; do peers+="${peers:+,}n$i=127.0.0.1:$((WARDEN_RAFT + i))"; done
  for i in 1 2 3; do
    # as bin/warden-cluster starts a node
    # shellcheck disable=SC2046
    java ${WARDEN_JVM_OPTIONS_FILE:+@$WARDEN_JVM_OPTIONS_FILE} $WARDEN_JAVA_OPTS $(warden_secure_options "$i") \
      -Dquarkus.http.port=$((WARDEN_HTTP + i)) \
      -Dwarden.node-id="n$i" -Dwarden.peers="$peers" -Dwarden.data-dir="$data/n$i" \
      -jar "$WARDEN_JAR" >"$logs/warden-n$i-round$round.log" 2>&1 &
    pids+=($!)
  done
  wait_for 90 "Warden /q/health/ready on all nodes" warden_ready
}

# ---- watches: one group, rounds alternate no watches and N watches ---------------------------------
if [ "$watches" != 0 ]; then
  echo "watch benchmark: $watches watches ($matching matching, $unfiltered unfiltered), $rounds round(s), warm-up ${warmup}s, runs ${run}s; output $out"
  data=$(mktemp -d -t warden-side-by-side.XXXXXX)
  round=1
  start_warden
  port=$(warden_leader_port)
  other=$((WARDEN_HTTP + 1)); [ "$other" != "$port" ] || other=$((WARDEN_HTTP + 2))
  for w in "$port" "$other"; do
    java $LOADGEN_JAVA_OPTS -cp "$loadgen_jar" io.warden.sidebyside.WatchLoss --endpoint "127.0.0.1:$port" \
      --watch-endpoint "127.0.0.1:$w" --trials 20 | sed "s/^/$([ "$w" = "$port" ] && echo leader || echo follower): /" \
      | tee -a "$out/watch-loss.txt"
  done
  java $LOADGEN_JAVA_OPTS -cp "$loadgen_jar" io.warden.sidebyside.WatchLoad --endpoint "127.0.0.1:$port" \
    --watch-endpoint "127.0.0.1:$port" --pids "$(IFS=,; echo "${pids[*]}")" --clk-tck "$clk_tck" \
    --watches "$watches" --matching "$matching" --unfiltered "$unfiltered" --warmup "$warmup" --run "$run" \
    --rounds "$rounds" --csv "$out/watch-runs.csv" &
  loadgen=$!
  wait "$loadgen"
  loadgen=""
  stop_group
  { echo "| round | watches | matching | unfiltered | cycles/s | p50 ms | p99 ms | errors | CPU-s/1k | RSS max MiB | frames | frames/s | bytes |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    tail -n +2 "$out/watch-runs.csv" | sed 's/^/| /; s/,/ | /g; s/$/ |/'
  } >"$out/watch-table.md"
  cat "$out/watch-table.md"
  exit 0
fi

# ---- the rounds --------------------------------------------------------------------------------
echo "side-by-side: systems $systems, $rounds round(s), cold ${cold}s, warm-up ${warmup}s, runs ${run}s; output $out"
echo "Warden JVM options: ${WARDEN_JVM_OPTIONS_FILE:-(JVM defaults)} $WARDEN_JAVA_OPTS"
started=$SECONDS
for round in $(seq 1 "$rounds"); do
  for s in etcd zookeeper warden; do
    has "$s" || continue
    data=$(mktemp -d -t warden-side-by-side.XXXXXX)
    t0=$SECONDS
    case "$s" in
      etcd) start_etcd; port=$(etcd_leader_port); label=$etcd_label ;;
      zookeeper) start_zookeeper; port=$(zk_leader_port); label=$zk_label ;;
      warden) start_warden; port=$(warden_leader_port); label=$WARDEN_LABEL
        if $secure; then
          WARDEN_BENCH_TOKEN=$(warden_bench_token); export WARDEN_BENCH_TOKEN
          [ -n "$WARDEN_BENCH_TOKEN" ] || { echo "could not create the load generator's token" >&2; exit 1; }
          export WARDEN_BENCH_CA=$certs/ca.pem
        fi ;;
    esac
    comms=$(for pid in "${pids[@]}"; do cat "/proc/$pid/comm"; done | sort -u | tr '\n' ' ')
    [ "$comms" = "$([ "$s" = etcd ] && echo etcd || echo java) " ] || { echo "server pids ${pids[*]} are not the servers: $comms" >&2; exit 1; }
    echo "round $round: $label ready in $((SECONDS - t0)) s, pids ${pids[*]} ($comms), leader at 127.0.0.1:$port"
    java $LOADGEN_JAVA_OPTS -jar "$loadgen_jar" --system "$s" --endpoint "127.0.0.1:$port" \
      --pids "$(IFS=,; echo "${pids[*]}")" --clk-tck "$clk_tck" --round "$round" \
      --cold "$cold" --warmup "$warmup" --run "$run" --csv "$out/runs.csv" --label "$label" &
    loadgen=$!
    wait "$loadgen"
    loadgen=""
    stop_group
  done
done

echo
java -cp "$loadgen_jar" io.warden.sidebyside.Report --csv "$out/runs.csv" --out "$out/table.md" \
  --systems "$systems" --rounds "$rounds" --warmup "$warmup" --run "$run" --cold "$cold"
echo
echo "took $((SECONDS - started)) s; raw runs: $out/runs.csv; table: $out/table.md; logs: $logs/"
