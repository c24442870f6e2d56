#!/usr/bin/env bash
# The end-to-end benchmark in one command (docs/BENCHMARKS.md). Not part of the tests or CI.
#
#   scripts/bench.sh [--events N] [--partitions P] [--texts N] [--hours H] [--latency-seconds S]
#                    [--limit-runs N] [--pipeline-runs N] [--classifier embedded|http|both] [--keep]
#
# Publishes the silo (self-contained, precompiled with the .NET runtime as one composite image: as deployed) and
# builds the dev broker and the benchmark (Release), starts a throwaway MariaDB and the dev broker on free ports in a
# temporary directory, and runs bench/EndToEnd: it pre-produces N events (default 1,000,000) into a P-partition
# topic (default 64) with zstd and checks every record is on the broker; runs the limit consumer (--limit-runs times,
# default 3; the median is the ratio's denominator); runs a fresh silo until every window's final rows are in MySQL
# (--pipeline-runs times, default 3; the median is the numerator); measures produce-to-visible latency at half that
# rate on a fresh silo; and prints the table. Everything it started
# is stopped by PID. --keep keeps the directory (logs).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
log() { echo "bench: $*" >&2; }

bench_args=()
keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events|--partitions|--texts|--hours|--latency-seconds|--limit-runs|--pipeline-runs|--classifier|--timeout-minutes|--seed)
      [[ $# -ge 2 ]] || { log "$1 needs a value"; exit 2; }
      bench_args+=("$1" "$2"); shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument '$1'"; exit 2 ;;
  esac
done
partitions=64
for ((i = 0; i < ${#bench_args[@]}; i += 2)); do
  [[ "${bench_args[i]}" == --partitions ]] && partitions="${bench_args[i + 1]}"
done

# shellcheck source=scripts/prerequisites.sh
source "$repo_root/scripts/prerequisites.sh"
ensure_prerequisites

# shellcheck source=scripts/ports.sh
source "$repo_root/scripts/ports.sh"

run_dir="$(mktemp -d -t orleans-saga-bench.XXXXXX)"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  "$repo_root/scripts/devkafka.sh" stop --dir "$run_dir/devkafka" >/dev/null 2>&1 || true
  "$repo_root/scripts/mariadb.sh" stop --dir "$run_dir/mariadb" >/dev/null 2>&1 || true
  if [[ -n "$keep" ]]; then log "kept $run_dir"; else rm -rf "$run_dir"; fi
  exit "$status"
}
trap cleanup EXIT INT TERM

log "building (Release)"
for project in tools/DevKafka/Orleans.Saga.DevKafka.csproj bench/EndToEnd/Orleans.Saga.Bench.EndToEnd.csproj; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
done
# The silo as it is deployed: published, hence self-contained and precompiled with the .NET runtime as one composite
# image (src/Silo/Orleans.Saga.Silo.csproj), like the container image.
log "publishing the silo (Release, self-contained, composite ReadyToRun)"
dotnet publish src/Silo/Orleans.Saga.Silo.csproj -c Release -o "$run_dir/silo" -nologo -v quiet -clp:ErrorsOnly

log "starting a throwaway MariaDB"
mysql_line="$("$repo_root/scripts/mariadb.sh" start --port 0 --dir "$run_dir/mariadb" | grep '^MYSQL_CONNECTION_STRING=')"
eval "${mysql_line}"

log "starting the dev Kafka broker"
kafka_port="$(free_port_pair)"
ready="$("$repo_root/scripts/devkafka.sh" start --listen "127.0.0.1:${kafka_port}" --control "127.0.0.1:$((kafka_port + 1))" \
  --topics "bench:${partitions},bench-live:${partitions},bench-dlq:1" --dir "$run_dir/devkafka" | grep 'devkafka ready')"
bootstrap="${ready#*bootstrap=}"
bootstrap="${bootstrap%% *}"

dotnet bench/EndToEnd/bin/Release/net10.0/Orleans.Saga.Bench.EndToEnd.dll run \
  --bootstrap "$bootstrap" \
  --mysql "$MYSQL_CONNECTION_STRING" \
  --silo "$run_dir/silo/Orleans.Saga.Silo" \
  --work-dir "$run_dir/work" \
  --mariadb-pid "$(cat "$run_dir/mariadb/mariadbd.pid")" \
  --broker-pid "$(cat "$run_dir/devkafka/devkafka.pid")" \
  "${bench_args[@]}"
