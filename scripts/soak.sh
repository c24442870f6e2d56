#!/usr/bin/env bash
# Soak: runs the whole pipeline for a long time at a steady rate and samples memory, lag and counts (docs/SOAK.md).
# Not part of CI.
#
#   scripts/soak.sh [--duration 30m] [--rate 2000] [--silos 2] [--interval 30s] [--out DIR] [--no-build]
#
# Starts a private MariaDB and the dev Kafka broker (events:4, events-dlq:1) in a temporary directory, N silo
# processes (AdoNet clustering), and `saga produce --generate` at --rate events a second with live event times for
# --duration. Every --interval it samples each silo's resident memory (VmRSS) and CPU from /proc, the cluster's
# status (`saga status --json`: high watermarks, durable offsets, lag, counters, windows) and the rows in
# kafka_streams. When the producer is done it waits (up to 5 minutes) until the lag is 0, samples once more, and
# stops everything it started, by PID. Results: DIR/soak.csv (one line per sample), DIR/soak.md (a Markdown table),
# DIR/*.log. DIR defaults to .local/soak/<UTC time>.
#
# Durations: 90s, 30m, 2h. Silo settings can be overridden with Saga__... environment variables; by default the
# soak closes windows sooner than production (Saga__Windows__AllowedLateness=00:01:00).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

duration="30m"; rate=2000; silos=2; interval="30s"; out=""; build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --silos) silos="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=""; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

log() { echo "soak: $*" >&2; }

# 90s / 30m / 2h / 45 -> seconds
seconds() {
  local value="$1"
  case "$value" in
    *h) echo $(( ${value%h} * 3600 )) ;;
    *m) echo $(( ${value%m} * 60 )) ;;
    *s) echo $(( ${value%s} )) ;;
    *) echo $(( value )) ;;
  esac
}
duration_s="$(seconds "$duration")"
interval_s="$(seconds "$interval")"
[[ "$rate" =~ ^[0-9]+$ && "$rate" -gt 0 ]] || { log "--rate must be a positive whole number"; exit 2; }
[[ "$silos" =~ ^[0-9]+$ && "$silos" -ge 1 ]] || { log "--silos must be at least 1"; exit 2; }
for tool in dotnet jq mariadb curl; do
  command -v "$tool" >/dev/null 2>&1 || { log "$tool is missing (scripts/prerequisites.sh installs mariadb-client; apt-get install jq curl)"; exit 1; }
done

out="${out:-$repo_root/.local/soak/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
run_dir="$(mktemp -d -t orleans-saga-soak.XXXXXX)"

silo_pids=()
producer_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "$producer_pid" "${silo_pids[@]}"; do
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true
  done
  for pid in "$producer_pid" "${silo_pids[@]}"; do
    [[ -z "$pid" ]] && continue
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  done
  "$repo_root/scripts/devkafka.sh" stop --dir "$run_dir/devkafka" >/dev/null 2>&1 || true
  "$repo_root/scripts/mariadb.sh" stop --dir "$run_dir/mariadb" >/dev/null 2>&1 || true
  rm -rf "$run_dir"
  exit "$status"
}
trap cleanup EXIT INT TERM

# shellcheck source=scripts/ports.sh
source "$repo_root/scripts/ports.sh"

if [[ -n "$build" ]]; then
  log "building the silo, the CLI and the dev broker (Release)"
  for project in src/Silo/Orleans.Saga.Silo.csproj src/Client/Orleans.Saga.Client.csproj tools/DevKafka/Orleans.Saga.DevKafka.csproj; do
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
  done
fi

# The silos and the CLI run from copies, so that a rebuild of the checkout during the soak cannot touch them.
cp -r "$repo_root/src/Silo/bin/Release/net10.0" "$run_dir/silo"
cp -r "$repo_root/src/Client/bin/Release/net10.0" "$run_dir/client"
silo_dll="$run_dir/silo/Orleans.Saga.Silo.dll"
saga_dll="$run_dir/client/saga.dll"

log "starting MariaDB and the dev broker in $run_dir"
mysql_line="$("$repo_root/scripts/mariadb.sh" start --port 0 --dir "$run_dir/mariadb" | grep '^MYSQL_CONNECTION_STRING=')"
eval "${mysql_line}"
kafka_port="$(free_port_pair)"
"$repo_root/scripts/devkafka.sh" start --listen "127.0.0.1:${kafka_port}" --control "127.0.0.1:$((kafka_port + 1))" \
  --topics events:4,events-dlq:1 --dir "$run_dir/devkafka" >/dev/null
bootstrap="127.0.0.1:${kafka_port}"

# What the silos and the CLI share; Saga__... variables already set win over the soak's defaults.
export ConnectionStrings__MySql="$MYSQL_CONNECTION_STRING"
export Saga__Clustering=AdoNet
export Saga__ClusterId="${Saga__ClusterId:-soak}" Saga__ServiceId="${Saga__ServiceId:-soak}"
export Saga__Kafka__BootstrapServers="$bootstrap"
export Saga__Windows__AllowedLateness="${Saga__Windows__AllowedLateness:-00:01:00}"
export Saga__Dashboard__Enabled="${Saga__Dashboard__Enabled:-false}"

