// 016: saved segments (issue 17 #1): a name and a condition in the condition language (core/segments/segment.ts),
// kept as the JSON the supervisor saved; evaluated afresh at each use, so a segment follows its customers.
export default /* sql */ `
CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  condition   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT
);
`;
