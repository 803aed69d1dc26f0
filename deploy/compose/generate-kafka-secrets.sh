#!/usr/bin/env bash
# Generates what deploy/compose/kafka-secure.yml needs and the repository never holds: a CA and the broker's TLS
# keystore (deploy/compose/secrets/kafka/), and a SCRAM password per Kafka client appended to .env. Safe to re-run:
# existing files and passwords are kept. Needs openssl 3. Run deploy/compose/generate-secrets.sh first.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -f .env ]] || { echo "run deploy/compose/generate-secrets.sh first" >&2; exit 1; }
dir=deploy/compose/secrets/kafka
mkdir -p "$dir/broker"
chmod 700 deploy/compose/secrets

random() { openssl rand -base64 "$1" | tr -d '\n/+=' | cut -c1-"$2"; }

if [[ ! -f $dir/ca.crt ]]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj "/CN=SessionPlane Compose Kafka CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:3072 -nodes -subj "/CN=kafka" -keyout "$dir/broker.key" -out "$dir/broker.csr" 2>/dev/null
  openssl x509 -req -in "$dir/broker.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 825 \
    -extfile <(printf 'subjectAltName=DNS:kafka,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') \
    -out "$dir/broker.crt" 2>/dev/null
  password=$(random 24 24)
  openssl pkcs12 -export -name kafka -inkey "$dir/broker.key" -in "$dir/broker.crt" -certfile "$dir/ca.crt" \
    -passout "pass:$password" -out "$dir/broker/kafka.keystore.p12"
  printf '%s' "$password" > "$dir/broker/keystore_creds"
  printf 'KafkaServer {\n  org.apache.kafka.common.security.scram.ScramLoginModule required;\n};\n' \
    > "$dir/broker/kafka_server_jaas.conf"
  rm -f "$dir/broker.csr" "$dir/broker.key" "$dir/ca.srl"
  chmod 600 "$dir/ca.key"
  # Read by the containers' own users (kafka's appuser, the services' 1001); the directory above is 700.
  chmod 644 "$dir/ca.crt" "$dir/broker.crt" "$dir/broker/"*
  echo "wrote the Kafka CA and the broker keystore in $dir"
fi

for user in SESSION_SERVICE ASSIST_SERVICE AUDIT_SERVICE AGENTS; do
  if ! grep -q "^KAFKA_${user}_PASSWORD=" .env; then
    echo "KAFKA_${user}_PASSWORD=$(random 24 24)" >> .env
    echo "added KAFKA_${user}_PASSWORD to .env"
  fi
done
