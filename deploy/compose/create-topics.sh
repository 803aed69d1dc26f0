#!/usr/bin/env bash
# Creates every SessionPlane topic (the catalogue of contracts' Topics) if it does not exist yet.
# Run by the kafka-topics one-shot service of docker-compose.yml; usable against any cluster:
#   BOOTSTRAP_SERVERS=host:9092 PARTITIONS=6 REPLICATION=3 deploy/compose/create-topics.sh
set -euo pipefail
BOOTSTRAP_SERVERS=${BOOTSTRAP_SERVERS:-localhost:9092}
PARTITIONS=${PARTITIONS:-6}
REPLICATION=${REPLICATION:-1}
KAFKA_TOPICS=${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}

create() { # name partitions [config…]
  local name=$1 partitions=$2
  shift 2
  local configs=()
  for config in "$@"; do configs+=(--config "$config"); done
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$REPLICATION" "${configs[@]}"
}

# Events and commands: keyed by session id, kept 7 days. session.events.v1, the public stream, is history (every
# fact about a session, in order per session): kept 7 days too, not compacted.
for topic in session.commands.v1 session.outcomes.v1 assist.outcomes.v1 assist.invitations.v1 assist.responses.v1 \
    session.events.v1 session.jobs.v1; do
  create "$topic" "$PARTITIONS" retention.ms=604800000
done
# Revoked access tokens: read whole by every service instance; an entry matters until its token expires (30 min by
# default), so one day is ample.
for topic in auth.revocations.v1; do
  create "$topic" "$PARTITIONS" retention.ms=86400000
done
# Snapshots: compacted, latest record per key (session id, machine id).
for topic in session.inventory.v1 assist.agents.v1; do
  create "$topic" "$PARTITIONS" cleanup.policy=compact min.compaction.lag.ms=0
done
# Dead letters: one partition, kept 30 days for inspection and replay.
for topic in session.commands.v1 session.outcomes.v1 session.inventory.v1 assist.outcomes.v1 assist.agents.v1 \
    assist.invitations.v1 assist.responses.v1 session.events.v1 session.jobs.v1; do
  create "$topic.dlq" 1 retention.ms=2592000000
done
echo "SessionPlane topics ready on $BOOTSTRAP_SERVERS"
