#!/usr/bin/env bash
# PostgreSQL init (first start of an empty data volume): one database per service, each owned by its own user.
set -euo pipefail
for service in sessions assist audit; do
  var="${service^^}_DB_PASSWORD"
  password="${!var}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$service" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
