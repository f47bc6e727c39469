#!/bin/sh
# One-shot: creates the `temporal` and `temporal_visibility` databases in the shared PostgreSQL
# and brings both schemas to the version this admin-tools image ships. Safe to rerun: an
# existing database is kept, setup-schema skips a schema that is past 0.0, and update-schema
# applies only the versions not yet applied.
set -eu

: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
DB_PORT="${DB_PORT:-5432}"
SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db="${pair%%:*}"
  dir="${SCHEMA_ROOT}/${pair#*:}/versioned"
  echo "schema setup: database ${db} (${dir})"
  # `create` fails when the database exists (a rerun); setup-schema below fails loudly if it does not.
  sql_tool --db "$db" create >/dev/null 2>&1 || echo "schema setup: ${db} already exists"
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$dir"
done
echo "schema setup: complete"
