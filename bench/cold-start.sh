#!/usr/bin/env bash
# Cold start of the classifier: a fresh JVM builds the classifier component, loads the model and
# classifies one job; repeated RUNS times (default 15), prints every run and the median in ms.
# Needs: ./mvnw -Pbench -DskipTests package -pl bench -am
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-15}"
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "build it first: ./mvnw -Pbench -DskipTests package -pl bench -am" >&2; exit 1; }
# Lambda-like JVM flags: the java17/java21 runtimes start with tiered compilation stopped at C1
opts=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
export ROUTER_EVENT_BUS=cold-start-bench AWS_REGION=us-east-1
times=()
for i in $(seq "$runs"); do
  t=$(java "${opts[@]}" -cp "$jar" io.hybridrouter.bench.ColdStart | cut -d' ' -f1)
  times+=("$t")
  echo "run $i: ${t} ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print "median: " m " ms (" NR " runs)"}'
