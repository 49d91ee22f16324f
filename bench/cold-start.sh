#!/usr/bin/env bash
# Cold start of the classifier inside its Lambda jar, to the first decision (a job's JSON parsed,
# validated, decided, written as its event and its PutEvents call marshalled and signed, not sent),
# in three modes, each in a fresh JVM (bench's ColdStart, run from the deployable jar itself):
#   cold      JVM start -> first decision done (a container without SnapStart)
#   restored  the first decision alone, after the component is built: what a copy restored from a
#             snapshot taken after initialisation still pays, WITHOUT priming
#   primed    the same after the priming hooks ran (ClassifierPriming): what it pays WITH priming
# No snapshot is taken or restored (this JDK has no CRaC): restored/primed leave out the restore itself,
# which is the same for both. Modes interleaved run by run, RUNS times (default 15); prints every run
# and the median per mode in ms.
#   bash bench/cold-start.sh                      # classifier/target/classifier-lambda.jar
#   bash bench/cold-start.sh A.jar:A-classes B.jar:B-classes   # several builds
# An argument is a Lambda jar, optionally followed by :DIR with ColdStart.class (default
# bench/target/classes). Needs: ./mvnw -B -Pbench -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-15}"
modes=(cold restored primed)
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
# the classifier function's JVM flags (template.yaml: C1 only) and the Lambda runtime's serial GC
opts=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
export ROUTER_EVENT_BUS=cold-start-bench AWS_REGION=us-east-1
declare -A times
for i in $(seq "$runs"); do
  for t in "${targets[@]}"; do
    jar="${t%%:*}"
    classes="bench/target/classes"
    [ "$jar" = "$t" ] || classes="${t#*:}"
    for m in "${modes[@]}"; do
      out=$(java "${opts[@]}" -cp "$jar:$classes" io.hybridrouter.bench.ColdStart "$m" 2>/dev/null | tail -1)
      ms="${out%% *}"
      times["$t $m"]="${times["$t $m"]:-} $ms"
      echo "run $i, $jar, $m: ${ms} ms (${out#* })"
    done
  done
done
for t in "${targets[@]}"; do
  for m in "${modes[@]}"; do
    printf '%s\n' ${times["$t $m"]} | sort -n | awk -v name="${t%%:*} $m" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print name ": median " m " ms (" NR " runs)"}'
  done
done
