#!/bin/sh
# Run once by the postgres image, as POSTGRES_USER in POSTGRES_DB, when its data volume is empty.
# Every service gets two roles of its own (docs/adr/0013-database-roles-and-audit.md):
# - <service>_owner owns the service's schemas, and nothing else; Flyway migrates as it;
# - <service>_runtime is what the service runs as. It owns nothing: after every migration the owner
#   grants it reading and writing its tables, but only INSERT and SELECT on the audit trail.
# No role reaches another service's schema. The passwords come from .env, through psql variables.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=intake_owner_password="$INTAKE_DB_OWNER_PASSWORD" \
  --set=intake_runtime_password="$INTAKE_DB_RUNTIME_PASSWORD" \
  --set=triage_owner_password="$TRIAGE_DB_OWNER_PASSWORD" \
  --set=triage_runtime_password="$TRIAGE_DB_RUNTIME_PASSWORD" \
  --set=workflow_owner_password="$WORKFLOW_DB_OWNER_PASSWORD" \
  --set=workflow_runtime_password="$WORKFLOW_DB_RUNTIME_PASSWORD" \
  --set=scheduling_owner_password="$SCHEDULING_DB_OWNER_PASSWORD" \
  --set=scheduling_runtime_password="$SCHEDULING_DB_RUNTIME_PASSWORD" <<'SQL'
CREATE ROLE intake_owner LOGIN PASSWORD :'intake_owner_password';
CREATE ROLE intake_runtime LOGIN PASSWORD :'intake_runtime_password';
CREATE SCHEMA IF NOT EXISTS intake AUTHORIZATION intake_owner;

CREATE ROLE triage_owner LOGIN PASSWORD :'triage_owner_password';
CREATE ROLE triage_runtime LOGIN PASSWORD :'triage_runtime_password';
CREATE SCHEMA IF NOT EXISTS triage AUTHORIZATION triage_owner;

-- workflow: the Camunda engine's tables (the runtime role may create them: the engine makes its own);
-- workflow_app: the workflow service's own (outbox, inbox, audit trail, referral instances).
CREATE ROLE workflow_owner LOGIN PASSWORD :'workflow_owner_password';
CREATE ROLE workflow_runtime LOGIN PASSWORD :'workflow_runtime_password';
CREATE SCHEMA IF NOT EXISTS workflow AUTHORIZATION workflow_owner;
CREATE SCHEMA IF NOT EXISTS workflow_app AUTHORIZATION workflow_owner;

CREATE ROLE scheduling_owner LOGIN PASSWORD :'scheduling_owner_password';
CREATE ROLE scheduling_runtime LOGIN PASSWORD :'scheduling_runtime_password';
CREATE SCHEMA IF NOT EXISTS scheduling AUTHORIZATION scheduling_owner;
SQL
