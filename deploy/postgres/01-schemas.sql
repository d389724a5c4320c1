-- Run once by the postgres image, as BACKLINE_DB_USER in BACKLINE_DB_NAME, when its data volume is
-- empty. One schema per service; each service's Flyway also creates its own if it is missing.
CREATE SCHEMA IF NOT EXISTS intake AUTHORIZATION CURRENT_USER;
CREATE SCHEMA IF NOT EXISTS triage AUTHORIZATION CURRENT_USER;
-- workflow: the Camunda engine's tables; workflow_app: the workflow service's own (outbox, inbox, ...).
CREATE SCHEMA IF NOT EXISTS workflow AUTHORIZATION CURRENT_USER;
CREATE SCHEMA IF NOT EXISTS workflow_app AUTHORIZATION CURRENT_USER;
CREATE SCHEMA IF NOT EXISTS scheduling AUTHORIZATION CURRENT_USER;
