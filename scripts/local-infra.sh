#!/usr/bin/env bash
# Local infrastructure for running silos and the CLI by hand:
#   MariaDB on 127.0.0.1:3306 (database seedtag, schema applied, user saga) in .local/mariadb
#   the dev Kafka broker on 127.0.0.1:9092 (control 9093), topics events:4 and events-dlq:1, in .local/devkafka
#
#   scripts/local-infra.sh up | down | status
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  up)
    # shellcheck source=scripts/prerequisites.sh
    source "$repo_root/scripts/prerequisites.sh"
    ensure_prerequisites
    "$repo_root/scripts/mariadb.sh" start --port 3306 --dir "$repo_root/.local/mariadb"
    "$repo_root/scripts/devkafka.sh" start --listen 127.0.0.1:9092 --control 127.0.0.1:9093 \
      --topics events:4,events-dlq:1 --dir "$repo_root/.local/devkafka"
    ;;
  down)
    "$repo_root/scripts/devkafka.sh" stop --dir "$repo_root/.local/devkafka" || true
    "$repo_root/scripts/mariadb.sh" stop --dir "$repo_root/.local/mariadb" || true
    ;;
  status)
    "$repo_root/scripts/mariadb.sh" status --dir "$repo_root/.local/mariadb" || true
    "$repo_root/scripts/devkafka.sh" status --dir "$repo_root/.local/devkafka" || true
    ;;
  *)
    sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
