# Sourced by the scripts that start servers on loopback.
#
# Ports are picked below the kernel's ephemeral range, so that no client's own end of a connection can hold one
# while its server is down (a client reconnecting to a closed port in that range can be given the port itself and
# connect to itself).

# Prints a port P such that nothing answers on 127.0.0.1:P nor on P+1 (servers here often take two ports).
free_port_pair() { free_ports 2; }

# Prints a port P such that nothing answers on 127.0.0.1:P.
free_port() { free_ports 1; }

# Prints the first of $1 consecutive ports on which nothing answers.
free_ports() {
  local count=$1 low port i
  low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  (( low > 21000 )) || low=61000
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % (low - 20000 - count)))
    for (( i = 0; i < count; i++ )); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$((port + i))") 2>/dev/null; then
        continue 2
      fi
    done
    echo "$port"; return 0
  done
  echo "no $count free consecutive loopback port(s) found" >&2; return 1
}
