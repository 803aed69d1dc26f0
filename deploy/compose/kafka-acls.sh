#!/usr/bin/env bash
# Kafka that trusts nobody, on Compose (deploy/compose/kafka-secure.yml): creates one SCRAM-SHA-512 user per client and
# grants it the least-privilege ACLs of the table below — the same table as the prod overlay's KafkaUsers
# (deploy/kubernetes/overlays/prod/kafka-users.yaml; deploy-checks KafkaAclsTest derives both from the channels).
# Run by the kafka-acls one-shot service, inside the broker's network namespace: it talks to the broker's
# localhost-only PLAINTEXT listener, whose (anonymous) principal is the only super user. Idempotent; safe to re-run.
#   BOOTSTRAP_SERVERS=localhost:9094 deploy/compose/kafka-acls.sh
set -euo pipefail
BOOTSTRAP_SERVERS=${BOOTSTRAP_SERVERS:-localhost:9094}
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}

scram() { # user: its password is in KAFKA_<USER>_PASSWORD (from .env, written by generate-kafka-secrets.sh)
  local variable password
  variable="KAFKA_$(tr 'a-z-' 'A-Z_' <<< "$1")_PASSWORD"
  password=${!variable:?$variable is not set: run deploy/compose/generate-kafka-secrets.sh}
  "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --alter --entity-type users \
    --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" > /dev/null
  echo "SCRAM user $1"
}

acl() { # principal resource-type literal|prefixed name Operation[,Operation…]
  local principal=$1 type=$2 pattern=$3 name=$4 operations=()
  IFS=, read -ra list <<< "$5"
  for operation in "${list[@]}"; do operations+=(--operation "$operation"); done
  "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --add --allow-principal "User:$principal" \
    "--$type" "$name" --resource-pattern-type "$pattern" "${operations[@]}" > /dev/null
  echo "ACL $principal: $5 on $type $name ($pattern)"
}

for user in session-service assist-service audit-service agents; do
  scram "$user"
done

# session-service: writes commands and reads them back (command status); the session.events.v1 topology (Kafka
# Streams, application id session-service-events, exactly_once_v2) and the live feed.
acl session-service topic literal session.commands.v1 Write,Read,Describe
acl session-service topic literal session.inventory.v1 Read,Describe
acl session-service topic literal session.outcomes.v1 Read,Describe
acl session-service topic literal assist.outcomes.v1 Read,Describe
acl session-service topic literal session.events.v1 Write,Read,Describe
# Revoked access tokens: written at logout, read whole by every service (assigned partitions, no group).
acl session-service topic literal auth.revocations.v1 Write,Read,Describe
acl session-service topic literal session.jobs.v1 Write,Describe
acl session-service topic literal session.inventory.v1.dlq Write,Describe
acl session-service topic literal session.outcomes.v1.dlq Write,Describe
acl session-service topic literal session.commands.v1.dlq Write,Describe
acl session-service group literal session-service-inventory Read
acl session-service group literal session-service-outcomes Read
acl session-service group literal session-service-command-status Read
acl session-service group literal session-service-events Read
acl session-service topic prefixed session-service-events- All
acl session-service transactional-id prefixed session-service-events Write,Describe

# assist-service: writes assistance outcomes and invitations.
acl assist-service topic literal assist.outcomes.v1 Write,Describe
acl assist-service topic literal assist.invitations.v1 Write,Describe
acl assist-service topic literal session.inventory.v1 Read,Describe
acl assist-service topic literal assist.agents.v1 Read,Describe
acl assist-service topic literal auth.revocations.v1 Read,Describe
acl assist-service topic literal assist.responses.v1 Read,Describe
acl assist-service topic literal session.inventory.v1.dlq Write,Describe
acl assist-service topic literal assist.agents.v1.dlq Write,Describe
acl assist-service topic literal assist.responses.v1.dlq Write,Describe
acl assist-service group literal assist-service-inventory Read
acl assist-service group literal assist-service-agents Read
acl assist-service group literal assist-service-responses Read

# audit-service: reads only.
acl audit-service topic literal session.outcomes.v1 Read,Describe
acl audit-service topic literal assist.outcomes.v1 Read,Describe
acl audit-service topic literal session.commands.v1 Read,Describe
acl audit-service topic literal session.events.v1 Read,Describe
acl audit-service topic literal auth.revocations.v1 Read,Describe
acl audit-service topic literal session.outcomes.v1.dlq Write,Describe
acl audit-service topic literal assist.outcomes.v1.dlq Write,Describe
acl audit-service topic literal session.commands.v1.dlq Write,Describe
acl audit-service topic literal session.events.v1.dlq Write,Describe
acl audit-service topic literal session.jobs.v1 Read,Describe
acl audit-service topic literal session.jobs.v1.dlq Write,Describe
acl audit-service group literal audit-service Read

# agents (the agent simulator): read commands and invitations, write outcomes, inventory, facts and responses.
acl agents topic literal session.commands.v1 Read,Describe
acl agents topic literal assist.invitations.v1 Read,Describe
acl agents topic literal session.outcomes.v1 Write,Read,Describe
acl agents topic literal session.inventory.v1 Write,Read,Describe
acl agents topic literal assist.agents.v1 Write,Describe
acl agents topic literal assist.responses.v1 Write,Describe
acl agents topic literal session.commands.v1.dlq Write,Describe
acl agents topic literal assist.invitations.v1.dlq Write,Describe
acl agents group literal agent-simulator Read
acl agents group literal agent-simulator-assist Read

echo "SessionPlane Kafka users and ACLs ready on $BOOTSTRAP_SERVERS"
