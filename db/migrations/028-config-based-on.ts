// 028: the version a configuration was saved on (the one active then), so its history says what that save changed;
// null for versions saved before, which are compared with the version numbered before them as until now.
export default /* sql */ `
ALTER TABLE config_versions ADD COLUMN based_on INTEGER;
`;
