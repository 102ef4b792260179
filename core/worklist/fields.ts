/**
 * The canonical subscriber fields of docs/product.md §3.1: one definition used by the importer's header matching,
 * the database columns, the demo generator's workbook headers and the customer card.
 *
 * `kind` says how a cell is normalised; `aliases` are the header spellings seen in central-system workbooks
 * (matched ignoring case, spaces and full/half width — see core/worklist/headers.ts).
 */
export type FieldKind = 'msisdn' | 'text' | 'int' | 'number' | 'date' | 'bool' | 'id-number';

export interface FieldDef {
  key: string;
  kind: FieldKind;
  zh: string;
  en: string;
  aliases: readonly string[];
  /** Where the field belongs: on the subscriber row, or describing the work list the row came on. */
  scope: 'subscriber' | 'list' | 'label';
}

const f = <K extends string>(
  key: K,
  kind: FieldKind,
  zh: string,
  en: string,
  aliases: readonly string[],
  scope: FieldDef['scope'] = 'subscriber',
): FieldDef & { key: K } => ({ key, kind, zh, en, aliases, scope });

export const canonicalFields = [
  f('msisdn', 'msisdn', '手机号码', 'MSISDN', ['手机号码', '服务号码', '用户号码', '号码', '手机号', '电话号码', 'msisdn', 'phone', 'mobile', 'phone number']),
  f('name', 'text', '客户姓名', 'Name', ['客户姓名', '姓名', '客户名称', '用户姓名', 'name', 'customer name']),
  // Identity numbers come under many names (issue 12): every one that can only mean the holder's identity card is
  // listed, since a column that is missed would otherwise be kept in clear as an extra attribute. (A column under
  // any other name is still recognised by its content: core/worklist/headers.ts `protectIdentityColumns`.)
  f('id_no', 'id-number', '身份证号', 'ID number', [
    '身份证号', '身份证', '身份证号码', '身份证件号', '身份证件号码', '身份证号(18位)', '身份证号码(18位)', '证件号码(身份证)', '证件号(身份证)',
    '证件号码', '证件号', '证件编号', '客户身份证号', '客户身份证号码', '客户身份证', '用户身份证号', '用户身份证号码', '客户证件号码', '客户证件号',
    '用户证件号码', '机主身份证号', '机主证件号码', '居民身份证号', '居民身份证号码', '公民身份号码', 'id_no', 'id number', 'id no', 'id card',
    'id card no', 'id card number', 'identity card', 'identity card no', 'identity card number', 'identity number', 'national id',
  ]),
  f('brand', 'text', '品牌', 'Brand', ['品牌', '用户品牌', 'brand']),
  f('tier', 'text', '客户级别', 'Tier', ['客户级别', '星级', '客户星级', '用户级别', 'tier', 'level']),
  f('plan_code', 'text', '套餐编码', 'Plan code', ['套餐编码', '套餐代码', 'plan_code', 'plan code']),
  f('plan_name', 'text', '套餐', 'Plan', ['套餐', '套餐名称', '主套餐', 'plan_name', 'plan']),
  f('plan_fee', 'number', '套餐月费', 'Plan fee', ['套餐月费', '套餐费', '月费', 'plan_fee', 'plan fee']),
  f('join_date', 'date', '入网时间', 'Join date', ['入网时间', '入网日期', 'join_date', 'join date']),
  f('tenure_months', 'int', '网龄(月)', 'Tenure (months)', ['网龄', '入网时长(月)', '入网时长', '网龄(月)', 'tenure_months', 'tenure']),
  f('region_type', 'text', '区域', 'Region type', ['区域', '区域类型', '城乡', 'region_type', 'region']),
  f('county', 'text', '区县', 'County', ['区县', '县区', 'county', 'district']),
  f('hall', 'text', '归属营业厅', 'Hall', ['归属营业厅', '营业厅', '归属厅', 'hall']),
  f('manager', 'text', '客户经理', 'Account manager', ['客户经理', '经理', 'manager', 'account manager']),
  f('arpu_m1', 'number', 'ARPU(上上上月)', 'ARPU 3 months ago', ['arpu_m1', 'ARPU1', '前三月ARPU', 'm1 arpu']),
  f('arpu_m2', 'number', 'ARPU(上上月)', 'ARPU 2 months ago', ['arpu_m2', 'ARPU2', '前两月ARPU', 'm2 arpu']),
  f('arpu_m3', 'number', '上月ARPU', 'ARPU last month', ['arpu_m3', 'ARPU3', '上月ARPU', 'm3 arpu', 'last month arpu']),
  f('arpu_avg3', 'number', '近三月ARPU', 'ARPU 3-month avg', ['近三月ARPU', '近3月ARPU', '三月平均ARPU', 'arpu_avg3', 'arpu avg3']),
  f('arpu_cur', 'number', '当月ARPU', 'ARPU current', ['当月ARPU', '本月ARPU', 'arpu_cur', 'arpu current', 'arpu']),
  f('mou_avg3', 'number', '近三月通话分钟数', 'MOU 3-month avg', ['近三月通话分钟数', '近三月MOU', '通话分钟数', 'mou_avg3', 'mou avg3']),
  f('mou_cur', 'number', '当月通话分钟数', 'MOU current', ['当月通话分钟数', '当月MOU', '本月通话分钟数', 'mou_cur', 'mou', 'mou current']),
  f('data_mb_avg3', 'number', '近三月流量(MB)', 'Data MB 3-month avg', ['近三月流量(MB)', '近三月流量', '流量(MB)', 'data_mb_avg3', 'data avg3']),
  f('data_mb_cur', 'number', '当月流量(MB)', 'Data MB current', ['当月流量(MB)', '当月流量', '本月流量', 'data_mb_cur', 'data current']),
  f('local_min', 'number', '本地通话分钟', 'Local minutes', ['本地通话分钟', '本地通话', '本地', 'local_min', 'local minutes']),
  f('long_distance_min', 'number', '长途通话分钟', 'Long-distance minutes', ['长途通话分钟', '长途通话', '长途', 'long_distance_min', 'long distance minutes']),
  f('roaming_min', 'number', '漫游通话分钟', 'Roaming minutes', ['漫游通话分钟', '漫游通话', '漫游', 'roaming_min', 'roaming minutes']),
  f('roaming_mb', 'number', '漫游流量(MB)', 'Roaming data MB', ['漫游流量(MB)', '漫游流量', 'roaming_mb', 'roaming data']),
  f('offnet_ratio_prev', 'number', '上期异网通话占比', 'Off-net share (prev)', ['上期异网通话占比', '上月异网通话占比', 'offnet_ratio_prev']),
  f('offnet_ratio_cur', 'number', '异网通话占比', 'Off-net share', ['异网通话占比', '本期异网通话占比', '当月异网通话占比', 'offnet_ratio_cur', 'offnet ratio']),
  f('competitor_cs_calls_week', 'int', '本周与异网客服通话次数', 'Competitor CS calls this week', ['本周与异网客服通话次数', '异网客服通话次数', 'competitor_cs_calls_week']),
  f('competitor_contacts', 'int', '异网客户经理接触次数', 'Competitor manager contacts', ['异网客户经理接触次数', '异网接触次数', 'competitor_contacts']),
  f('dual_sim', 'text', '双卡标识', 'Dual SIM', ['双卡标识', '双卡', '是否双卡', 'dual_sim', 'dual sim']),
  f('forward_offnet', 'bool', '呼转异网', 'Forwarding off-net', ['呼转异网', '呼叫转移异网', '是否呼转异网', 'forward_offnet']),
  f('status', 'text', '用户状态', 'Status', ['用户状态', '状态', 'status']),
  f('suspended_days', 'int', '停机天数', 'Days suspended', ['停机天数', 'suspended_days']),
  f('balance', 'number', '余额', 'Balance', ['余额', '账户余额', 'balance']),
  f('arrears', 'number', '欠费', 'Arrears', ['欠费', '欠费金额', 'arrears']),
  f('contract_end', 'date', '合约到期日', 'Contract end', ['合约到期日', '合约到期时间', '合约到期', 'contract_end', 'contract end']),
  f('contract_type', 'text', '合约类型', 'Contract type', ['合约类型', '合约', 'contract_type', 'contract type']),
  f('complaints_90d', 'int', '近90天投诉次数', 'Complaints (90 days)', ['近90天投诉次数', '投诉次数', 'complaints_90d', 'complaints']),
  f('handset_model', 'text', '终端型号', 'Handset', ['终端型号', '手机型号', '终端', 'handset_model', 'handset']),
  f('handset_months', 'int', '终端使用月数', 'Handset age (months)', ['终端使用月数', '终端使用时长', 'handset_months']),
  f('handset_smart', 'bool', '智能机', 'Smartphone', ['智能机', '是否智能机', 'handset_smart']),
  f('family_members', 'int', '家庭成员数', 'Family members', ['家庭成员数', 'family_members']),
  f('family_numbers', 'int', '亲情号码', 'Family numbers', ['亲情号码', '亲情号码数', 'family_numbers']),
  f('vnet', 'bool', '集团/家庭V网', 'V-net', ['集团/家庭V网', 'V网', '集团V网', '家庭V网', 'vnet']),
  f('broadband', 'bool', '宽带融合', 'Converged broadband', ['宽带融合', '融合宽带', '宽带', 'broadband']),
  // The stability programme's sticky services (docs/product.md §4.1; 亲情号码 is family_numbers above).
  f('shred_list', 'bool', '粉碎清单', 'Shred list', ['粉碎清单', '是否开通粉碎清单', '粉碎清单业务', 'shred_list', 'shred list']),
  f('address_book', 'bool', '号簿管家', 'Address-book manager', ['号簿管家', '是否开通号簿管家', '号簿管家业务', 'address_book', 'address book']),
  f('message_manager', 'bool', '信息管家', 'Message manager', ['信息管家', '是否开通信息管家', '信息管家业务', 'message_manager', 'message manager']),
  f('m_group', 'bool', 'M群', 'M-group', ['M群', '是否开通M群', 'M群业务', 'm_group', 'm group']),
  f('group_apps', 'bool', '集团内部应用', 'Corporate apps', ['集团内部应用', '是否使用集团内部应用', '集团应用', 'group_apps', 'group apps']),
  f('mobile_mail', 'bool', '手机邮箱', 'Mobile mailbox', ['手机邮箱', '是否开通手机邮箱', '139邮箱', 'mobile_mail', 'mobile mail']),
  f('channel_pref', 'text', '渠道偏好', 'Channel preference', ['渠道偏好', 'channel_pref']),
  f('contact_pref', 'text', '接触偏好', 'Contact preference', ['接触偏好', 'contact_pref']),
  f('do_not_disturb', 'bool', '免打扰', 'Do not disturb', ['免打扰', '是否免打扰', 'do_not_disturb', 'dnd']),
  f('last_marketed', 'date', '最近营销日期', 'Last marketed', ['最近营销日期', '最近营销时间', 'last_marketed']),
  // The VAS programme's marketing-history filters (issue 16 #3; core/contact/policy.ts).
  f('cancelled_after_open', 'date', '开通后退订日期', 'Cancelled after opening', ['开通后退订日期', '开通后退订时间', '开通退订日期', '开通后取消日期', 'cancelled_after_open']),
  f('trial_start', 'date', '体验开始日期', 'Trial start', ['体验开始日期', '体验开始时间', '体验日期', '试用开始日期', 'trial_start', 'trial start']),
  f('trial_ordered', 'bool', '体验后订购', 'Ordered after trial', ['体验后订购', '体验后是否订购', '体验转订购', '是否体验转正', 'trial_ordered']),
  f('last_unsubscribed', 'date', '最近退订日期', 'Last unsubscribed', ['最近退订日期', '最近退订时间', '主动退订日期', '退订日期', 'last_unsubscribed']),
  // Number portability (携号转网, issue 16 #6): the eligibility query is a strong risk signal; after an application the
  // contact policy allows no retention sale.
  f('porting_query_date', 'date', '携号转网资格查询日期', 'Porting eligibility query', ['携号转网资格查询日期', '携转资格查询日期', '携号转网查询日期', '携转查询日期', '携号转网资格查询时间', 'porting_query_date']),
  f('porting_apply_date', 'date', '携号转网申请日期', 'Porting application', ['携号转网申请日期', '携转申请日期', '携号转网申请时间', '携转申请时间', 'porting_apply_date']),
  f('list_name', 'text', '清单名称', 'List name', ['清单名称', '清单', '任务名称', 'list_name', 'list name'], 'list'),
  f('list_type', 'text', '清单类型', 'List type', ['清单类型', '任务类型', 'list_type', 'list type'], 'list'),
  f('period', 'text', '周期', 'Period', ['周期', '账期', 'period'], 'list'),
  f('due_date', 'date', '截止日期', 'Due date', ['截止日期', '截止时间', '到期日期', 'due_date', 'due date'], 'list'),
  f('agent', 'text', '执行人', 'Agent', ['执行人', '工号', '执行人工号', 'agent', 'agent id'], 'list'),
  f('churned', 'bool', '是否离网', 'Churned', ['是否离网', '离网标识', 'churned', 'churn'], 'label'),
  f('churn_date', 'date', '离网日期', 'Churn date', ['离网日期', '离网时间', 'churn_date'], 'label'),
] as const satisfies readonly FieldDef[];

