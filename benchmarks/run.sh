#!/usr/bin/env bash
# The end-to-end echo comparison: builds every peer, then runs BenchmarkRunner pinned to CPU 1
# while the servers run pinned to CPU 0. Extra arguments go to the runner (see Options.java),
# e.g. `benchmarks/run.sh --reps 1 --scenarios quick --idle 1000` for a smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests install -pl benchmarks/loadgen,benchmarks/peer-gannet-jetty,benchmarks/peer-gannet-tomcat,benchmarks/peer-jetty,benchmarks/peer-tomcat,benchmarks/peer-tyrus -am
# 10,000 idle connections need as many descriptors on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cpus=$(nproc)
client_cpus=1
[ "$cpus" -gt 2 ] && client_cpus="1-$((cpus - 1))"
exec taskset -c "$client_cpus" java -cp benchmarks/loadgen/target/classes dev.gannet.bench.load.BenchmarkRunner \
  --root benchmarks --out benchmarks/target/bench-results --server-cpus 0 "$@"
