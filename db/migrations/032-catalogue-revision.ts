// 032: a revision of the catalogue that every write of an offer or a plan moves, by triggers (whatever the writer: an
// edit, an import in a worker, a restore, a migration). The card keeps the compiled catalogue until it changes, and
// told a change by the newest save's time: a save stamped no later than the one before (the clock set back, two saves
// within a millisecond) went unseen until a restart (electron/backend/offers.ts, db/catalogue.ts catalogueStamp).
const bump = `UPDATE workspace SET value = CAST(value AS INTEGER) + 1 WHERE key = 'catalogue-revision';`;
const triggers = ['offers', 'plans']
  .flatMap((table) => ['INSERT', 'UPDATE', 'DELETE'].map((event) => `CREATE TRIGGER catalogue_revision_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}\nBEGIN\n  ${bump}\nEND;`))
  .join('\n');

export default /* sql */ `
INSERT OR IGNORE INTO workspace (key, value) VALUES ('catalogue-revision', '0');
${triggers}
`;
