#!/usr/bin/env bash
# A private MariaDB server for development and tests, in its own data directory, on 127.0.0.1.
# It never touches the system's MariaDB service or its files.
#
#   scripts/mariadb.sh start  [--port P] [--dir D]   start (if not running), apply sql/, print connection
#   scripts/mariadb.sh stop   [--dir D]              TERM the recorded PID and wait for it to exit
#   scripts/mariadb.sh status [--dir D]              exit 0 if running, 3 if not
#
#   --port P   TCP port on 127.0.0.1 (default 3306); 0 picks a free one
#   --dir D    instance directory (default .local/mariadb in the repository): D/data,
#              D/mysqld.sock, D/mariadbd.pid, D/mariadbd.log, D/port
#
# start and status end with one line to eval or parse:
#   MYSQL_CONNECTION_STRING='Server=127.0.0.1;Port=P;Database=seedtag;User ID=saga;Password=...;'
# The app account 'saga' gets SAGA_DB_PASSWORD (default: the development-only 'saga-dev-only').
# root has no password and is reachable only through the socket (the directory is mode 700).
# Installs Debian's mariadb-server when mariadbd is missing, without starting its service.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
startup_timeout_seconds=60
shutdown_timeout_seconds=60

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
log() { echo "mariadb: $*" >&2; }

action="${1:-}"
[[ $# -gt 0 ]] && shift
port=3306
dir="$repo_root/.local/mariadb"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) log "unknown argument '$1'"; usage >&2; exit 2 ;;
  esac
done
if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port > 65535 )); then
  log "--port must be 0..65535"; exit 2
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
data="$dir/data"
socket="$dir/mysqld.sock"
pid_file="$dir/mariadbd.pid"
log_file="$dir/mariadbd.log"
port_file="$dir/port"

