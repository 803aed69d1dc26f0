#!/usr/bin/env bash
# Runs the SessionPlane benchmarks on this machine; results go to stdout (copy them into bench/README.md).
#   bench/run.sh intake | reads | audit | pipeline | targets | simulator | stream | sse | console | chaos | job | all
#   targets: the four scenarios that measure issue 15's targets, then one table of every target (also after all)
# Each scenario starts its own Kafka, PostgreSQL and services from scratch under bench/target/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds what the scenarios run (the services' quarkus-app and the drivers) so a run never measures stale code;
# BENCH_SKIP_BUILD=1 reuses what is built.
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f bench/target/bench.classpath ]]; then
  ./mvnw -B -q -DskipTests -pl bench -am package
fi
CP="bench/target/classes:local-stack/target/classes:$(cat bench/target/bench.classpath)"
# Knobs after the scenario go to the driver JVM: bench/run.sh intake -Dbench.repeats=1
run() {
  java -Xmx3g -Djava.awt.headless=true -Dsessionplane.root="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka=off "${KNOBS[@]}" -cp "$CP" "io.sessionplane.bench.$1"
}
SCENARIO="${1:-all}"
KNOBS=("${@:2}")
case "$SCENARIO" in
  intake) run IntakeBench ;;
  simulator) run SimulatorBench ;;
  audit) run AuditIngestBench ;;
  stream) run StreamBench ;;
  console) run ConsoleBench ;;
  chaos) run ChaosBench ;;
  job) run JobBench ;;
  sse) run SseBench ;;
  # bench/run.sh profile bench/target/profiles/*.jfr: where the CPU samples of a -Dbench.profile=true run go
  profile) KNOBS=(); java -cp "$CP" io.sessionplane.bench.ProfileSummary "${@:2}" ;;
  reads) run ReadsBench ;;
  pipeline) run PipelineBench ;;
  targets) run IntakeBench; run ReadsBench; run AuditIngestBench; run PipelineBench; run BenchSummary ;;
  summary) run BenchSummary ;;
  all) run IntakeBench; run ReadsBench; run AuditIngestBench; run PipelineBench; run SimulatorBench; run StreamBench
    run SseBench; run ConsoleBench; run JobBench; run ChaosBench; run BenchSummary ;;
  *) echo "usage: bench/run.sh [intake|reads|audit|pipeline|targets|summary|simulator|stream|sse|console|chaos|job|all|profile]"
    exit 2 ;;
esac
