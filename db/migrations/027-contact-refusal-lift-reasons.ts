// 027: why a supervisor lifted a customer's 要求勿扰, kept with the lift (it was in the lifting desk's audit log only), so
// the outcome file carries it to the desks that merge the lift (docs/product.md §7.1); null for lifts made before.
export default /* sql */ `
ALTER TABLE contact_refusal_lifts ADD COLUMN reason TEXT;
`;
