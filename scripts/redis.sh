#!/usr/bin/env bash
# A local Redis for tests and development (the shared rate-limit store, REDIS_URL), like scripts/elasticsearch.sh.
#
#   scripts/redis.sh start    install Debian's redis-server when missing (root: apt-get), start it on REDIS_PORT; reuses one that answers
#   scripts/redis.sh stop     stop the server this script started on REDIS_PORT
#   scripts/redis.sh status   exit 0 when Redis answers PING on REDIS_PORT
#   scripts/redis.sh url      print redis://127.0.0.1:$REDIS_PORT
#
# Environment (all optional):
#   REDIS_PORT       port on 127.0.0.1                 (default 6379)
#   REDIS_CACHE_DIR  pid file, log                     (default /var/cache/zzh-redis as root, else ~/.cache/zzh-redis)
# Nothing is persisted (no RDB, no AOF): rate-limit counters live for a minute anyway.
set -euo pipefail

REDIS_PORT="${REDIS_PORT:-6379}"
if [ "$(id -u)" = 0 ]; then REDIS_CACHE_DIR="${REDIS_CACHE_DIR:-/var/cache/zzh-redis}"; else REDIS_CACHE_DIR="${REDIS_CACHE_DIR:-$HOME/.cache/zzh-redis}"; fi
INSTANCE="$REDIS_CACHE_DIR/$REDIS_PORT"
PIDFILE="$INSTANCE/redis.pid"
URL="redis://127.0.0.1:$REDIS_PORT"

log() { echo "[redis] $*" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=lib/pidfile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/pidfile.sh"

# PING over bash's /dev/tcp, so redis-cli is not needed.
healthy() {
  local reply
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 7 <&3) 2>/dev/null || true)
  [[ "$reply" == "+PONG"* ]]
}

install() {
  command -v redis-server >/dev/null && return
  [ "$(id -u)" = 0 ] || die "redis-server is not installed; run: sudo apt-get install -y redis-server"
  log "installing Debian's redis-server (once) …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq redis-server >&2 || die "apt-get install redis-server failed"
}

start() {
  if healthy; then log "Redis already answers on $URL"; echo "$URL"; return; fi
  install
  mkdir -p "$INSTANCE"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --pidfile "$PIDFILE" --dir "$INSTANCE" \
    --logfile "$INSTANCE/redis.log" --save '' --appendonly no >&2 || die "redis-server did not start (see $INSTANCE/redis.log)"
  for _ in $(seq 1 50); do healthy && break; sleep 0.1; done
  healthy || { tail -n 20 "$INSTANCE/redis.log" >&2 || true; die "Redis does not answer on $URL"; }
  log "ready on $URL"
  echo "$URL"
}

stop() { stop_pidfile "$PIDFILE" "Redis on port $REDIS_PORT"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) healthy ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
