/**
 * Catalogue workbooks (docs/product.md §3.2, §5.3, §5.4; issue 3 item 4): offers and tariff plans out and in, and the
 * blank templates the central side fills in (work list, labelled history, offers, plans).
 *
 * Headers are written in Chinese by default (what the central side and Excel on a Chinese desk expect) or in
 * English, and read in either, matched with the work list's `normalizeHeader` (case, spaces, full/half width
 * and bracket kinds ignored). Cells go through the work list's normalisers, but a catalogue is stricter than a
 * work list: a row with any bad cell is rejected whole rather than imported with the cell empty, since a wrong
 * cost or fee would mislead every recommendation; and a header problem (a required column missing, two
 * columns meaning the same thing) rejects the whole file, because the supervisor replaces a catalogue as one.
 *
 * Text never becomes a formula on the way out (writeWorkbook writes every string as text, and guards CSV);
 * on the way in formulas are not evaluated, and the apostrophe our CSV writer puts in front of text that looks
 * like a formula is taken off again.
 */
import { ExchangeError, readWorkbook, type ReadOptions, type SheetInfo, type WorkbookContents } from './read';
import { isMessageCode, type Locale, type MessageCode } from '../i18n';
import {
  catalogueCode,
  categoryLabels,
  channelLabels,
  followUpKinds,
  followUpLabels,
  offerCategories,
  offerChannels,
  checkOfferRules,
  offerSchema,
  planSchema,
  type FollowUpKind,
  type Offer,
  type OfferCategory,
  type OfferChannel,
  type OfferRules,
  type Plan,
} from '../offers/catalogue';
import { otherOperatorsNamed, portingOnlyCondition } from '../offers/porting';
import {
  displayValue,
  normalizeBoolCell,
  normalizeDateCell,
  normalizeIntCell,
  normalizeNumberCell,
  normalizeTextCell,
  type CellParams,
} from '../worklist/cells';
import { canonicalFields, type FieldDef } from '../worklist/fields';
import { columnLetter, normalizeHeader } from '../worklist/headers';
import type { CellValue, SheetSpec } from './write';

export type CatalogueKind = 'offers' | 'plans';
export type TemplateKind = 'worklist' | 'history' | CatalogueKind;

/** One problem, shaped like the work list's RowIssueView so the same views and workbook can show it. */
export interface CatalogueIssue {
  /** 1-based row of the sheet (the header row for header problems). */
  row: number;
  column: string;
  columnLetter: string;
  /** The catalogue field of the column (Offer / Plan key), when known. */
  field: string | null;
  code: MessageCode;
  params: CellParams;
  value: string;
  severity: 'error' | 'warning';
}

