// 009: identity numbers out of the clear (issue 12, docs/security.md).
//
// Until now only six exact headers were taken for the identity column; a column called 身份证, 客户身份证号, 'ID card'
// and the like was kept as an extra attribute, number in clear. And the hash of those that were recognised was
// salted with a salt stored in this same file: anyone holding the file could try the few million valid numbers of
// a region and birth year in seconds. From this version the hash is keyed with a secret outside the workspace
// (electron/backend/identity-key.ts). This migration:
//  - drops the salted hashes and their salt: they cannot be re-keyed without the numbers, and kept they would stay
//    reversible; the next import of a customer stores the keyed hash (nothing reads them but the next import's
//    linking, so nothing else changes);
//  - removes identity numbers from subscribers' extra attributes — 18-character ones wherever they are, 15-digit
//    and cut ones in attributes that are identity columns (see below) — storing the first one's keyed hash as the
//    customer's id_hash. The hash is the SQL function rd_identity_hash that the backend supplies with the key
//    (db/migrate.ts); opened without it (a worker, a tool) the numbers are removed unhashed — never kept.
// "Identity number" is the rule of core/privacy/identity.ts (`identityNumberOf` for text, `isIdentityCell` for
// numbers), written again in SQL because the db layer cannot use core's code (tests/unit/privacy/identity.test.ts
// checks that both agree): text of 18 characters (spaces and hyphens ignored) with a correct ISO 7064 MOD 11-2
// check character and a real birth date from 1880, or 15 digits with a real birth date in the 1900s; a 15-digit
// number likewise; an 18-digit number (Excel had cut its last digits) with a real birth date — removed, not hashed.
// The week of backups beside the workspace still holds the old values until it has rotated (docs/security.md).
export default /* sql */ `
DELETE FROM workspace WHERE key = 'id_salt';
UPDATE subscribers SET id_hash = NULL WHERE id_hash IS NOT NULL;

CREATE TEMP TABLE identity_candidates AS
  WITH members AS MATERIALIZED (
    SELECT s.msisdn, j.key AS k, j.id AS pos, j.type AS t,
      CASE WHEN j.type = 'real' THEN CAST(CAST(j.value AS INTEGER) AS TEXT)
           ELSE upper(replace(replace(trim(CAST(j.value AS TEXT)), ' ', ''), '-', '')) END AS w
    FROM subscribers s, json_each(s.extra) j
    WHERE json_valid(s.extra) AND (
      (j.type = 'text' AND length(j.value) BETWEEN 15 AND 40) OR (j.type IN ('integer', 'real') AND j.value >= 1e14 AND j.value < 1e18)
    )
  ),
  dated AS (
    SELECT *,
      CAST(substr(w, 7, 4) AS INTEGER) >= 1880
        AND date(substr(w, 7, 4) || '-' || substr(w, 11, 2) || '-' || substr(w, 13, 2)) = substr(w, 7, 4) || '-' || substr(w, 11, 2) || '-' || substr(w, 13, 2) AS born18,
      date('19' || substr(w, 7, 2) || '-' || substr(w, 9, 2) || '-' || substr(w, 11, 2)) = '19' || substr(w, 7, 2) || '-' || substr(w, 9, 2) || '-' || substr(w, 11, 2) AS born15
    FROM members
  ),
  found AS (
    SELECT msisdn, k, pos, w, CASE
      -- text, 18 characters: the check character and the birth date
      WHEN t = 'text' AND length(w) = 18 AND substr(w, 1, 17) NOT GLOB '*[^0-9]*' AND substr(w, 18, 1) GLOB '[0-9X]' AND born18
        AND substr('10X98765432', (substr(w, 1, 1) * 7 + substr(w, 2, 1) * 9 + substr(w, 3, 1) * 10 + substr(w, 4, 1) * 5 + substr(w, 5, 1) * 8 + substr(w, 6, 1) * 4 + substr(w, 7, 1) * 2 + substr(w, 8, 1) * 1 + substr(w, 9, 1) * 6 + substr(w, 10, 1) * 3 + substr(w, 11, 1) * 7 + substr(w, 12, 1) * 9 + substr(w, 13, 1) * 10 + substr(w, 14, 1) * 5 + substr(w, 15, 1) * 8 + substr(w, 16, 1) * 4 + substr(w, 17, 1) * 2) % 11 + 1, 1) = substr(w, 18, 1) THEN 1
      -- 15 digits, as text or an (exact) integer: the birth date
      WHEN t IN ('text', 'integer') AND length(w) = 15 AND w NOT GLOB '*[^0-9]*' AND born15 THEN 1
      -- an 18-digit number: Excel had already cut its last digits (the check character is gone), but the rest is
      -- still the person's number: removed, never hashed (it would hash a different number)
      WHEN t IN ('integer', 'real') AND length(w) = 18 AND born18 THEN 0
    END AS hashable,
    t = 'text' AND length(w) = 18 AS full18
    FROM dated
  )
  SELECT * FROM found WHERE hashable IS NOT NULL;

-- An extra attribute (a column of the files it came from) whose values are mostly identity numbers is an identity
-- column (core isIdentityColumn: 80 %, at least 3 — here over the whole workspace rather than a file's first 200).
-- Only there do 15-digit and cut numbers go: elsewhere they may be IMEIs or IMSIs (core/privacy/identity.ts). An
-- 18-character number with its check character goes wherever it is. (Two steps, each one pass over the data.)
CREATE TEMP TABLE identity_in_extra AS
  WITH filled AS (
    SELECT j.key AS k, count(*) AS n FROM subscribers s, json_each(s.extra) j
    WHERE json_valid(s.extra) AND j.type <> 'null' AND NOT (j.type = 'text' AND trim(j.value) = '')
    GROUP BY j.key
  ),
  identity_columns AS MATERIALIZED (
    SELECT c.k FROM identity_candidates c JOIN filled USING (k) GROUP BY c.k, filled.n
    HAVING count(*) >= 0.8 * filled.n AND count(*) >= min(3, filled.n)
  )
  SELECT msisdn, k, pos, CASE WHEN hashable = 1 THEN w END AS w FROM identity_candidates
  WHERE full18 OR k IN (SELECT k FROM identity_columns);
DROP TABLE identity_candidates;
-- The per-customer look-ups below are index seeks: a million subscribers with numbers in their extras stay linear.
CREATE INDEX temp.identity_in_extra_msisdn ON identity_in_extra(msisdn, pos);

UPDATE subscribers SET
  id_hash = (SELECT rd_identity_hash(f.w) FROM identity_in_extra f WHERE f.msisdn = subscribers.msisdn AND f.w IS NOT NULL ORDER BY f.pos LIMIT 1),
  extra = (
    SELECT json_group_object(j.key, CASE WHEN j.type IN ('object', 'array') THEN json(j.value) ELSE j.value END)
    FROM json_each(subscribers.extra) j
    WHERE j.key NOT IN (SELECT f.k FROM identity_in_extra f WHERE f.msisdn = subscribers.msisdn)
  )
WHERE msisdn IN (SELECT msisdn FROM identity_in_extra);

DROP TABLE identity_in_extra;
`;
