// 020: the expiry sweep's index (issue 19 #3). The sweep (db/tasks.ts expireTasksDueBefore) runs on the backend's
// thread at start and hourly; without an index it read every task — 1.7 s at a million, during which the hall's
// look-ups waited. Partial: only the open tasks the sweep may close, so it stays small as closed work accumulates.
export default /* sql */ `
CREATE INDEX tasks_open_due ON tasks(due_date) WHERE closed_at IS NULL AND callback_at IS NULL AND due_date IS NOT NULL;
`;