export interface CatalogueParseResult<T> {
  items: T[];
  issues: CatalogueIssue[];
  /** False when the header is unusable: the whole file is refused (issues say why) and `items` is empty. */
  headerOk: boolean;
  /** Non-blank data rows read. */
  read: number;
  /** Rows rejected (each has at least one error issue). */
  rejected: number;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Column definitions                                                                                          */

type CellKind =
  | { type: 'code' }
  | { type: 'text'; max: number }
  /** Several lines allowed (descriptions, scripts): line breaks are what make a script readable. */
  | { type: 'long-text'; max: number }
  | { type: 'number'; min: number; max: number; defaultValue?: number }
  | { type: 'int'; min: number; max: number; defaultValue?: number; /** Empty means no limit, and the screen's word for it (不限) is read as empty. */ noLimit?: true }
  | { type: 'date' }
  | { type: 'bool'; defaultValue: boolean }
  | { type: 'category' }
  | { type: 'channels' }
  | { type: 'follow-up-kind' }
  | { type: 'rules' };

interface ColumnDef {
  key: string;
  zh: string;
  en: string;
  aliases: readonly string[];
  required?: boolean;
  kind: CellKind;
  /** For the template's notes sheet. */
  meaning: { zh: string; en: string };
  /** A word the reader reads in either language (a category, a channel, yes) is given in the template's language. */
  example: string | { zh: string; en: string };
}

const col = (
  key: string,
  zh: string,
  en: string,
  aliases: readonly string[],
  kind: CellKind,
  meaning: { zh: string; en: string },
  example: string | { zh: string; en: string },
  required = false,
): ColumnDef => ({ key, zh, en, aliases, kind, meaning, example, required });

const offerColumns: readonly ColumnDef[] = [
  col('code', '政策编码', 'Offer code', ['编码', '活动编码', '政策代码', 'code', 'offer_code'], { type: 'code' },
    { zh: '政策的唯一编码；外呼记录和结果文件用它指代政策。已有编码的行会更新该政策', en: 'Unique code; attempts and outcome files refer to the offer by it. A row with an existing code updates that offer' },
    'CONTRACT_REWARD', true),
  col('name_zh', '政策名称', 'Name', ['名称', '活动名称', '中文名称', 'name_zh', 'name'], { type: 'text', max: 100 },
    { zh: '客户经理在卡片上看到的名称', en: 'The name agents see on the card (Chinese)' }, '合约续约隐形回馈', true),
  col('name_en', '英文名称', 'English name', ['name_en', 'name (en)'], { type: 'text', max: 100 },
    { zh: '英文界面显示的名称，可空', en: 'Name shown in the English interface; optional' }, 'Contract renewal with hidden reward'),
  col('category', '类别', 'Category', ['政策类别', '政策类型', 'category', 'type'], { type: 'category' },
    { zh: `政策类别：${offerCategories.map((c) => categoryLabels[c].zh).join('、')}`, en: `One of: ${offerCategories.map((c) => categoryLabels[c].en).join(', ')}` },
    { zh: '合约类', en: 'Contract' }, true),
  col('description', '政策说明', 'Description', ['说明', '描述', '活动说明', '政策内容', 'description'], { type: 'long-text', max: 2000 },
    { zh: '政策内容和办理条件', en: 'What the offer is and its conditions' }, '续签 12 个月合约，每月返还 10 元话费'),
  col('script', '话术', 'Script', ['营销话术', '推荐话术', '维系话术', 'script'], { type: 'long-text', max: 4000 },
    { zh: '客户经理对客户说的话，可分段', en: 'What the agent says to the customer; line breaks are kept' }, '您好，我是中国移动的客户经理……'),
  col('cost', '成本(元)', 'Cost (yuan)', ['成本', '单位成本', '单位成本(元)', 'cost'], { type: 'number', min: 0, max: 100_000, defaultValue: 0 },
    { zh: '客户接受一次政策公司付出的成本（元），用于排序', en: 'What one accepted offer costs the operator, in yuan (used in ranking)' }, '120'),
  col('channels', '渠道', 'Channels', ['执行渠道', '接触渠道', '适用渠道', 'channels', 'channel'], { type: 'channels' },
    { zh: '可用的接触渠道：外呼、短信、营业厅、上门，多个用顿号或逗号隔开', en: 'Channels: phone, sms, hall, visit — several separated by commas' }, { zh: '外呼、营业厅', en: 'phone, hall' }, true),
  col('valid_from', '生效日期', 'Valid from', ['开始日期', '有效期开始', 'valid_from', 'start date'], { type: 'date' },
    { zh: '从这天起可以推荐，空表示不限', en: 'First day the offer may be made; empty: no limit' }, '2026-01-01'),
  col('valid_to', '失效日期', 'Valid to', ['结束日期', '有效期结束', 'valid_to', 'end date'], { type: 'date' },
    { zh: '这天之后不再推荐，空表示不限', en: 'Last day the offer may be made; empty: no limit' }, '2026-12-31'),
  col('rules', '规则(JSON)', 'Rules (JSON)', ['规则', '适用规则', '规则json', 'rules'], { type: 'rules' },
    {
      zh: '谁可以推荐（eligible，全部满足）、何时不适用（notIf，任一满足）、何时不宜推荐（unsuitableIf，任一满足）；条件写法见示例，field 为工作清单标准字段名，空表示所有客户',
      en: 'Who may get it (eligible: all hold), when it does not apply (notIf: any holds), when it would be wrong (unsuitableIf: any holds); field is a canonical work-list field; empty: everyone',
    },
    '{"eligible":[{"field":"arpu_avg3","op":">=","value":120},{"tag":"dual_sim"}],"unsuitableIf":[{"field":"arrears","op":">","value":0}]}'),
  col('cooldown_days', '拒绝后冷却天数', 'Cooldown days', ['冷却天数', '冷却期', '冷却期(天)', 'cooldown_days', 'cooldown'], { type: 'int', min: 0, max: 3650, defaultValue: 30 },
    { zh: '客户拒绝后多少天内不再向他推荐，空为 30 天', en: 'Days after a decline before it is offered to the same customer again; empty: 30' }, '30'),
  // The screen's word, 每周名额; files exported before 2026-12 say 每周预算(次), still read.
  col('weekly_budget', '每周名额(个)', 'Weekly budget', ['每周名额', '每周预算(次)', '每周预算', '周预算', 'weekly_budget'], { type: 'int', min: 0, max: 1_000_000, noLimit: true },
    {
      zh: '每周最多办理几个（本周一以来结果为“成功”的次数），办满后本周不再推荐；空表示不限',
      en: 'At most this many acceptances a week (counted since Monday); once reached it is not offered again that week; empty: no limit',
    }, '300'),
  col('active', '是否启用', 'Active', ['启用', '是否有效', 'active', 'enabled'], { type: 'bool', defaultValue: true },
    { zh: '是/否；停用的政策不再推荐，空为“是”', en: 'yes/no; inactive offers are not recommended; empty: yes' }, { zh: '是', en: 'yes' }),
  col('follow_up_kind', '回访方式', 'Follow-up', ['回访', '回访类型', 'follow_up_kind', 'follow-up', 'follow up'], { type: 'follow-up-kind' },
    {
      zh: '客户接受后要回访的方式：回访上门或回访电话；空表示不需要回访（与“回访天数”同填同空）',
      en: 'The follow-up an acceptance requires: a follow-up visit or call; empty: none (filled together with the follow-up days)',
    },
    { zh: '回访上门', en: 'Follow-up visit' }),
  col('follow_up_days', '回访天数', 'Follow-up days', ['回访天数(天)', '接受后回访天数', 'follow_up_days', 'follow-up days'], { type: 'int', min: 1, max: 365 },
    { zh: '接受后第几天回访（1–365）；空表示不需要回访', en: 'Days after the acceptance the follow-up is due (1–365); empty: none' }, '7'),
];

const planColumns: readonly ColumnDef[] = [
  col('code', '套餐编码', 'Plan code', ['编码', '套餐代码', 'code', 'plan_code'], { type: 'code' },
    { zh: '套餐的唯一编码，与工作清单的“套餐编码”一致。已有编码的行会更新该套餐', en: 'Unique code, the same as the work list\'s plan code. A row with an existing code updates that plan' }, 'QQT128', true),
  col('name', '套餐名称', 'Plan name', ['套餐', '名称', 'name', 'plan_name'], { type: 'text', max: 100 },
    { zh: '套餐名称', en: 'Plan name' }, '全球通畅享套餐128元', true),
  col('monthly_fee', '月费(元)', 'Monthly fee (yuan)', ['月费', '套餐月费', '套餐月费(元)', 'monthly_fee', 'monthly fee', 'fee'], { type: 'number', min: 0, max: 100_000 },
    { zh: '每月固定费用（元）', en: 'Fixed monthly fee, in yuan' }, '128', true),
  col('incl_local_min', '含本地通话(分钟)', 'Included local minutes', ['含本地通话', '本地通话分钟', 'incl_local_min'], { type: 'number', min: 0, max: 1_000_000, defaultValue: 0 },
    { zh: '套餐内本地通话分钟数；国内通话合并计的套餐，本地和长途都填国内分钟数', en: 'Local minutes included; for a single domestic pool give the pool here and under long distance' }, '500'),
  col('incl_ld_min', '含长途通话(分钟)', 'Included long-distance minutes', ['含长途通话', '长途通话分钟', 'incl_ld_min'], { type: 'number', min: 0, max: 1_000_000, defaultValue: 0 },
    { zh: '套餐内长途通话分钟数', en: 'Long-distance minutes included' }, '500'),
  col('incl_roaming_min', '含漫游通话(分钟)', 'Included roaming minutes', ['含漫游通话', '漫游通话分钟', 'incl_roaming_min'], { type: 'number', min: 0, max: 1_000_000, defaultValue: 0 },
    { zh: '套餐内漫游通话分钟数', en: 'Roaming minutes included' }, '0'),
  col('incl_data_mb', '含流量(MB)', 'Included data (MB)', ['含流量', '套餐内流量(MB)', 'incl_data_mb', 'included data'], { type: 'number', min: 0, max: 100_000_000, defaultValue: 0 },
    { zh: '套餐内流量，单位 MB（1GB = 1024MB）', en: 'Data included, in MB (1 GB = 1024 MB)' }, '30720'),
  col('price_local_min', '本地超出(元/分钟)', 'Local overage (yuan/min)', ['本地超出', '本地超出资费', 'price_local_min'], { type: 'number', min: 0, max: 1000, defaultValue: 0 },
    { zh: '超出套餐后本地通话每分钟价格（元）', en: 'Price per local minute beyond the plan, in yuan' }, '0.15'),
  col('price_ld_min', '长途超出(元/分钟)', 'Long-distance overage (yuan/min)', ['长途超出', '长途超出资费', 'price_ld_min'], { type: 'number', min: 0, max: 1000, defaultValue: 0 },
    { zh: '超出套餐后长途通话每分钟价格（元）', en: 'Price per long-distance minute beyond the plan, in yuan' }, '0.15'),
  col('price_roaming_min', '漫游超出(元/分钟)', 'Roaming overage (yuan/min)', ['漫游超出', '漫游超出资费', 'price_roaming_min'], { type: 'number', min: 0, max: 1000, defaultValue: 0 },
    { zh: '超出套餐后漫游通话每分钟价格（元）', en: 'Price per roaming minute beyond the plan, in yuan' }, '0.99'),
  col('price_data_mb', '流量超出(元/MB)', 'Data overage (yuan/MB)', ['流量超出', '流量超出资费', 'price_data_mb'], { type: 'number', min: 0, max: 1000, defaultValue: 0 },
    { zh: '超出套餐后每 MB 流量价格（元），如 3 元/GB 填 0.003', en: 'Price per MB beyond the plan, in yuan (3 yuan/GB is 0.003)' }, '0.003'),
  col('active', '是否启用', 'Active', ['启用', '是否有效', 'active', 'enabled'], { type: 'bool', defaultValue: true },
    { zh: '是/否；停用的套餐不参与资费预演，空为“是”', en: 'yes/no; inactive plans are left out of the tariff preview; empty: yes' }, '是'),
];

const columnsOf = (kind: CatalogueKind): readonly ColumnDef[] => (kind === 'offers' ? offerColumns : planColumns);
const label = (c: { zh: string; en: string }, locale: Locale): string => (locale === 'en' ? c.en : c.zh);

/** An offer's or plan's field by the name of its column (the audit log names the fields a save changed); else the key. */
export function catalogueFieldLabel(kind: CatalogueKind, key: string, locale: Locale): string {
  const column = columnsOf(kind).find((c) => c.key === key);
  return column ? label(column, locale) : key;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Writing                                                                                                      */

const yesNo = (v: boolean, locale: Locale): string => (locale === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否');
const channelText = (channels: readonly OfferChannel[], locale: Locale): string =>
  channels.map((c) => label(channelLabels[c], locale)).join(locale === 'en' ? ', ' : '、');
const rulesText = (rules: OfferRules): string => (Object.keys(rules).length === 0 ? '' : JSON.stringify(rules));

function widthsFor(columns: readonly ColumnDef[]): number[] {
  return columns.map((c) => (c.kind.type === 'long-text' || c.kind.type === 'rules' ? 50 : c.kind.type === 'text' ? 24 : 14));
}
const datesAt = (columns: readonly ColumnDef[]): number[] => columns.flatMap((c, i) => (c.kind.type === 'date' ? [i] : []));

export function offerSheet(offers: readonly Offer[], locale: Locale = 'zh-CN'): SheetSpec {
  const rows = offers.map((o): CellValue[] => [
    o.code,
    o.name_zh,
    o.name_en,
    label(categoryLabels[o.category], locale),
    o.description,
    o.script,
    o.cost,
    channelText(o.channels, locale),
    o.valid_from,
    o.valid_to,
    rulesText(o.rules),
    o.cooldown_days,
    o.weekly_budget,
    yesNo(o.active, locale),
    o.follow_up_kind === null ? null : label(followUpLabels[o.follow_up_kind], locale),
    o.follow_up_days,
  ]);
  return { name: locale === 'en' ? 'Offers' : '维系政策', header: offerColumns.map((c) => label(c, locale)), rows, dateColumns: datesAt(offerColumns), widths: widthsFor(offerColumns), autoFilter: true };
}

export function planSheet(plans: readonly Plan[], locale: Locale = 'zh-CN'): SheetSpec {
  const rows = plans.map((p): CellValue[] => [
    p.code,
    p.name,
    p.monthly_fee,
    p.incl_local_min,
    p.incl_ld_min,
    p.incl_roaming_min,
    p.incl_data_mb,
    p.price_local_min,
    p.price_ld_min,
    p.price_roaming_min,
    p.price_data_mb,
    yesNo(p.active, locale),
  ]);
  return { name: locale === 'en' ? 'Tariff plans' : '资费套餐', header: planColumns.map((c) => label(c, locale)), rows, widths: widthsFor(planColumns), autoFilter: true };
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Templates                                                                                                    */

const kindFormat: Record<FieldDef['kind'], { zh: string; en: string }> = {
  msisdn: { zh: '11 位手机号码（可带 +86、空格、短横线；请设为文本格式）', en: '11-digit mobile number (+86, spaces, dashes accepted; format the column as text)' },
  text: { zh: '文本', en: 'Text' },
  int: { zh: '整数', en: 'Whole number' },
  number: { zh: '数字', en: 'Number' },
  date: { zh: '日期，如 2026-11-23', en: 'Date, e.g. 2026-11-23' },
  bool: { zh: '是/否', en: 'yes/no' },
  'id-number': { zh: '18 位身份证号（只保存带密钥的散列，不保存号码本身）', en: '18-character ID number (only a keyed hash is kept, never the number)' },
};

const formatOfCatalogueColumn = (k: CellKind): { zh: string; en: string } => {
  switch (k.type) {
    // What catalogueCode (core/offers/catalogue.ts) takes: it said letters, digits and underscores only.
    case 'code': return { zh: '字母、数字、下划线、点和短横线，以字母或数字开头，最长 40 位', en: 'Letters, digits, underscores, dots and dashes, starting with a letter or digit; at most 40' };
    case 'text':
    case 'long-text': return { zh: `文本，最长 ${k.max} 字`, en: `Text, at most ${k.max} characters` };
    case 'number': return { zh: `数字（${k.min}–${k.max}）`, en: `Number (${k.min}–${k.max})` };
    case 'int': return { zh: `整数（${k.min}–${k.max}）`, en: `Whole number (${k.min}–${k.max})` };
    case 'date': return kindFormat.date;
    case 'bool': return kindFormat.bool;
    case 'category': return { zh: '类别名称', en: 'Category name' };
    case 'channels': return { zh: '渠道名称，多个用顿号隔开', en: 'Channel names, comma-separated' };
    case 'follow-up-kind': return { zh: followUpKinds.map((k) => followUpLabels[k].zh).join(' 或 '), en: followUpKinds.map((k) => followUpLabels[k].en).join(' or ') };
    case 'rules': return { zh: 'JSON 文本', en: 'JSON text' };
  }
};

/** How the screen and a person say "no limit" (the catalogue page shows 不限 for an empty weekly budget). */
const noLimitWords: ReadonlySet<string> = new Set(['不限', '无限', '无限制', '不限量', '不限制', 'unlimited', 'nolimit'].map(normalizeHeader));

/** What each work-list column means and an example (the template's notes sheet). */
const fieldNotes: Record<string, [zh: string, en: string, example: string]> = {
  msisdn: ['客户的手机号码（唯一必填列）', "The customer's mobile number (the only required column)", '13800138000'],
  name: ['客户姓名', 'Customer name', '张伟'],
  id_no: ['证件号码，只用于识别同一客户的多个号码', 'ID number, used only to link lines of one person', '360902199001011234'],
  brand: ['品牌：全球通/动感地带/神州行', 'Brand: 全球通 / 动感地带 / 神州行', '神州行'],
  tier: ['客户级别：钻石卡/金卡/银卡/普通', 'Tier: 钻石卡 / 金卡 / 银卡 / 普通', '金卡'],
  plan_code: ['当前套餐编码（与资费套餐目录一致）', 'Current plan code (as in the plan catalogue)', 'SZX38'],
  plan_name: ['当前套餐名称', 'Current plan name', '神州行畅聊套餐38元'],
  plan_fee: ['当前套餐月费（元）', 'Current plan monthly fee (yuan)', '38'],
  join_date: ['入网日期', 'Date joined', '2018-05-20'],
  tenure_months: ['网龄（月）', 'Tenure in months', '90'],
  region_type: ['区域：城市/县城/农村', 'Region: 城市 / 县城 / 农村', '县城'],
  county: ['所属区县', 'County', '浔阳区'],
  hall: ['归属营业厅', 'Home hall', '浔阳中心营业厅'],
  manager: ['客户经理', 'Account manager', '李娜'],
  arpu_m1: ['三个月前的 ARPU（元）', 'ARPU three months ago (yuan)', '65.5'],
  arpu_m2: ['两个月前的 ARPU（元）', 'ARPU two months ago (yuan)', '62'],
  arpu_m3: ['上月 ARPU（元）', "Last month's ARPU (yuan)", '60'],
  arpu_avg3: ['近三个月平均 ARPU（元）', 'Average ARPU over three months (yuan)', '62.5'],
  arpu_cur: ['当月 ARPU（元）', "This month's ARPU (yuan)", '35.2'],
  mou_avg3: ['近三个月平均通话分钟数', 'Average minutes of use over three months', '320'],
  mou_cur: ['当月通话分钟数', "This month's minutes of use", '150'],
  data_mb_avg3: ['近三个月平均流量（MB）', 'Average data over three months (MB)', '8200'],
  data_mb_cur: ['当月流量（MB）', "This month's data (MB)", '3100'],
  local_min: ['当月本地通话分钟', 'Local minutes this month', '200'],
  long_distance_min: ['当月长途通话分钟', 'Long-distance minutes this month', '60'],
  roaming_min: ['当月漫游通话分钟', 'Roaming minutes this month', '10'],
  roaming_mb: ['当月漫游流量（MB）', 'Roaming data this month (MB)', '500'],
  offnet_ratio_prev: ['上期与异网通话占比（0–1 或百分数）', 'Share of calls to other networks, previous period (0–1 or %)', '20%'],
  offnet_ratio_cur: ['本期与异网通话占比（0–1 或百分数）', 'Share of calls to other networks, this period (0–1 or %)', '45%'],
  competitor_cs_calls_week: ['本周与异网客服通话次数', 'Calls to a competitor’s customer service this week', '2'],
  competitor_contacts: ['异网客户经理接触次数', 'Contacts by a competitor’s account manager', '1'],
  dual_sim: ['双卡标识：无/移动+联通/移动+电信/移动+广电', 'Dual SIM: 无 / 移动+联通 / 移动+电信 / 移动+广电', '移动+电信'],
  forward_offnet: ['是否呼叫转移到异网号码', 'Calls forwarded to another network', '否'],
  status: ['用户状态：正常/停机/欠费停机/预销号/保留期/冷冻期', 'Status: 正常 / 停机 / 欠费停机 / 预销号 / 保留期 / 冷冻期', '正常'],
  suspended_days: ['停机天数', 'Days suspended', '0'],
  balance: ['账户余额（元）', 'Balance (yuan)', '12.5'],
  arrears: ['欠费金额（元）', 'Arrears (yuan)', '0'],
  contract_end: ['合约到期日', 'Contract end date', '2026-12-31'],
  contract_type: ['合约类型', 'Contract type', '存费送费'],
  complaints_90d: ['近 90 天投诉次数', 'Complaints in the last 90 days', '0'],
  handset_model: ['终端型号', 'Handset model', 'HUAWEI nova 12'],
  handset_months: ['终端使用月数', 'Months the handset has been used', '26'],
  handset_smart: ['是否智能机', 'Smartphone', '是'],
  family_members: ['家庭成员数', 'Family members', '3'],
  family_numbers: ['亲情号码个数', 'Family numbers', '2'],
  vnet: ['是否加入集团/家庭 V 网', 'In a group or family V-net', '是'],
  broadband: ['是否办理宽带融合', 'Converged broadband', '否'],
  shred_list: ['是否开通粉碎清单（粘性业务）', 'Shred list taken (a sticky service)', '否'],
  address_book: ['是否开通号簿管家（粘性业务）', 'Address-book manager taken (a sticky service)', '是'],
  message_manager: ['是否开通信息管家（粘性业务）', 'Message manager taken (a sticky service)', '否'],
  m_group: ['是否加入 M 群（粘性业务）', 'In an M-group (a sticky service)', '否'],
  group_apps: ['是否使用集团内部应用（粘性业务）', 'Uses corporate apps (a sticky service)', '否'],
  mobile_mail: ['是否开通手机邮箱（粘性业务）', 'Mobile mailbox taken (a sticky service)', '是'],
  channel_pref: ['渠道偏好', 'Channel preference', '线上'],
  contact_pref: ['接触偏好：外呼/短信/营业厅/上门', 'Contact preference: 外呼 / 短信 / 营业厅 / 上门', '外呼'],
  do_not_disturb: ['是否免打扰（免打扰客户不外呼）', 'Do not disturb (never phoned)', '否'],
  last_marketed: ['最近一次营销日期', 'Last marketed on', '2026-09-01'],
  cancelled_after_open: ['开通业务后又退订的日期（3 个月内不营销）', 'Date a service was opened and then cancelled (no marketing within 3 months)', '2026-10-08'],
  trial_start: ['业务体验开始日期', 'Date a service trial started', '2026-08-01'],
  trial_ordered: ['体验后是否已订购（未订购的 6 个月内不营销）', 'Ordered after the trial (no marketing within 6 months if not)', '否'],
  last_unsubscribed: ['最近一次主动退订日期（1 年内不营销）', 'Last voluntary unsubscribe (no marketing within a year)', '2026-05-20'],
  porting_query_date: ['携号转网资格查询日期（风险信号）', 'Date the customer asked whether the number may be ported out (a risk signal)', '2026-11-15'],
  porting_apply_date: ['携号转网申请日期（申请后不做维系营销）', 'Date the customer applied to port the number out (no retention sales after it)', '2026-11-20'],
  list_name: ['清单名称（一张表含多个清单时填写）', 'List name (when one sheet holds several lists)', '11月合约到期清单'],
  list_type: ['清单类型，如 合约即将到期、双卡、欠费即将停机', 'List type, e.g. 合约即将到期, 双卡, 欠费即将停机', '合约即将到期'],
  period: ['周期/账期', 'Period', '202611'],
  due_date: ['截止日期', 'Due date', '2026-11-30'],
  agent: ['执行人工号：本工作台坐席账号的工号（见“账号”页）', 'Agent ID: an agent account’s id on this desk (see Accounts)', 'A001'],
  churned: ['是否已离网（训练用历史数据）', 'Has left (labelled history for training)', '否'],
  churn_date: ['离网日期', 'Date left', '2026-10-15'],
};

/**
 * Blank workbooks with the right headers for the central side: the header row only, and a second sheet
 * saying what each column means, its format and an example. Work-list templates use the canonical labels the
 * importer knows (so a filled template maps without corrections); history adds the churn label columns.
 */
export function templateSheets(kind: TemplateKind, locale: Locale = 'zh-CN', opts: { agentExample?: string } = {}): SheetSpec[] {
  const en = locale === 'en';
  const notesHeader = en ? ['Column', 'Field', 'Meaning', 'Format', 'Example', 'Required'] : ['列名', '字段', '含义', '格式', '示例', '是否必填'];
  const notesName = en ? 'Notes' : '说明';
  const notesWidths = [22, 20, 60, 36, 40, 10];
  const req = (r: boolean): string => (r ? (en ? 'yes' : '是') : '');

  if (kind === 'offers' || kind === 'plans') {
    const cols = columnsOf(kind);
    const sheet = kind === 'offers' ? offerSheet([], locale) : planSheet([], locale);
    const notes = cols.map((c): CellValue[] => [label(c, locale), c.key, label(c.meaning, locale), label(formatOfCatalogueColumn(c.kind), locale), typeof c.example === 'string' ? c.example : label(c.example, locale), req(c.required ?? false)]);
    return [sheet, { name: notesName, header: notesHeader, rows: notes, widths: notesWidths }];
  }

  const defs = canonicalFields.filter((d) => d.scope !== 'label' || kind === 'history');
  const header = defs.map((d) => (en ? d.en : d.zh));
  const notes = defs.map((d): CellValue[] => {
    const [zh, enMeaning, example] = fieldNotes[d.key] ?? [d.zh, d.en, ''];
    // 执行人: an id of this desk's accounts where the caller knows one (a made-up example left every copied row unassigned).
    const shown = d.key === 'agent' && opts.agentExample ? opts.agentExample : example;
    return [en ? d.en : d.zh, d.key, en ? enMeaning : zh, label(kindFormat[d.kind], locale), shown, req(d.key === 'msisdn')];
  });
  const name = kind === 'history' ? (en ? 'History' : '历史清单') : en ? 'Work list' : '任务工作清单';
  return [
    {
      name,
      header,
      rows: [],
      widths: header.map((h) => Math.max(10, h.length * 2 + 2)),
      // Phone and identity numbers typed or pasted into the template stay text (Excel would show 1.38E+10).
      textColumns: defs.flatMap((d, i) => (d.kind === 'msisdn' || d.kind === 'id-number' ? [i] : [])),
    },
    { name: notesName, header: notesHeader, rows: notes, widths: notesWidths },
  ];
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Reading a file                                                                                              */

/**
 * Catalogues are a few hundred rows; anything much bigger is the wrong file. `unpackedBytes` is the budget for
 * what a zip-based file really inflates to (read/): a full 20,000-row catalogue is a few MB of XML.
 */
export const catalogueLimits = { bytes: 10 * 1024 * 1024, rows: 20_000, columns: 200, sheets: 20, unpackedBytes: 100 * 1024 * 1024 } as const;

export type CatalogueReadResult =
  | { ok: true; rows: unknown[][]; sheet: string }
  | { ok: false; code: MessageCode; params: CellParams };

/**
 * The rows of the sheet that looks most like a `kind` catalogue (a template's notes sheet comes second, and a
 * workbook may hold both catalogues), read by the guarded reader (read/) as every workbook is: size, sheet
 * count, rows and columns per sheet and the real unpacked bytes are checked before and while parsing.
 * Formulas are never evaluated: a cell's cached value is all that is read. The reader has taken off the
 * apostrophe our CSV writer puts before formula-looking text already.
 * `limits` narrows the reader's limits (tests).
 */
export function readCatalogueFile(bytes: Uint8Array, kind: CatalogueKind, limits: Partial<ReadOptions> = {}): CatalogueReadResult {
  let book: WorkbookContents;
  try {
    book = readWorkbook(bytes, {
      maxBytes: catalogueLimits.bytes,
      // A title row or a few notes above the header are allowed for.
      maxRows: catalogueLimits.rows + 20,
      maxColumns: catalogueLimits.columns,
      maxSheets: catalogueLimits.sheets,
      maxUnpackedBytes: catalogueLimits.unpackedBytes,
      ...limits,
    });
  } catch (e) {
    if (e instanceof ExchangeError) return { ok: false, code: e.messageCode, params: e.params };
    throw e;
  }
  let best: { rows: unknown[][]; sheet: SheetInfo; score: number } | null = null;
  for (const sheet of book.sheets) {
    if (sheet.rowCount <= 0) continue;
    const rows = book.rows(sheet.name).map((row) => Array.from(row, (v) => (v === undefined ? null : v)));
    const score = findCatalogueHeader(rows, columnsOf(kind)).score;
    if (!best || score > best.score) best = { rows, sheet, score };
  }
  if (!best) return { ok: false, code: 'file.empty', params: {} };
  // A formula written by a program and never computed reads as empty, and an empty cost or fee is 0: the whole file is
  // refused, as a header problem is, rather than every recommendation misled (docs/import-memory.md "Formulas").
  const uncomputed = best.sheet.uncomputedFormulas;
  if (uncomputed) return { ok: false, code: 'file.formula-without-value', params: { sheet: best.sheet.name, count: uncomputed.count, cell: uncomputed.cell } };
  return { ok: true, rows: best.rows, sheet: best.sheet.name };
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Parsing rows                                                                                                */

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function headerIndex(columns: readonly ColumnDef[]): Map<string, ColumnDef> {
  const index = new Map<string, ColumnDef>();
  for (const c of columns) for (const s of [c.key, c.zh, c.en, ...c.aliases]) if (!index.has(normalizeHeader(s))) index.set(normalizeHeader(s), c);
  return index;
}
const offerHeaderIndex = headerIndex(offerColumns);
const planHeaderIndex = headerIndex(planColumns);
const indexOf = (columns: readonly ColumnDef[]) => (columns === offerColumns ? offerHeaderIndex : planHeaderIndex);

/** The header row among the first rows: the one naming most known columns (a title row may sit above it). */
function findCatalogueHeader(rows: readonly unknown[][], columns: readonly ColumnDef[]): { row: number; score: number } {
  const index = indexOf(columns);
  let best = { row: 0, score: 0 };
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const score = (rows[r] ?? []).filter((v) => typeof v === 'string' && index.has(normalizeHeader(v))).length;
    if (score > best.score) best = { row: r, score };
  }
  return best;
}

interface CellContext {
  row: number;
  index: number;
  header: string;
  def: ColumnDef;
  raw: unknown;
}
type Read = { ok: true; value: unknown } | { ok: false; code: MessageCode; params: CellParams };

const names = (def: ColumnDef) => ({ zh: def.zh, en: def.en });
const fail = (code: MessageCode, params: CellParams): Read => ({ ok: false, code, params });


function longText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = (typeof raw === 'number' ? String(raw) : String(raw))
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u00ad\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[ \t\u00a0\u3000]+\n/g, '\n')
    .trim();
  return s === '' ? null : s;
}

const SEPARATORS = /[、,，;；/|\s]+/;
const channelIndex = new Map<string, OfferChannel>();
for (const c of offerChannels) for (const s of [c, channelLabels[c].zh, channelLabels[c].en, ...channelLabels[c].aliases]) channelIndex.set(normalizeHeader(s), c);
const categoryIndex = new Map<string, OfferCategory>();
for (const c of offerCategories) {
  const l = categoryLabels[c];
  // '合约类' or '合约', 'contract' or 'Contract'.
  for (const s of [c, l.zh, l.en, l.zh.replace(/类$/, '')]) categoryIndex.set(normalizeHeader(s), c);
}
const followUpIndex = new Map<string, FollowUpKind>();
for (const k of followUpKinds) for (const s of [k, followUpLabels[k].zh, followUpLabels[k].en, ...followUpLabels[k].aliases]) followUpIndex.set(normalizeHeader(s), k);
const allowedFollowUps = followUpKinds.map((k) => followUpLabels[k].zh).join('、');
const allowedCategories = offerCategories.map((c) => `${categoryLabels[c].zh} (${c})`).join('、');

function readCell(c: CellContext): Read {
  const { def } = c;
  // The apostrophe our CSV writer puts before formula-looking text was taken off by the reader (read/sheetjs.ts).
  const raw = c.raw;
  const k = def.kind;
  const shown = displayValue(raw);
  const empty = isBlank(raw);
  if (empty && def.required) return fail('catalogue.required', names(def));
  switch (k.type) {
    case 'code': {
      const r = normalizeTextCell(raw);
      if (!r.ok) return fail('catalogue.code', { value: shown });
      // A code is an identifier: a cell that is not blank is the code as written, even a word that elsewhere means
      // "no value" (NONE, NA, NULL) — read as empty, its row would vanish without a word; a dash is refused below.
      const code = r.value ?? (empty ? null : shown.trim());
      if (code === null) return { ok: true, value: null };
      return catalogueCode.safeParse(code).success ? { ok: true, value: code } : fail('catalogue.code', { value: shown });
    }
    case 'text': {
      const r = normalizeTextCell(raw);
      const value = r.ok ? r.value : (r.fallback ?? null);
      if (!r.ok && r.code !== 'text.truncated') return fail('catalogue.required', names(def));
      if (!r.ok || (value !== null && value.length > k.max)) return fail('catalogue.too-long', { ...names(def), max: k.max });
      return { ok: true, value };
    }
    case 'long-text': {
      const value = longText(raw);
      if (value !== null && value.length > k.max) return fail('catalogue.too-long', { ...names(def), max: k.max });
      return { ok: true, value };
    }
    case 'number':
    case 'int': {
      if (k.type === 'int' && k.noLimit && typeof raw === 'string' && noLimitWords.has(normalizeHeader(raw))) return { ok: true, value: null };
      const r = k.type === 'int' ? normalizeIntCell(raw) : normalizeNumberCell(raw);
      if (!r.ok) {
        // A negative whole number is a whole number out of range: "must be a whole number; here it is -3" said nothing.
        const n = normalizeNumberCell(raw);
        if (n.ok && n.value !== null && Number.isInteger(n.value) && n.value < k.min) return fail('catalogue.range', { ...names(def), min: k.min, max: k.max, value: n.value });
        return fail(k.type === 'int' ? 'catalogue.int' : 'catalogue.number', { ...names(def), value: shown });
      }
      if (r.value === null) return { ok: true, value: k.defaultValue ?? null };
      if (r.value < k.min || r.value > k.max) return fail('catalogue.range', { ...names(def), min: k.min, max: k.max, value: r.value });
      return { ok: true, value: r.value };
    }
    case 'date': {
      const r = normalizeDateCell(raw);
      return r.ok ? { ok: true, value: r.value } : fail('catalogue.date', { ...names(def), value: shown });
    }
    case 'bool': {
      const r = normalizeBoolCell(raw);
      if (!r.ok) return fail('catalogue.bool', { ...names(def), value: shown });
      return { ok: true, value: r.value === null ? k.defaultValue : r.value === 1 };
    }
    case 'category': {
      const found = categoryIndex.get(normalizeHeader(String(raw)));
      return found ? { ok: true, value: found } : fail('catalogue.category', { value: shown, allowed: allowedCategories });
    }
    case 'channels': {
      const out: OfferChannel[] = [];
      for (const part of String(raw).split(SEPARATORS)) {
        if (part === '') continue;
        const ch = channelIndex.get(normalizeHeader(part));
        if (!ch) return fail('catalogue.channel', { value: part });
        if (out.includes(ch)) return fail('catalogue.channel-repeated', { value: part });
        out.push(ch);
      }
      return out.length ? { ok: true, value: out } : fail('catalogue.required', names(def));
    }
    case 'follow-up-kind': {
      if (empty) return { ok: true, value: null };
      const found = followUpIndex.get(normalizeHeader(String(raw)));
      return found ? { ok: true, value: found } : fail('catalogue.follow-up-kind', { value: shown, allowed: allowedFollowUps });
    }
    case 'rules': {
      if (empty) return { ok: true, value: {} };
      let json: unknown;
      try {
        json = JSON.parse(String(raw).normalize('NFKC'));
      } catch (e) {
        // Where it goes wrong, in the reader's words: the engine's own message is English ("… at position 52").
        const message = e instanceof Error ? e.message : String(e);
        if (/end of JSON input/u.test(message)) return fail('catalogue.rules-json-cut', {});
        const at = /at position (\d+)/u.exec(message);
        return fail('catalogue.rules-json', { at: at ? Number(at[1]) + 1 : 1 });
      }
      // The condition language's own check: the same refusal, in the same words, as the editor and the contract.
      const r = checkOfferRules(json);
      const first = r.errors[0];
      if (!first) {
        const value = r.value ?? {};
        // The porting rules forbid offers made only for customers porting out (issue 16 #6).
        const porting = portingOnlyCondition(value);
        return porting ? fail(porting.code, porting.params) : { ok: true, value };
      }
      return isMessageCode(first.code) ? fail(first.code, first.params) : fail('catalogue.rules-invalid', { path: first.params.path || '(top)' });
    }
  }
}

/** Why the row-level checks exist beside the zod schema: they say which cell is wrong, in the reader's words. */
function parseRows<T>(
  rows: readonly (readonly unknown[] | undefined)[],
  kind: CatalogueKind,
  build: (values: Record<string, unknown>) => T | null,
  /** Warnings about an imported item (the row is kept), by the column they are about. */
  warningsOf: (item: T) => { key: string; code: MessageCode; params: CellParams }[] = () => [],
): CatalogueParseResult<T> {
  const columns = columnsOf(kind);
  const index = indexOf(columns);
  const issues: CatalogueIssue[] = [];
  const { row: headerRow, score } = findCatalogueHeader(rows as unknown[][], columns);
  const header = (rows[headerRow] ?? []).map((h) => (isBlank(h) ? '' : String(h).trim()));
  const result = (headerOk: boolean, items: T[] = [], read = 0, rejected = 0): CatalogueParseResult<T> => ({ items, issues, headerOk, read, rejected });

  if (score === 0) {
    issues.push({ row: headerRow + 1, column: '', columnLetter: '', field: null, code: kind === 'offers' ? 'catalogue.header.none-offers' : 'catalogue.header.none-plans', params: {}, value: '', severity: 'error' });
    return result(false);
  }

  const mapped: (ColumnDef | null)[] = [];
  const firstAt = new Map<string, number>();
  let fatal = false;
  header.forEach((h, i) => {
    const def = h === '' ? undefined : index.get(normalizeHeader(h));
    if (!def) {
      mapped.push(null);
      if (h !== '') issues.push({ row: headerRow + 1, column: h, columnLetter: columnLetter(i), field: null, code: 'catalogue.header.unknown', params: { column: h }, value: h, severity: 'warning' });
      return;
    }
    const first = firstAt.get(def.key);
    if (first !== undefined) {
      fatal = true;
      issues.push({ row: headerRow + 1, column: h, columnLetter: columnLetter(i), field: def.key, code: 'catalogue.header.duplicate', params: { column: h, other: header[first]!, ...names(def) }, value: h, severity: 'error' });
      mapped.push(null);
      return;
    }
    firstAt.set(def.key, i);
    mapped.push(def);
  });
  for (const def of columns) {
    if (def.required && !firstAt.has(def.key)) {
      fatal = true;
      issues.push({ row: headerRow + 1, column: '', columnLetter: '', field: def.key, code: 'catalogue.header.missing', params: names(def), value: '', severity: 'error' });
    }
  }
  if (fatal) return result(false);

  const items: T[] = [];
  const codeRow = new Map<string, number>();
  let read = 0;
  let rejected = 0;
  for (let r = headerRow + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.every(isBlank)) continue;
    read++;
    const rowNumber = r + 1;
    const values: Record<string, unknown> = {};
    let bad = false;
    const report = (i: number, def: ColumnDef | null, code: MessageCode, params: CellParams, raw: unknown) => {
      bad = true;
      issues.push({ row: rowNumber, column: i >= 0 ? header[i]! : '', columnLetter: i >= 0 ? columnLetter(i) : '', field: def?.key ?? null, code, params, value: displayValue(raw), severity: 'error' });
    };
    // Columns the file lacks read as empty, so their defaults apply and optional ones stay null.
    for (const def of columns) {
      const i = firstAt.get(def.key) ?? -1;
      const raw = i >= 0 ? cells[i] : undefined;
      const got = readCell({ row: rowNumber, index: i, header: i >= 0 ? header[i]! : '', def, raw });
      if (got.ok) values[def.key] = got.value;
      else report(i, def, got.code, got.params, raw);
    }
    if (!bad && typeof values.valid_from === 'string' && typeof values.valid_to === 'string' && values.valid_to < values.valid_from) {
      const i = firstAt.get('valid_to') ?? -1;
      report(i, columns.find((c) => c.key === 'valid_to') ?? null, 'catalogue.dates-order', { value: values.valid_to, other: values.valid_from }, cells[i]);
    }
    // A follow-up is its kind and its days together (issue 17 #4): one without the other is refused at the empty one.
    if (!bad && kind === 'offers' && (values.follow_up_kind === null) !== (values.follow_up_days === null)) {
      const missing = values.follow_up_kind === null ? 'follow_up_kind' : 'follow_up_days';
      const i = firstAt.get(missing) ?? -1;
      report(i, columns.find((c) => c.key === missing) ?? null, 'catalogue.follow-up-incomplete', {}, i >= 0 ? cells[i] : undefined);
    }
    const code = typeof values.code === 'string' ? values.code : null;
    if (!bad && code !== null) {
      const seen = codeRow.get(code);
      if (seen !== undefined) report(firstAt.get('code')!, columns[0]!, 'catalogue.code-repeated', { value: code, other: seen }, code);
    }
    // A script naming another operator is imported, with a warning at its cell (core/offers/porting.ts).
    const named = !bad && typeof values.script === 'string' ? otherOperatorsNamed(values.script) : [];
    if (named.length > 0) {
      const i = firstAt.get('script') ?? -1;
      issues.push({ row: rowNumber, column: i >= 0 ? header[i]! : '', columnLetter: i >= 0 ? columnLetter(i) : '', field: 'script', code: 'offer.script-names-operator', params: { names: named.join('、') }, value: displayValue(values.script), severity: 'warning' });
    }
    const item = bad ? null : build(values);
    if (item === null) {
      rejected++;
      continue;
    }
    if (code !== null) codeRow.set(code, rowNumber);
    items.push(item);
    for (const w of warningsOf(item)) {
      const i = firstAt.get(w.key) ?? -1;
      issues.push({ row: rowNumber, column: i >= 0 ? header[i]! : '', columnLetter: i >= 0 ? columnLetter(i) : '', field: w.key, code: w.code, params: w.params, value: '', severity: 'warning' });
    }
  }
  return result(true, items, read, rejected);
}

/**
 * Offers from a sheet's rows (header row found among the first rows, Chinese or English headers). Every
 * checked cell was already valid, so the schema can only fail on something the cell checks do not cover; such
 * a row is dropped rather than imported half-checked (never expected: the checks mirror the schema).
 */
export function parseOfferRows(
  rows: readonly (readonly unknown[] | undefined)[],
  options: { columns?: ReadonlySet<string> | null } = {},
): CatalogueParseResult<Offer> {
  return parseRows(
    rows,
    'offers',
    (v) => {
      const r = offerSchema.safeParse(v);
      return r.success ? r.data : null;
    },
    // A rule on a column no imported file has brought is imported, with a warning (condition.ts, "Unknown").
    (o) =>
      options.columns
        ? checkOfferRules(o.rules, { columns: options.columns }).warnings.flatMap((w) => (isMessageCode(w.code) ? [{ key: 'rules', code: w.code, params: w.params }] : []))
        : [],
  );
}

export function parsePlanRows(rows: readonly (readonly unknown[] | undefined)[]): CatalogueParseResult<Plan> {
  return parseRows(rows, 'plans', (v) => {
    const r = planSchema.safeParse(v);
    return r.success ? r.data : null;
  });
}
