#!/usr/bin/env bash
# Applies every sql/*.sql in name order to a MySQL 8 or MariaDB 10.11+ server. Each script is
# idempotent, so running this again is safe; it upgrades query texts and resets the app account.
#
#   scripts/apply-schema.sh [--host H] [--port P] [--socket S] [--user U] [--password P]
#
# Needs an account that may create databases, tables and users (e.g. root). With --socket the
# host and port are ignored. The app account's password is taken from SAGA_DB_PASSWORD
# (default: the development-only password 'saga-dev-only').
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sql_dir="$repo_root/sql"

host=127.0.0.1
port=3306
socket=
user=root
password=

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --host) host="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --socket) socket="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "apply-schema: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

client="$(command -v mariadb || command -v mysql || true)"
if [[ -z "$client" ]]; then
  echo "apply-schema: neither 'mariadb' nor 'mysql' client found (apt-get install mariadb-client)" >&2
  exit 1
fi

app_password="${SAGA_DB_PASSWORD:-saga-dev-only}"
if [[ -z "$app_password" || "$app_password" == *[\;\'\"]* ]]; then
  echo "apply-schema: SAGA_DB_PASSWORD must be non-empty and contain no ; ' or \" (it goes into connection strings)" >&2
  exit 2
fi

connection=(--no-defaults --user="$user" --default-character-set=utf8mb4 --batch)
if [[ -n "$socket" ]]; then
  connection+=(--socket="$socket")
  target="socket $socket"
else
  connection+=(--protocol=TCP --host="$host" --port="$port")
  target="$host:$port"
fi
# The client reads MYSQL_PWD, which keeps the password off the process list.
export MYSQL_PWD="$password"

shopt -s nullglob
scripts=("$sql_dir"/*.sql)
if [[ ${#scripts[@]} -eq 0 ]]; then
  echo "apply-schema: no scripts in $sql_dir" >&2
  exit 1
fi

# Hex keeps any character of the password out of SQL quoting.
password_hex="$(printf '%s' "$app_password" | od -An -v -tx1 | tr -d ' \n')"

echo "apply-schema: applying ${#scripts[@]} scripts to $target as $user"
for script in "${scripts[@]}"; do
  name="$(basename "$script")"
  if ! { printf 'SET @saga_password = CONVERT(0x%s USING utf8mb4);\n' "$password_hex"; cat "$script"; } \
      | "$client" "${connection[@]}"; then
    echo "apply-schema: FAILED in $name" >&2
    exit 1
  fi
  echo "apply-schema:   $name"
done
echo "apply-schema: done"
