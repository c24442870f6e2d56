# Sourced by the scripts that start servers on loopback.

# Prints a port P such that nothing answers on 127.0.0.1:P nor on P+1 (servers here often take two ports).
free_port_pair() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  echo "no free loopback port pair found" >&2; return 1
}
