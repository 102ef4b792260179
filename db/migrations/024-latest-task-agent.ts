// 024: a customer's tasks by number hold the task's id and agent too (docs/reports.md "Analysis reports"). The
// analysis reports name each customer's agent as the agent of their latest task: through (msisdn, created_at) every
// customer cost a seek into the tasks table for the id's tie-break and the agent — 4.7 of the 5.4 s their cells took
// at a million. With the index holding both, the latest task is its last entry for the number (0.45 s). What it costs:
// an agent given to a task moves its entry here too (100,000 tasks assigned at once at a million, 2.1 → 2.5 s).
export default /* sql */ `
DROP INDEX tasks_msisdn;
CREATE INDEX tasks_msisdn ON tasks(msisdn, created_at, id, agent_id);
`;
