// 026: a customer's request not to be contacted, lifted (docs/product.md §6 "要求勿扰"): a supervisor records that the
// customer consents again, or that 要求勿扰 was logged by mistake. The request is derived from the attempts, which stay
// as they happened; it holds from the latest 要求勿扰 after the latest lift (db/tasks.ts contactRefusedAt). Audited.
export default /* sql */ `
CREATE TABLE contact_refusal_lifts (
  msisdn    INTEGER NOT NULL,
  at        TEXT NOT NULL,
  agent_id  TEXT,
  PRIMARY KEY (msisdn, at)
) WITHOUT ROWID;
`;
