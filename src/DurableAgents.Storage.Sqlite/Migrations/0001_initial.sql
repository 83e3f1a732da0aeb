-- Schema version 1 of the DurableAgents SQLite task hub.
-- Times are UTC ticks (100 ns since 0001-01-01) in INTEGER columns: exact, compact and ordered.
-- Payloads (input, output, custom status) are JSON text stored as received. History events and inbox
-- messages are one JSON object per row (the HistoryJson form, with a "$type" discriminator).
-- No foreign keys: every table is keyed the way a DynamoDB table would be, and a purge deletes each
-- table's rows explicitly, in the same transaction.

-- One row per instance: the state of its current execution.
CREATE TABLE instances (
    instance_id        TEXT    NOT NULL PRIMARY KEY,
    execution_id       TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    version            TEXT,
    status             INTEGER NOT NULL,
    input              TEXT,
    output             TEXT,
    custom_status      TEXT,
    failure_details    TEXT,
    created_at         INTEGER NOT NULL,
    last_updated_at    INTEGER NOT NULL,
    completed_at       INTEGER,
    scheduled_start_at INTEGER,
    parent             TEXT,
    tags               TEXT,
    history_length     INTEGER NOT NULL,
    row_version        INTEGER NOT NULL
);

-- Query paging walks (created_at, instance_id) as a keyset; the primary key serves id-prefix filters.
CREATE INDEX ix_instances_created ON instances (created_at, instance_id);

-- Recovery reads the non-terminal instances; status filters of queries and purges use it too.
CREATE INDEX ix_instances_status ON instances (status, created_at);

-- Append-only history, keyed by (instance, sequence) as the store contract says; the execution id is kept
-- per row so a read of one execution skips rows of another. Rows of earlier executions are deleted when a
-- new execution starts, so the key's instance prefix already holds (almost) only the rows a read returns.
CREATE TABLE history (
    instance_id  TEXT    NOT NULL,
    sequence     INTEGER NOT NULL,
    execution_id TEXT    NOT NULL,
    event        TEXT    NOT NULL,
    PRIMARY KEY (instance_id, sequence)
);

-- Messages waiting for an instance; message ids are assigned by the engine in arrival order.
CREATE TABLE inbox (
    message_id  INTEGER NOT NULL PRIMARY KEY,
    instance_id TEXT    NOT NULL,
    visible_at  INTEGER NOT NULL,
    event       TEXT    NOT NULL
);

-- Per-instance reads and purges; visible_at orders an instance's messages by due time (timers).
CREATE INDEX ix_inbox_instance_visible ON inbox (instance_id, visible_at);

-- Activities scheduled and not yet answered; the key is what a result or a purge deletes by.
CREATE TABLE activities (
    instance_id  TEXT    NOT NULL,
    execution_id TEXT    NOT NULL,
    task_id      INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    version      TEXT,
    input        TEXT,
    tags         TEXT,
    scheduled_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, execution_id, task_id)
);

-- Recovery re-queues activities oldest first.
CREATE INDEX ix_activities_scheduled ON activities (scheduled_at);
