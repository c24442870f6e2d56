#!/usr/bin/env bash
# Runs the dev Kafka broker (tools/DevKafka, docs/DEV-BROKER.md) in the background.
#
#   scripts/devkafka.sh start  [--listen IP:PORT] [--topics NAME:P,...] [--brokers N] [--control IP:PORT] [--dir D]
#   scripts/devkafka.sh status [--dir D]
#   scripts/devkafka.sh stop   [--dir D]
#
# D (default .local/devkafka in the repository) holds devkafka.pid, ready (the ready line) and devkafka.log.
# `stop` signals exactly the recorded PID, after checking it is still a devkafka process.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo/tools/DevKafka/Orleans.Saga.DevKafka.csproj"
dll="$repo/tools/DevKafka/bin/Release/net10.0/devkafka.dll"
start_timeout="${DEVKAFKA_START_TIMEOUT:-60}"
stop_timeout=20

usage() {
  sed -n '4,6p' "${BASH_SOURCE[0]}" | sed 's/^#   //' >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
dir="$repo/.local/devkafka"
tool_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) [[ $# -ge 2 ]] || usage; dir="$2"; shift 2 ;;
    --listen|--topics|--brokers|--control)
      [[ $# -ge 2 && "$command" == start ]] || usage
      tool_args+=("$1" "$2"); shift 2 ;;
    *) usage ;;
  esac
done
pid_file="$dir/devkafka.pid"
ready_file="$dir/ready"
log_file="$dir/devkafka.log"

# Prints the recorded PID if that process is alive and still devkafka (a PID can be reused after a crash).
running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'devkafka\.dll' || return 1
  echo "$pid"
}

build_if_needed() {
  if [[ ! -f "$dll" ]] || [[ -n "$(find "$repo/tools/DevKafka" \( -path '*/bin' -o -path '*/obj' \) -prune -o \
        \( -name '*.cs' -o -name '*.csproj' \) -newer "$dll" -print -quit)" ]]; then
    echo "building devkafka..." >&2
    dotnet build "$project" -c Release -nologo -v quiet >&2
  fi
}

start() {
  local pid
  if pid="$(running_pid)"; then
    echo "devkafka already running (pid $pid): $(cat "$ready_file" 2>/dev/null)"
    return 0
  fi

  mkdir -p "$dir"
  rm -f "$ready_file" "$pid_file"
  build_if_needed
  # `dotnet app.dll` runs the app in this very process, so $! is devkafka's own PID.
  nohup dotnet "$dll" "${tool_args[@]}" --ready-file "$ready_file" >"$log_file" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pid_file"

  local deadline=$((SECONDS + start_timeout))
  while [[ ! -s "$ready_file" ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "devkafka exited during start; last log lines ($log_file):" >&2
      tail -n 20 "$log_file" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "devkafka not ready after ${start_timeout}s; stopping pid $pid (log: $log_file)" >&2
      stop
      return 1
    fi
    sleep 0.2
  done
  echo "$(cat "$ready_file") pid=$pid"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file" "$ready_file"
    echo "devkafka not running"
    return 0
  fi

  kill -TERM "$pid"
  local deadline=$((SECONDS + stop_timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "devkafka (pid $pid) ignored SIGTERM for ${stop_timeout}s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      deadline=$((SECONDS + stop_timeout))
    fi
    sleep 0.2
  done
  rm -f "$pid_file" "$ready_file"
  echo "devkafka stopped (pid $pid)"
}

status() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "devkafka not running"
    return 1
  fi

  local ready control reply=""
  ready="$(cat "$ready_file" 2>/dev/null || true)"
  echo "devkafka running (pid $pid): $ready"
  control="${ready##*control=}"
  if [[ "$control" =~ ^([0-9.]+):([0-9]+)$ ]]; then
    exec 3<>"/dev/tcp/${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
    echo status >&3
    read -r -t 10 reply <&3 || true
    exec 3>&-
    echo "$reply"
  fi
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