app_password="${SAGA_DB_PASSWORD:-saga-dev-only}"
if [[ "$app_password" == *[\;\'\"]* ]]; then
  log "SAGA_DB_PASSWORD must contain no ; ' or \" (it goes into connection strings)"; exit 2
fi

server_binary() {
  command -v mariadbd 2>/dev/null || { [[ -x /usr/sbin/mariadbd ]] && echo /usr/sbin/mariadbd; } || true
}

install_server() {
  log "mariadbd not found: installing Debian's mariadb-server"
  # Keep the package's service from starting (invoke-rc.d honours policy-rc.d).
  local policy=/usr/sbin/policy-rc.d created_policy=
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server mariadb-client >&2 \
    || { [[ -n $created_policy ]] && rm -f "$policy"; return 1; }
  [[ -n $created_policy ]] && rm -f "$policy"
  return 0
}

# The PID we recorded, if that process is alive and is the server of this data directory
# (a recycled PID is never taken for ours).
running_pid() {
  [[ -f $pid_file ]] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$pid_file")"
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "--datadir=$data" || return 1
  echo "$pid"
}

connection_line() {
  printf "MYSQL_CONNECTION_STRING='Server=127.0.0.1;Port=%s;Database=seedtag;User ID=saga;Password=%s;'\n" \
    "$(cat "$port_file")" "$app_password"
}

root_sql() {
  mariadb --no-defaults --socket="$socket" --user=root --batch --skip-column-names "$@"
}

# free_port: a port nothing listens on right now, below the ephemeral range; start retries if someone takes it first.
# shellcheck source=scripts/ports.sh
source "$repo_root/scripts/ports.sh"

initialize_data_directory() {
  local server_user=()
  (( EUID == 0 )) && server_user=(--user=root)
  log "initializing $data"
  # Two attempts: on a machine busy with other servers the bootstrap has been seen to fail once, then pass.
  local attempt
  for attempt in 1 2; do
    if mariadb-install-db --no-defaults --datadir="$data" "${server_user[@]}" \
        --auth-root-authentication-method=normal --skip-test-db >>"$log_file" 2>&1; then
      return 0
    fi
    rm -rf "$data"
    log "mariadb-install-db failed (attempt $attempt); see $log_file"
    sleep 2
  done
  tail -n 20 "$log_file" >&2
  return 1
}

# Starts mariadbd on $1 and waits until it answers. Returns 2 if the port was taken.
launch() {
  local listen_port=$1 server_user=() pid
  (( EUID == 0 )) && server_user=(--user=root)
  local log_start
  log_start=$(wc -l < "$log_file" 2>/dev/null || echo 0)
  "$server" --no-defaults \
    --datadir="$data" --socket="$socket" --pid-file="$pid_file" --log-error="$log_file" \
    --port="$listen_port" --bind-address=127.0.0.1 --skip-networking=0 --skip-name-resolve \
    --default-time-zone=+00:00 --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --max-connections=1000 \
    "${server_user[@]}" </dev/null >/dev/null 2>>"$log_file" &
  pid=$!
  echo "$pid" > "$pid_file"

  local deadline=$(( SECONDS + startup_timeout_seconds ))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      if tail -n +"$((log_start + 1))" "$log_file" | grep -qiE "bind on tcp/ip port|address already in use"; then
        return 2
      fi
      log "mariadbd exited during startup; see $log_file"; tail -n 20 "$log_file" >&2; return 1
    fi
    if mariadb-admin --no-defaults --socket="$socket" --user=root --connect-timeout=2 ping >/dev/null 2>&1; then
      echo "$listen_port" > "$port_file"
      return 0
    fi
    sleep 0.5
  done
  log "mariadbd (pid $pid) did not answer within ${startup_timeout_seconds}s; stopping it"
  kill -TERM "$pid" 2>/dev/null || true
  return 1
}

start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid, port $(cat "$port_file"), dir $dir)"
    connection_line
    return 0
  fi
  server="$(server_binary)"
  if [[ -z $server ]]; then
    install_server
    server="$(server_binary)"
    [[ -n $server ]] || { log "mariadbd still not found after installing"; return 1; }
  fi
  chmod 700 "$dir"
  [[ -d $data/mysql ]] || initialize_data_directory

  # A given port (a restart on the port clients know) may be held for a few seconds by a client's own socket: a
  # client reconnecting to a closed port in the ephemeral range can connect to itself. So it is tried for a while.
  local attempt listen_port status
  for attempt in $(seq 1 10); do
    if (( port == 0 )); then listen_port="$(free_port)"; else listen_port=$port; fi
    status=0
    launch "$listen_port" || status=$?
    (( status == 0 )) && break
    if (( status == 2 && port == 0 && attempt < 5 )); then
      log "port $listen_port was taken; retrying with another"
      continue
    fi
    if (( status == 2 && port != 0 && attempt < 10 )); then
      log "port $listen_port is in use; retrying in 2 s"
      sleep 2
      continue
    fi
    (( status == 2 )) && log "port $listen_port is in use; see $log_file"
    return 1
  done
  (( status == 0 )) || return 1
  pid="$(running_pid)"
  log "started (pid $pid, port $listen_port, dir $dir)"

  # root stays socket-only: drop the TCP and anonymous accounts mariadb-install-db creates.
  root_sql --execute "SELECT CONCAT('DROP USER IF EXISTS ', QUOTE(User), '@', QUOTE(Host), ';') FROM mysql.user WHERE (User = 'root' AND Host <> 'localhost') OR User = ''" \
    | root_sql

  SAGA_DB_PASSWORD="$app_password" "$repo_root/scripts/apply-schema.sh" --socket "$socket" --user root >&2
  connection_line
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running (dir $dir)"
    rm -f "$pid_file"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  local deadline=$(( SECONDS + shutdown_timeout_seconds ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      log "pid $pid did not exit within ${shutdown_timeout_seconds}s"
      return 1
    fi
    sleep 0.2
  done
  rm -f "$pid_file"
  log "stopped"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "mariadb: running (pid $pid, port $(cat "$port_file"), dir $dir)"
    connection_line
    return 0
  fi
  echo "mariadb: not running (dir $dir)"
  return 3
}

case "$action" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage >&2; exit 2 ;;
esac
