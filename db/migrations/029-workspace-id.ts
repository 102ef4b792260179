// 029: a workspace's own random id, copied into every backup of it, so a restore can tell a backup of another
// workspace (another desk's file) from one of its own and say so before replacing this one (electron/backend/backups.ts).
export default /* sql */ `
INSERT OR IGNORE INTO workspace (key, value) VALUES ('workspace-id', lower(hex(randomblob(16))));
`;
