#!/usr/bin/env bash
# Cold start of the classifier inside its Lambda jar: a fresh JVM builds the classifier component,
# loads the model and classifies one job (bench's ColdStart, run from the deployable jar itself);
# repeated RUNS times (default 15), prints every run and the median in ms.
#   bash bench/cold-start.sh                      # classifier/target/classifier-lambda.jar
#   bash bench/cold-start.sh A.jar:A-classes B.jar:B-classes   # several builds, runs interleaved
# An argument is a Lambda jar, optionally followed by :DIR with ColdStart.class (default
# bench/target/classes). Needs: ./mvnw -B -Pbench -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-15}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(classifier/target/classifier-lambda.jar)
for t in "${targets[@]}"; do
  jar="${t%%:*}"
  classes="bench/target/classes"
  [ "$jar" = "$t" ] || classes="${t#*:}"
  [ -f "$jar" ] && [ -f "$classes/io/hybridrouter/bench/ColdStart.class" ] || {
    echo "missing $jar or $classes/io/hybridrouter/bench/ColdStart.class: ./mvnw -B -Pbench -DskipTests package" >&2
    exit 1
  }
done
# Lambda-like JVM flags: the java17/java21 runtimes start with tiered compilation stopped at C1
opts=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
export ROUTER_EVENT_BUS=cold-start-bench AWS_REGION=us-east-1
declare -A times
for i in $(seq "$runs"); do
  for t in "${targets[@]}"; do
    jar="${t%%:*}"
    classes="bench/target/classes"
    [ "$jar" = "$t" ] || classes="${t#*:}"
    ms=$(java "${opts[@]}" -cp "$jar:$classes" io.hybridrouter.bench.ColdStart | cut -d' ' -f1)
    times[$t]="${times[$t]:-} $ms"
    echo "run $i, $jar: ${ms} ms"
  done
done
for t in "${targets[@]}"; do
  printf '%s\n' ${times[$t]} | sort -n | awk -v name="${t%%:*}" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print name ": median " m " ms (" NR " runs)"}'
done
