// 034: the tariff plan a customer agreed to move to, with an accepted outcome (成功). A plan change from the card's
// tariff preview is a retention in its own right, and 1 成功 took offers only: an agent who moved a customer to a
// cheaper plan could not record it (found by a new agent). NULL on every attempt before, and on any other outcome.
export default /* sql */ `
ALTER TABLE attempts ADD COLUMN plan_code TEXT;
`;
