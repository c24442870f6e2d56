# Sourced by the run and test scripts: installs what a fresh Debian 12 machine lacks.
# The .NET 10 SDK is expected on PATH (it is on this project's machines); everything else comes from apt and NuGet.

ensure_prerequisites() {
  local missing=()
  command -v dotnet >/dev/null 2>&1 || { echo "prerequisites: the .NET 10 SDK (dotnet) is not on PATH" >&2; return 1; }
  [[ -x /usr/sbin/mariadbd ]] || command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
  command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  # Only the deploy tests use it, to validate deploy/docker-compose.yml (no engine needed).
  command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "prerequisites: installing ${missing[*]}" >&2
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    # Keep Debian's MariaDB service from starting: we run our own instances in our own directories.
    local policy=/usr/sbin/policy-rc.d created_policy=""
    if [[ ! -e $policy ]]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && created_policy=1
    fi
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    [[ -n $created_policy ]] && $sudo rm -f "$policy"
  fi
  dotnet restore "${repo_root:?}/Orleans.Saga.sln" -v quiet >/dev/null
}
