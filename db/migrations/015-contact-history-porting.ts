// 015: the work-list columns behind the VAS programme's marketing-history filters and number portability (issue 16
// #3, #6): a service opened then cancelled (开通后退订日期), a trial's start and whether it led to an order
// (体验开始日期, 体验后订购), the last voluntary unsubscribe (最近退订日期), and the porting eligibility query and
// application dates (携号转网资格查询日期, 携号转网申请日期). Canonical fields (core/worklist/fields.ts), so they are
// columns like every other; nullable: files without them leave them empty and no filter fires.
export default /* sql */ `
ALTER TABLE subscribers ADD COLUMN cancelled_after_open TEXT;
ALTER TABLE subscribers ADD COLUMN trial_start TEXT;
ALTER TABLE subscribers ADD COLUMN trial_ordered INTEGER;
ALTER TABLE subscribers ADD COLUMN last_unsubscribed TEXT;
ALTER TABLE subscribers ADD COLUMN porting_query_date TEXT;
ALTER TABLE subscribers ADD COLUMN porting_apply_date TEXT;
`;
