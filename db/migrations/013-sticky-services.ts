// 013: the stability programme's sticky services (issue 16 #4, docs/product.md §4.1) as subscriber columns:
// 粉碎清单, 号簿管家, 信息管家, M群, 集团内部应用, 手机邮箱 (yes/no, 0/1 like vnet and broadband). 亲情号码 (family_numbers),
// the GPRS figure (data_mb_cur) and the identity hash's index (001: subscribers_id_hash, which the "one person,
// several lines" look-ups of docs/product.md §4.5 seek by) exist already.
// Also: the dual-SIM offer's exclusion of 移动+移动 lines (below).
export default /* sql */ `
ALTER TABLE subscribers ADD COLUMN shred_list INTEGER;
ALTER TABLE subscribers ADD COLUMN address_book INTEGER;
ALTER TABLE subscribers ADD COLUMN message_manager INTEGER;
ALTER TABLE subscribers ADD COLUMN m_group INTEGER;
ALTER TABLE subscribers ADD COLUMN group_apps INTEGER;
ALTER TABLE subscribers ADD COLUMN mobile_mail INTEGER;

-- The competitor dual-SIM offer is not for a line whose two SIMs are both ours (移动+移动, tag own_dual_sim from the
-- risk rules' dualSim.ownValues), even when it comes on a 双卡 list: the default catalogue says so from now on, and a
-- stored LUCKY_NUMBER without an applicability rule of its own gets it (one with its own notIf was edited on purpose).
UPDATE offers SET rules = json_set(rules, '$.notIf', json('[{"tag":"own_dual_sim"}]'))
  WHERE code = 'LUCKY_NUMBER' AND json_valid(rules) AND json_extract(rules, '$.notIf') IS NULL;
`;
