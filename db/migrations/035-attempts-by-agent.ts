// 035: an agent's attempts by time, with their outcome. 我的今日 and the weekly targets count an agent's (or a group's)
// contacts, reached and successes in a day or a week (db/agent-day.ts); on attempts_at that read every attempt of the
// desk in the period — 25–70 ms at 30,000 a week — and the count is on the save's path since attempt-log answers with
// the agent's day (§10: a logged outcome costs at most 2 calls). The disposition is in the index so that no attempt
// row is read: without it one account's 100,000 attempts of a day took 186 ms a count, with it a few.
export default /* sql */ `
CREATE INDEX attempts_agent ON attempts(agent_id, at, disposition);
`;
