#!/usr/bin/env bash
# Generates what docker-compose.yml needs and the repository never holds: .env with random passwords and keys, the
# token signing key pair, and an operators file with an admin account. Safe to re-run: existing files are kept.
# Needs openssl 3 (for PBKDF2).
set -euo pipefail
cd "$(dirname "$0")/../.."
secrets=deploy/compose/secrets
mkdir -p "$secrets"
chmod 700 "$secrets"

random() { openssl rand -base64 "$1" | tr -d '\n/+=' | cut -c1-"$2"; }

if [[ ! -f .env ]]; then
  sed -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(random 24 24)|" \
      -e "s|^SESSIONS_DB_PASSWORD=.*|SESSIONS_DB_PASSWORD=$(random 24 24)|" \
      -e "s|^ASSIST_DB_PASSWORD=.*|ASSIST_DB_PASSWORD=$(random 24 24)|" \
      -e "s|^AUDIT_DB_PASSWORD=.*|AUDIT_DB_PASSWORD=$(random 24 24)|" \
      -e "s|^ASSIST_PASSWORD_KEY=.*|ASSIST_PASSWORD_KEY=$(openssl rand -base64 32)|" \
      .env.example > .env
  chmod 600 .env
  echo "wrote .env"
fi

if [[ ! -f $secrets/jwt-private.pem ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$secrets/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$secrets/jwt-private.pem" -pubout -out "$secrets/jwt-public.pem"
  echo "wrote the token signing key pair"
fi

if [[ ! -f $secrets/operators.properties ]]; then
  password=$(random 18 16)
  iterations=600000
  # openssl and coreutils only: a raw salt in a temp file, seen as hex by openssl and as base64 by the service.
  salt_file=$(mktemp)
  openssl rand 16 > "$salt_file"
  salt_hex=$(od -An -v -tx1 "$salt_file" | tr -d ' \n')
  salt_b64=$(base64 < "$salt_file")
  rm -f "$salt_file"
  hash_b64=$(openssl kdf -binary -keylen 32 -kdfopt digest:SHA256 -kdfopt "pass:$password" \
    -kdfopt "hexsalt:$salt_hex" -kdfopt "iter:$iterations" PBKDF2 | base64)
  cat > "$secrets/operators.properties" <<PROPS
# SessionPlane operators and access groups (mounted into session-service). Edit, then restart session-service.
sessionplane.access-groups."6fd4638a-381f-4518-aed6-042aa3d9f14c".name=Root
sessionplane.access-groups."2d0c8f3e-6a55-4c7b-9a54-1f3c0d2a7b11".name=Finance
sessionplane.access-groups."2d0c8f3e-6a55-4c7b-9a54-1f3c0d2a7b11".parent=6fd4638a-381f-4518-aed6-042aa3d9f14c
sessionplane.access-groups."8b6e7d21-3c4f-4e8a-b2d1-5a9c7e0f4d22".name=Engineering
sessionplane.access-groups."8b6e7d21-3c4f-4e8a-b2d1-5a9c7e0f4d22".parent=6fd4638a-381f-4518-aed6-042aa3d9f14c
sessionplane.access-groups."c1a9e5f7-0b3d-4a6c-8e2f-7d4b1a3c5e33".name=Contractors
sessionplane.access-groups."c1a9e5f7-0b3d-4a6c-8e2f-7d4b1a3c5e33".parent=8b6e7d21-3c4f-4e8a-b2d1-5a9c7e0f4d22
sessionplane.auth.operators.admin.domain=LOCAL
sessionplane.auth.operators.admin.password-hash=pbkdf2-sha256:$iterations:$salt_b64:$hash_b64
sessionplane.auth.operators.admin.permissions=Administrators@6fd4638a-381f-4518-aed6-042aa3d9f14c
sessionplane.auth.operators.admin.projects=demo
PROPS
  echo "operator admin (domain LOCAL) has password: $password   (shown once; hash in $secrets/operators.properties)"
fi

# Compose mounts file secrets as they are on the host (its uid and mode settings need Swarm): the services run as uid
# 1001 and must read them. The directory is 700, so no other host user can. Also for files an earlier run made 600.
chmod 644 "$secrets/jwt-private.pem" "$secrets/operators.properties"
