// 007: the card shows a customer's feedback and colleagues' notes on its offers and reasons: index seeks, not
// scans of every note and piece of feedback ever merged.
export default /* sql */ `
CREATE INDEX feedback_msisdn ON feedback(msisdn, at);
CREATE INDEX experience_notes_offer ON experience_notes(offer_code, at) WHERE offer_code IS NOT NULL;
CREATE INDEX experience_notes_reason ON experience_notes(reason, at) WHERE reason IS NOT NULL;
`;
