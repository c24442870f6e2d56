#!/usr/bin/env bash
# Prepares a MySQL 8 server for silos in containers or pods: applies sql/ (scripts/apply-schema.sh), then lets the
# app account 'saga' connect from any host (deploy/mysql/app-user-any-host.sql).
#
#   SAGA_DB_PASSWORD=... MYSQL_ADMIN_PASSWORD=... deploy/mysql/apply-schema.sh [--host H] [--port P] [--user U]
#
# SAGA_DB_PASSWORD   the app account's password (required; no ; ' or ")
# MYSQL_ADMIN_PASSWORD  the password of --user (default user root), an account that may create tables and users
# Idempotent: safe to run on every start, and again to change the password.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"

host=127.0.0.1
port=3306
user=root
while [[ $# -gt 0 ]]; do
  case "$1" in
    --host) host="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "apply-schema: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if [[ -z "${SAGA_DB_PASSWORD:-}" ]]; then
  echo "apply-schema: set SAGA_DB_PASSWORD (the password of the app account 'saga')" >&2
  exit 2
fi
admin_password="${MYSQL_ADMIN_PASSWORD:-}"

"$repo_root/scripts/apply-schema.sh" --host "$host" --port "$port" --user "$user" --password "$admin_password"

client="$(command -v mysql || command -v mariadb)"
# Hex keeps any character of the password out of SQL quoting; MYSQL_PWD keeps it off the process list.
password_hex="$(printf '%s' "$SAGA_DB_PASSWORD" | od -An -v -tx1 | tr -d ' \n')"
{ printf 'SET @saga_password = CONVERT(0x%s USING utf8mb4);\n' "$password_hex"; cat "$here/app-user-any-host.sql"; } \
  | MYSQL_PWD="$admin_password" "$client" --no-defaults --protocol=TCP --host="$host" --port="$port" --user="$user" --batch
echo "apply-schema: 'saga'@'%' ready"