export type CanonicalFieldKey = (typeof canonicalFields)[number]['key'];

/** Fields stored as columns of the `subscribers` table (id_no never is: only its keyed hash). */
export const subscriberColumnKeys = canonicalFields
  .filter((d) => d.scope !== 'list' && d.kind !== 'id-number')
  .map((d) => d.key);

export const fieldByKey: ReadonlyMap<string, FieldDef> = new Map(canonicalFields.map((d) => [d.key, d]));

/** The work-list types of the glossary (docs/product.md §2). */
export const listTypes = [
  'weekly_anomaly',
  'contract_expiring',
  'arrears_suspension',
  'brand_migration',
  'bill_spike',
  'data_anomaly',
  'dual_sim',
  'handset_change',
  'no_contract_care',
  'family',
  'first_visit_due',
  'number_porting',
  'other',
] as const;
export type ListType = (typeof listTypes)[number];

/**
 * Each type's label, and `aliases`: other names the central side gives the same list (matched as a whole name,
 * or contained in a longer one when three characters or more: '新入网未首拜用户清单' is first_visit_due).
 */
export const listTypeLabels: Record<ListType, { zh: string; en: string; aliases?: readonly string[] }> = {
  weekly_anomaly: { zh: '周异动', en: 'Weekly anomaly' },
  contract_expiring: { zh: '合约即将到期', en: 'Contract expiring', aliases: ['合约到期'] },
  arrears_suspension: { zh: '欠费即将停机', en: 'Arrears before suspension', aliases: ['欠费停机', '停机预警', '欠费预警'] },
  brand_migration: { zh: '品牌迁移', en: 'Brand migration' },
  bill_spike: { zh: '话费异常激增', en: 'Bill spike', aliases: ['话费激增', '话费异常'] },
  data_anomaly: { zh: '流量异常', en: 'Data anomaly' },
  dual_sim: { zh: '双卡', en: 'Dual SIM' },
  handset_change: { zh: '换机', en: 'Handset change' },
  no_contract_care: { zh: '无合约关怀', en: 'No-contract care', aliases: ['无合约', '无粘性'] },
  // The family model's list (docs/product.md §5.3): households to bring onto one family account.
  family: { zh: '家庭客户', en: 'Family customers', aliases: ['家庭用户', '家庭客户清单', '家庭', 'family'] },
  // Customers whose account manager has not made the first visit (首拜) yet.
  first_visit_due: { zh: '未首拜客户', en: 'First visit due', aliases: ['未首拜', '未首拜用户', '未首次拜访', '未首次拜访客户', '待首拜', '首拜', 'first visit'] },
  number_porting: { zh: '携号转网', en: 'Number portability' },
  other: { zh: '其他', en: 'Other' },
};
