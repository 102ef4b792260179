// 030: the week an every-week target took effect from (null: every week, as before). Changing or removing an
// every-week target keeps the old figures for the weeks before this one, as a row '*<2026-W50' (until that week) —
// a change today rewrote last week's achievement in a report already handed up (core/report/targets.ts).
export default /* sql */ `
ALTER TABLE targets ADD COLUMN from_week TEXT;
`;
