# Shared by scripts/elasticsearch.sh and scripts/redis.sh (sourced; needs their `log`).
# stop_pidfile PIDFILE WHAT: stop the process whose pid PIDFILE holds (TERM, up to 30 s, then KILL), remove the file.
stop_pidfile() {
  local pidfile=$1 what=$2 pid
  [ -f "$pidfile" ] || { log "no $what started by this script"; return 0; }
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping pid $pid …"
    kill "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  fi
  rm -f "$pidfile"
}
