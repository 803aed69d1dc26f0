#!/usr/bin/env bash
# Runs the SessionPlane benchmarks on this machine; results go to stdout (copy them into bench/README.md).
#   bench/run.sh intake | simulator | audit | stream | sse | console | chaos | job | all
# Each scenario starts its own Kafka, PostgreSQL and services from scratch under bench/target/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds what the scenarios run (the services' quarkus-app and the drivers) so a run never measures stale code;
# BENCH_SKIP_BUILD=1 reuses what is built.
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f bench/target/bench.classpath ]]; then
  ./mvnw -B -q -DskipTests -pl bench -am package
fi
CP="bench/target/classes:local-stack/target/classes:$(cat bench/target/bench.classpath)"
run() {
  java -Xmx3g -Djava.awt.headless=true -Dsessionplane.root="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka=off -cp "$CP" "io.sessionplane.bench.$1"
}
case "${1:-all}" in
  intake) run IntakeBench ;;
  simulator) run SimulatorBench ;;
  audit) run AuditIngestBench ;;
  stream) run StreamBench ;;
  console) run ConsoleBench ;;
  chaos) run ChaosBench ;;
  job) run JobBench ;;
  sse) run SseBench ;;
  all) run IntakeBench; run SimulatorBench; run AuditIngestBench; run StreamBench; run SseBench; run ConsoleBench ;;
  *) echo "usage: bench/run.sh [intake|simulator|audit|stream|sse|console|chaos|job|all]"; exit 2 ;;
esac
