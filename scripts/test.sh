#!/usr/bin/env bash
# Runs every Orleans.Saga test, the way CI does.
#
#   scripts/test.sh [--filter EXPR] [--project PATH]
#
# Installs what is missing (mariadb-server, kcat), restores and builds the solution, starts a throwaway MariaDB on a
# free port and the dev Kafka broker for the run, runs each test project, stops both servers by PID, and ends with
# one line: "N passed, N failed, N skipped". Exit code 0 only when nothing failed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
filter=""
projects=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) filter="$2"; shift 2 ;;
    --project) projects+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

log() { echo "test: $*" >&2; }

# shellcheck source=scripts/ports.sh
source "$repo_root/scripts/ports.sh"

# shellcheck source=scripts/prerequisites.sh
source "$repo_root/scripts/prerequisites.sh"
ensure_prerequisites

run_dir="$(mktemp -d -t orleans-saga-test.XXXXXX)"
cleanup() {
  local status=$?
  "$repo_root/scripts/devkafka.sh" stop --dir "$run_dir/devkafka" >/dev/null 2>&1 || true
  "$repo_root/scripts/mariadb.sh" stop --dir "$run_dir/mariadb" >/dev/null 2>&1 || true
  rm -rf "$run_dir"
  exit "$status"
}
trap cleanup EXIT INT TERM

log "building"
dotnet build Orleans.Saga.sln -c Release -nologo -v quiet -clp:ErrorsOnly

log "starting a throwaway MariaDB"
mysql_line="$("$repo_root/scripts/mariadb.sh" start --port 0 --dir "$run_dir/mariadb" | grep '^MYSQL_CONNECTION_STRING=')"
eval "export ${mysql_line}"
export SAGA_TEST_MYSQL="$MYSQL_CONNECTION_STRING"
export SAGA_TEST_MYSQL_DIR="$run_dir/mariadb"

log "starting the dev Kafka broker"
kafka_port="$(free_port_pair)"
ready="$("$repo_root/scripts/devkafka.sh" start --listen "127.0.0.1:${kafka_port}" --control "127.0.0.1:$((kafka_port + 1))" \
  --topics events:4,events-dlq:1 --dir "$run_dir/devkafka" | grep 'devkafka ready')"
bootstrap="${ready#*bootstrap=}"
export SAGA_TEST_KAFKA="${bootstrap%% *}"
control="${ready#*control=}"
export SAGA_TEST_KAFKA_CONTROL="${control%% *}"
# Inside this script a test that cannot find its server fails instead of skipping.
export SAGA_TEST_REQUIRE_SERVERS=1

if [[ ${#projects[@]} -eq 0 ]]; then
  mapfile -t projects < <(find tests -name '*.Tests.csproj' | sort)
fi

passed=0; failed=0; skipped=0; broken=0
for project in "${projects[@]}"; do
  log "running $project"
  output="$run_dir/$(basename "$project" .csproj).log"
  args=(test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal")
  [[ -n "$filter" ]] && args+=(--filter "$filter")
  set +e
  dotnet "${args[@]}" 2>&1 | tee "$output"
  status=${PIPESTATUS[0]}
  set -e
  # VSTest's closing block: "Total tests: N", then "Passed: N", "Failed: N", "Skipped: N" (zero counts omitted).
  block="$(sed -n '/^Total tests:/,$p' "$output")"
  if [[ -z "$block" ]]; then
    log "$project: no test summary (exit $status); counting it as one failure"
    broken=$((broken + 1))
    continue
  fi
  count() { grep -E "^ +$1: +[0-9]+" <<<"$block" | head -n 1 | grep -oE '[0-9]+' || echo 0; }
  p=$(count Passed); f=$(count Failed); s=$(count Skipped)
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [[ $status -ne 0 && $f -eq 0 ]]; then
    log "$project: exit $status without a failed test; counting it as one failure"
    broken=$((broken + 1))
  fi
done

failed=$((failed + broken))
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[[ $failed -eq 0 ]]