http_ports=()
gateway_ports=()
for i in $(seq 1 "$silos"); do
  silo_port="$(free_port_pair)"; gateway_port="$(free_port_pair)"; http_port="$(free_port_pair)"
  Saga__Silo__SiloPort="$silo_port" Saga__Silo__GatewayPort="$gateway_port" Saga__Silo__HttpPort="$http_port" \
    dotnet "$silo_dll" >"$out/silo-$i.log" 2>&1 &
  silo_pids+=($!)
  http_ports+=("$http_port")
  gateway_ports+=("$gateway_port")
  log "silo $i: PID ${silo_pids[-1]}, HTTP $http_port, gateway $gateway_port (log $out/silo-$i.log)"
done
for i in "${!silo_pids[@]}"; do
  for attempt in $(seq 1 180); do
    kill -0 "${silo_pids[$i]}" 2>/dev/null || { log "silo $((i + 1)) exited; see $out/silo-$((i + 1)).log"; exit 1; }
    curl -sf -o /dev/null "http://127.0.0.1:${http_ports[$i]}/health/ready" && break
    [[ $attempt -eq 180 ]] && { log "silo $((i + 1)) not ready after 180 s"; exit 1; }
    sleep 1
  done
done
log "$silos silos ready"

saga() { dotnet "$saga_dll" "$@" --gateway "127.0.0.1:${gateway_ports[0]}"; }
sql() { mariadb --no-defaults --socket="$run_dir/mariadb/mysqld.sock" --user=root --batch --skip-column-names seedtag -e "$1"; }

# Jiffies (utime + stime) a process has used.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
ticks_per_second="$(getconf CLK_TCK)"

total=$((rate * duration_s))
log "producing $total events at $rate/s for $duration (log $out/producer.log)"
dotnet "$saga_dll" produce --generate "$total" --rate "$rate" --json >"$out/producer.log" 2>&1 &
producer_pid=$!

header="elapsed_s,produced,durable,lag,counted,rejected,duplicates,open_windows,final_windows,rows,final_rows,watermark_behind_s"
for i in $(seq 1 "$silos"); do header+=",silo${i}_rss_mib,silo${i}_cpu_pct"; done
echo "$header" >"$out/soak.csv"

declare -A last_ticks
started=$(date +%s)
last_sample=$started
for pid in "${silo_pids[@]}"; do last_ticks[$pid]="$(cpu_ticks "$pid")"; done

sample() {
  local now status line
  now=$(date +%s)
  status="$(saga status --json 2>/dev/null || echo '{}')"
  line="$((now - started))"
  line+=",$(jq -r '[.partitions[]?.highWatermark // 0] | add // 0' <<<"$status")"
  line+=",$(jq -r '[.partitions[]?.committed // 0] | add // 0' <<<"$status")"
  line+=",$(jq -r '[.partitions[]?.lag // 0] | add // 0' <<<"$status")"
  line+=",$(jq -r '.counters.counted // ""' <<<"$status")"
  line+=",$(jq -r '.counters.rejected // ""' <<<"$status")"
  line+=",$(jq -r '.counters.duplicates // ""' <<<"$status")"
  line+=",$(jq -r '.openWindows // ""' <<<"$status"),$(jq -r '.finalWindows // ""' <<<"$status")"
  line+=",$(sql 'SELECT COUNT(*) FROM kafka_streams'),$(sql 'SELECT COUNT(*) FROM kafka_streams WHERE is_final = 1')"
  local watermark
  watermark="$(jq -r '.streamWatermark // empty' <<<"$status")"
  if [[ -n "$watermark" ]]; then line+=",$((now - $(date -d "$watermark" +%s)))"; else line+=","; fi
  local elapsed=$((now - last_sample))
  for pid in "${silo_pids[@]}"; do
    local rss ticks
    rss="$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || echo "")"
    ticks="$(cpu_ticks "$pid")"
    line+=",$rss,$(( elapsed > 0 ? (ticks - ${last_ticks[$pid]}) * 100 / (ticks_per_second * elapsed) : 0 ))"
    last_ticks[$pid]="$ticks"
  done
  last_sample=$now
  echo "$line" >>"$out/soak.csv"
  echo "$line"
}

echo "$header"
while kill -0 "$producer_pid" 2>/dev/null; do
  sleep "$interval_s"
  for pid in "${silo_pids[@]}"; do kill -0 "$pid" 2>/dev/null || { log "silo PID $pid died; see the logs in $out"; exit 1; }; done
  sample
done
wait "$producer_pid" && producer_status=0 || producer_status=$?
producer_pid=""
log "producer finished (exit $producer_status): $(jq -c . "$out/producer.log" 2>/dev/null || tail -n 3 "$out/producer.log")"

log "waiting for the lag to reach 0"
for _ in $(seq 1 60); do
  lag="$(saga status --json 2>/dev/null | jq -r '[.partitions[]?.lag // 1] | add // 1')"
  [[ "$lag" == "0" ]] && break
  sleep 5
done
sample

# The table for docs/SOAK.md: every sample, memory in MiB.
{
  echo "| $(sed 's/,/ | /g' <<<"$header") |"
  echo "|$(sed 's/[^,]*/---/g; s/,/|/g' <<<"$header")|"
  tail -n +2 "$out/soak.csv" | sed 's/,/ | /g; s/^/| /; s/$/ |/'
} >"$out/soak.md"
log "done: $out/soak.csv, $out/soak.md"
