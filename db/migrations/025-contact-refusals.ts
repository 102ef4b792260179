// 025: the customers who asked not to be contacted again (an attempt logged 要求勿扰, docs/product.md §6). The contact
// policy reads, for every task it decides, when the customer first asked (db/tasks.ts contactRefusedAt); through
// attempts_msisdn each task cost a look-up of every attempt of the customer for its disposition. Only these attempts
// are in this index, so the answer is one seek, nearly always into nothing.
export default /* sql */ `
CREATE INDEX attempts_do_not_call ON attempts(msisdn, at) WHERE disposition = 'do_not_call';
`;
