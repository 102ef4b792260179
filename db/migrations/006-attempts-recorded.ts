// 006: attempts by the time they were stored, so "has anything been logged or merged since?" is an index seek
// (the look-up's learned-acceptance cache asks it on every card) instead of counting every attempt.
export default /* sql */ `
CREATE INDEX attempts_recorded ON attempts(recorded_at);
`;
