#!/usr/bin/env bash
# Runs Orleans.Saga end to end on local defaults:
#   a private MariaDB on 127.0.0.1:3306 and the dev Kafka broker on 127.0.0.1:9092 (unless already running),
#   one silo, the sample events (samples/events.jsonl), live generated events at a gentle rate,
#   and the live leaders, redrawn until Ctrl-C. Ctrl-C stops everything this script started, by PID.
#
#   scripts/run.sh [--once]      --once: show the leaders once and stop (no terminal needed)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
once=""
[[ "${1:-}" == "--once" ]] && once=1

log() { echo "run: $*" >&2; }

# shellcheck source=scripts/prerequisites.sh
source "$repo_root/scripts/prerequisites.sh"
ensure_prerequisites

state="$repo_root/.local/run"
mkdir -p "$state"
started_infra=""
silo_pid=""
generator_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "$generator_pid" "$silo_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
  done
  if [[ -n "$started_infra" ]]; then
    log "stopping the MariaDB and dev broker this run started"
    "$repo_root/scripts/local-infra.sh" down >/dev/null 2>&1 || true
  fi
  exit "$status"
}
trap cleanup EXIT INT TERM

log "building"
dotnet build Orleans.Saga.sln -c Release -nologo -v quiet -clp:ErrorsOnly

if ! "$repo_root/scripts/mariadb.sh" status --dir "$repo_root/.local/mariadb" >/dev/null 2>&1 \
  || ! "$repo_root/scripts/devkafka.sh" status --dir "$repo_root/.local/devkafka" >/dev/null 2>&1; then
  started_infra=1
fi
"$repo_root/scripts/local-infra.sh" up >/dev/null

log "starting a silo (log: $state/silo.log)"
dotnet src/Silo/bin/Release/net10.0/Orleans.Saga.Silo.dll >"$state/silo.log" 2>&1 &
silo_pid=$!
ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$silo_pid" 2>/dev/null; then
    log "the silo exited; last lines of $state/silo.log:"; tail -n 20 "$state/silo.log" >&2; exit 1
  fi
  if exec 3<>/dev/tcp/127.0.0.1/8080 2>/dev/null; then
    printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    if head -n 1 <&3 | grep -q ' 200 '; then ready=1; exec 3>&-; break; fi
    exec 3>&-
  fi
  sleep 1
done
[[ -n "$ready" ]] || { log "the silo did not become ready in 120 s (log: $state/silo.log)"; exit 1; }

saga=(dotnet src/Client/bin/Release/net10.0/saga.dll)
log "streaming samples/events.jsonl"
"${saga[@]}" produce --file samples/events.jsonl
log "generating live events at 200/s in the background"
"${saga[@]}" produce --generate 10000000 --rate 200 >"$state/generator.log" 2>&1 &
generator_pid=$!

if [[ -n "$once" ]]; then
  sleep 3
  "${saga[@]}" leaders
else
  log "live leaders; Ctrl-C stops everything"
  "${saga[@]}" leaders --watch
fi
