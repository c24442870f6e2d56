# Sourced by the scripts that start servers on loopback.

# Prints a port P such that nothing answers on 127.0.0.1:P nor on P+1 (servers here often take two ports). P is
# below the kernel's ephemeral range, so that no client's own end of a connection can hold it while the server is
# down (a client reconnecting to a closed port in that range can be given the port itself and connect to itself).
free_port_pair() {
  local port
  for _ in $(seq 1 200); do
    port="$(candidate_port)"
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  echo "no free loopback port pair found" >&2; return 1
}

# Prints a port P, chosen as for free_port_pair, such that nothing answers on 127.0.0.1:P.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port="$(candidate_port)"
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  echo "no free loopback port found" >&2; return 1
}

# A random port from 20000 to just below the ephemeral range, leaving room for P+1.
candidate_port() {
  local low
  low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  (( low > 21000 )) || low=61000
  echo $((20000 + RANDOM % (low - 20001)))
}
