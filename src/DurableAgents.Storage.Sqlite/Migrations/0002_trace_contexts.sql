-- Distributed tracing: the orchestration span a worker reported for an instance's current execution (handed back
-- with its later episodes), and the scheduling span of a queued activity (handed to the activity's worker).
-- Both are JSON; NULL in rows written before this migration means "none", which is what they had.
ALTER TABLE instances ADD COLUMN trace_context TEXT;
ALTER TABLE activities ADD COLUMN parent_trace_context TEXT;
