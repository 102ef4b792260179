// 033: the customers an agent logged as gone (已离网). The churn analysis counts them with those a file says have left
// (db/analysis.ts), and its scan of every customer asks for each whether such an attempt exists and its first day:
// only these attempts are in this index, so the answer is one seek, nearly always into nothing (as 025's).
export default /* sql */ `
CREATE INDEX attempts_churned ON attempts(msisdn, at) WHERE disposition = 'churned';
`;
