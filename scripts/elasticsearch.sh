#!/usr/bin/env bash
# A real, local, single-node Elasticsearch 9 for tests, benchmarks and development.
#
#   scripts/elasticsearch.sh start    fetch (once) and start; waits for yellow; reuses a healthy node on the port
#   scripts/elasticsearch.sh stop     stop the node this script started on ES_PORT
#   scripts/elasticsearch.sh status   exit 0 when a healthy node answers on ES_PORT
#   scripts/elasticsearch.sh url      print http://127.0.0.1:$ES_PORT
#   scripts/elasticsearch.sh logs     tail the node's log
#
# It fetches Elastic's official test distribution, org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip,
# from Maven Central with mvn, unpacks it into a cache, and runs it with a JDK >= 21 (Temurin 25 on these machines),
# security off, single node, bound to 127.0.0.1, with a small heap. Elasticsearch refuses to run as root, so under
# root it runs as a dedicated system user. The distribution carries only the server, transport and x-pack core
# modules: no analysis-common, no painless — the product's mappings and queries stay within core features.
#
# Environment (all optional):
#   ES_VERSION        version on Maven Central                      (default 9.5.3)
#   ES_PORT           HTTP port on 127.0.0.1                        (default 9200)
#   ES_CACHE_DIR      distribution, data and logs                   (default /var/cache/zzh-elasticsearch as root, else ~/.cache/zzh-elasticsearch)
#   ES_JAVA_HOME      JDK >= 21                                     (default: the newest under /usr/lib/jvm)
#   ES_JAVA_OPTS      JVM options                                   (default -Xms512m -Xmx512m)
#   ES_USER           user the node runs as under root              (default zzh-es)
#   ES_START_TIMEOUT  seconds to wait for yellow                    (default 180)
set -euo pipefail

ES_VERSION="${ES_VERSION:-9.5.3}"
ES_PORT="${ES_PORT:-9200}"
if [ "$(id -u)" = 0 ]; then ES_CACHE_DIR="${ES_CACHE_DIR:-/var/cache/zzh-elasticsearch}"; else ES_CACHE_DIR="${ES_CACHE_DIR:-$HOME/.cache/zzh-elasticsearch}"; fi
ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"
ES_USER="${ES_USER:-zzh-es}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-180}"

HOME_DIR="$ES_CACHE_DIR/elasticsearch-$ES_VERSION"
INSTANCE="$ES_CACHE_DIR/instances/$ES_PORT"
PIDFILE="$INSTANCE/es.pid"
URL="http://127.0.0.1:$ES_PORT"

log() { echo "[elasticsearch] $*" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=lib/pidfile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/pidfile.sh"

healthy() { curl -fs --max-time 3 "$URL/_cluster/health" 2>/dev/null | grep -q '"status":"\(green\|yellow\)"'; }

java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    [ -x "$d/bin/java" ] || continue
    v=$("$d/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="${d%/}"; best_v="$v"; fi
  done
  [ -n "$best" ] || die "no JDK >= 21 under /usr/lib/jvm; set ES_JAVA_HOME"
  echo "$best"
}

install() {
  [ -x "$HOME_DIR/bin/elasticsearch" ] && return
  command -v mvn >/dev/null || die "mvn is needed to fetch Elasticsearch from Maven Central"
  local gav="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" tmp
  log "fetching $gav from Maven Central (once) …"
  tmp=$(mktemp -d)
  mvn -q -B dependency:copy -Dartifact="$gav" -DoutputDirectory="$tmp" >&2 || die "mvn could not fetch $gav"
  log "unpacking into $ES_CACHE_DIR …"
  unzip -q -o "$tmp"/elasticsearch-"$ES_VERSION".zip -d "$ES_CACHE_DIR"
  rm -rf "$tmp"
}

run_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$ES_USER" -- "$@"; else "$@"; fi
}

start() {
  if healthy; then log "a healthy node already answers on $URL"; echo "$URL"; return; fi
  mkdir -p "$ES_CACHE_DIR"
  # One start at a time (install, user, ownership). The node must not inherit the lock's descriptor (9>&- below),
  # or the lock would stay held for as long as it runs and block starts on other ports.
  exec 9>"$ES_CACHE_DIR/.start.lock"
  flock 9
  if healthy; then log "a healthy node already answers on $URL"; echo "$URL"; return; fi
  install
  mkdir -p "$INSTANCE/data" "$INSTANCE/logs" "$INSTANCE/tmp"
  if [ "$(id -u)" = 0 ]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chmod 755 "$ES_CACHE_DIR"
    chown -R "$ES_USER" "$HOME_DIR" "$ES_CACHE_DIR/instances"
  fi
  local jh
  jh=$(java_home)
  log "starting Elasticsearch $ES_VERSION on $URL (JDK $jh, heap ${ES_JAVA_OPTS}) …"
  run_as env ES_JAVA_HOME="$jh" ES_JAVA_OPTS="$ES_JAVA_OPTS" ES_PATH_CONF="$HOME_DIR/config" ES_TMPDIR="$INSTANCE/tmp" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$PIDFILE" \
    -E discovery.type=single-node -E xpack.security.enabled=false -E network.host=127.0.0.1 \
    -E http.port="$ES_PORT" -E transport.port=0 -E cluster.name="zzh-$ES_PORT" \
    -E cluster.routing.allocation.disk.threshold_enabled=false -E action.destructive_requires_name=false \
    -E path.data="$INSTANCE/data" -E path.logs="$INSTANCE/logs" >"$INSTANCE/stdout.log" 2>&1 9>&- \
    || { tail -n 40 "$INSTANCE/stdout.log" >&2; die "Elasticsearch did not start"; }
  local waited=0
  until curl -fs --max-time 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; do
    sleep 1; waited=$((waited + 1))
    if [ "$waited" -ge "$ES_START_TIMEOUT" ]; then
      tail -n 60 "$INSTANCE"/logs/*.log >&2 2>/dev/null || true
      stop || true
      die "no yellow cluster health after ${ES_START_TIMEOUT}s"
    fi
  done
  log "ready after ${waited}s"
  echo "$URL"
}

stop() { stop_pidfile "$PIDFILE" "node on port $ES_PORT"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) healthy ;;
  url) echo "$URL" ;;
  logs) tail -n 100 "$INSTANCE"/logs/*.log ;;
  *) echo "usage: $0 start|stop|status|url|logs" >&2; exit 2 ;;
esac
