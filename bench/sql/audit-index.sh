#!/usr/bin/env bash
# The cost of audit_event's indexes per batch (issue 15): the same pgbench batch (audit-index-batch.sql, $BATCHES or 1,300 batches
# of 137 records) into audit-service's schema as migrated up to a version (default: the one before the hash indexes)
# and up to the latest, alternating, on a durable PostgreSQL of the embedded binaries started here.
# Usage: bench/sql/audit-index.sh [runs] [baseline-version]   (needs psql and pgbench: Debian's postgresql-client)
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-3}
baseline=${2:-5}
bin=${PG_BIN:-$(ls -d /tmp/embedded-pg/PG-*/bin 2>/dev/null | head -1)}
client=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/postgres" ]] || { echo "no embedded PostgreSQL binaries: build once (./mvnw install) or set PG_BIN" >&2; exit 1; }
psql="$client/psql -h 127.0.0.1 -p 25499 -U postgres -X -q"
work=$(mktemp -d)
as_user=()
[[ "$(id -u)" == 0 ]] && as_user=(unshare --user --map-user=1000 --map-group=1000)
"${as_user[@]}" "$bin/initdb" -D "$work/data" -U postgres -A trust >/dev/null
"${as_user[@]}" "$bin/postgres" -D "$work/data" -p 25499 -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories="$work" -c shared_buffers=128MB >"$work/log" 2>&1 &
trap 'kill -INT $! 2>/dev/null; sleep 2; rm -rf "$work"' EXIT
for _ in $(seq 30); do $psql -c 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
migrations=../../audit-service/src/main/resources/db/migration
one() { # label, highest migration version
    $psql -c "DROP DATABASE IF EXISTS a" -c "CREATE DATABASE a" 2>/dev/null
    for f in $(ls $migrations/V*.sql | sort -V); do
        v=$(basename "$f" | sed 's/^V\([0-9]*\)__.*/\1/')
        ((v <= $2)) && $psql -d a -f "$f" >/dev/null
    done
    $psql -d a -c CHECKPOINT
    local lsn; lsn=$($psql -d a -Atc "select pg_current_wal_lsn()")
    (cd "$work" && rm -f pgbench_log.* && "$client/pgbench" -h 127.0.0.1 -p 25499 -U postgres -n -l \
        -f "$OLDPWD/audit-index-batch.sql" -t "${BATCHES:-1300}" a >/dev/null 2>&1)
    local latency; latency=$(cat "$work"/pgbench_log.* | awk '{print $3/1000}' | sort -n \
        | awk '{a[NR]=$1; s+=$1} END {printf "mean %.2f ms, p50 %.2f, p99 %.2f, max %.2f", s/NR, a[int(NR*0.5)], a[int(NR*0.99)], a[NR]}')
    $psql -d a -Atc "select format('%s: %s; WAL %s B a record; indexes %s', '$1', '$latency',
        round((pg_current_wal_lsn() - '$lsn'::pg_lsn) / count(*)), pg_size_pretty(pg_indexes_size('audit_event')))
        from audit_event"
}
latest=$(ls $migrations/V*.sql | sed 's/.*\/V\([0-9]*\)__.*/\1/' | sort -n | tail -1)
for run in $(seq "$runs"); do
    one "run $run, V$baseline" "$baseline"
    one "run $run, V$latest" "$latest"
done
