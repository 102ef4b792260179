/**
 * The audit log in words (docs/product.md §8): a label for every action the backend writes, and the entries' detail JSON
 * as readable text. Shared by the audit page and the audit workbook so both say the same thing in both languages.
 *
 * The log itself stores codes (`action`) and JSON (`detail`), never clear personal data; an action this table
 * does not know (one a newer version wrote) is shown as its code rather than hidden.
 */
import type { AuditEntryView, AuditFilter } from '../api/ops/audit';
import { catalogueFieldLabel } from '../exchange/catalogue';
import type { CellValue, SheetSpec } from '../exchange/write';
import { localTimeFormatter } from '../exchange/outcomes';
import { riskSettingLabel } from '../i18n/risk-setting-labels';
import { contactSettingLabel } from '../i18n/contact-setting-labels';
import { analysisKinds, type AnalysisDimension, type AnalysisKind } from '../report/analysis';
import { analysisDimensionLabels, analysisKindLabels } from '../report/analysis-workbook';
import { checkSegmentCondition } from '../segments/segment';
import type { SettingChange } from '../setting-changes';
import { conditionText } from '../segments/words';
import { formatMessage } from '../i18n';
import { listTypeLabels, type ListType } from '../worklist/fields';

type Locale = 'zh-CN' | 'en';
type Label = { zh: string; en: string };

/** Every action written with writeAudit (grep "action:" under electron/): add a line when adding one. */
export const auditActionLabels = {
  'sign-in': { zh: '登录', en: 'Signed in' },
  'sign-in-failed': { zh: '登录失败（工号或 PIN 错误）', en: 'Sign-in failed' },
  'sign-in-locked': { zh: 'PIN 错误过多，工号锁定', en: 'Locked: too many wrong PINs' },
  'sign-out': { zh: '退出登录', en: 'Signed out' },
  'supervisor-created': { zh: '创建首个主管账号', en: 'First supervisor created' },
  'agent-create': { zh: '新建账号', en: 'Account created' },
  'agent-update': { zh: '修改账号', en: 'Account changed' },
  'agent-reset-pin': { zh: '重置 PIN', en: 'PIN reset' },
  'customer-reveal': { zh: '查看客户完整号码和姓名', en: 'Customer details revealed' },
  'contact-refusal-lift': { zh: '撤销客户的要求勿扰', en: 'Customer’s request not to be contacted lifted' },
  'workspace-restore': { zh: '从备份恢复工作区', en: 'Workspace restored from a backup' },
  'customer-lookup-many': { zh: '一小时内查询号码过多', en: 'Many number look-ups in an hour' },
  'customer-lookup-throttled': { zh: '查询过于频繁，已暂停查询', en: 'Look-ups paused: too many too fast' },
  'worklist-import': { zh: '导入工作清单', en: 'Work list imported' },
  'worklist-close': { zh: '关闭工作清单', en: 'Work list closed' },
  'worklist-set-due': { zh: '修改清单截止日期', en: 'Work list due date changed' },
  'task-assign': { zh: '分配任务', en: 'Tasks assigned' },
  'outcome-export': { zh: '导出结果文件', en: 'Outcome file exported' },
  'outcome-merge': { zh: '合并结果文件', en: 'Outcome files merged' },
  'report-weekly': { zh: '导出维系报表', en: 'Result workbook exported' },
  'analysis-export': { zh: '导出分析报表', en: 'Analysis workbook exported' },
  'offer-create': { zh: '新增维系政策', en: 'Offer added' },
  'offer-update': { zh: '修改维系政策', en: 'Offer changed' },
  'offer-restore': { zh: '恢复维系政策的旧版本', en: 'Offer rolled back to an earlier version' },
  'segment-save': { zh: '保存客户群', en: 'Segment saved' },
  'segment-delete': { zh: '删除客户群', en: 'Segment deleted' },
  'segment-rename': { zh: '客户群改名', en: 'Segment renamed' },
  'campaign-save': { zh: '保存挽留活动', en: 'Campaign saved' },
  'campaign-delete': { zh: '删除挽留活动', en: 'Campaign deleted' },
  'campaign-run': { zh: '运行挽留活动', en: 'Campaign run' },
  'group-save': { zh: '保存坐席组', en: 'Agent group saved' },
  'group-delete': { zh: '删除坐席组', en: 'Agent group deleted' },
  'target-save': { zh: '设置周目标', en: 'Weekly target set' },
  'plan-create': { zh: '新增资费套餐', en: 'Tariff plan added' },
  'plan-update': { zh: '修改资费套餐', en: 'Tariff plan changed' },
  'catalogue-import': { zh: '导入政策或资费目录', en: 'Offers or plans imported' },
  'catalogue-export': { zh: '导出政策或资费目录', en: 'Offers or plans exported' },
  'task-open-callback': { zh: '因预约回访开出任务', en: 'Task opened for a call-back' },
  'risk-config-save': { zh: '保存风险规则', en: 'Risk rules saved' },
  'risk-config-activate': { zh: '切换风险规则版本', en: 'Risk rules version switched' },
  'contact-policy-save': { zh: '保存联系规则', en: 'Contact rules saved' },
  'contact-policy-activate': { zh: '切换联系规则版本', en: 'Contact rules version switched' },
  'model-train': { zh: '训练离网模型', en: 'Churn model trained' },
  'model-activate': { zh: '切换在用离网模型', en: 'Active churn model changed' },
  'model-predict': { zh: '用模型给文件评分', en: 'File scored with the model' },
  'worklist-issues-export': { zh: '导出清单问题行', en: 'Import problem rows exported' },
  'workspace-demo-seeded': { zh: '生成演示数据', en: 'Demo workspace created' },
  'retention-save': { zh: '修改数据保留期', en: 'Data retention changed' },
  'retention-purge': { zh: '清除过期清单的个人数据', en: 'Expired lists purged' },
  'backup-failed': { zh: '每日备份失败（过期数据的清除也顺延）', en: 'Daily backup failed (the purge of expired data waits too)' },
  'audit-export': { zh: '导出审计日志', en: 'Audit log exported' },
} as const satisfies Record<string, Label>;

export type KnownAuditAction = keyof typeof auditActionLabels;
export const knownAuditActions = Object.keys(auditActionLabels) as KnownAuditAction[];

/** The table's word for a key in the reader's language, or the key itself when the table has none (own keys only). */
const word = (table: Readonly<Record<string, Label>>, key: string, locale: Locale): string =>
  Object.prototype.hasOwnProperty.call(table, key) ? (locale === 'en' ? table[key]!.en : table[key]!.zh) : key;

export function auditActionLabel(locale: Locale, action: string): string {
  return word(auditActionLabels, action, locale);
}

/** Names of the detail keys the actions write; any other key is shown as itself. */
const detailKeyLabels: Record<string, Label> = {
  lists: { zh: '清单', en: 'lists' },
  listId: { zh: '清单编号', en: 'list id' },
  imported: { zh: '导入', en: 'imported' },
  updated: { zh: '更新', en: 'updated' },
  unchanged: { zh: '未变化', en: 'unchanged' },
  rejected: { zh: '拒收', en: 'rejected' },
  read: { zh: '读取行数', en: 'rows read' },
  fileName: { zh: '文件', en: 'file' },
  files: { zh: '文件数', en: 'files' },
  codes: { zh: '编码', en: 'codes' },
  callbackAt: { zh: '回访时间', en: 'call-back at' },
  attemptsNew: { zh: '新增接触', en: 'new attempts' },
  feedbackNew: { zh: '新增反馈', en: 'new feedback' },
  notesNew: { zh: '新增经验', en: 'new notes' },
  liftsNew: { zh: '撤销勿扰', en: 'do-not-call lifted' },
  reason: { zh: '原因', en: 'reason' },
  liftedBy: { zh: '撤销人', en: 'lifted by' },
  liftedAt: { zh: '撤销时间', en: 'lifted at' },
  keptAs: { zh: '原工作区保存为', en: 'the workspace before kept as' },
  merged: { zh: '来自合并的结果文件', en: 'from a merged outcome file' },
  problem: { zh: '原因', en: 'problem' },
  tasksRecomputed: { zh: '重算任务', en: 'tasks recomputed' },
  from: { zh: '从', en: 'from' },
  formerName: { zh: '原名', en: 'formerly' },
  to: { zh: '到', en: 'to' },
  attempts: { zh: '接触记录', en: 'attempts' },
  feedback: { zh: '客户反馈', en: 'feedback' },
  notes: { zh: '经验分享', en: 'notes' },
  protected: { zh: '加密', en: 'password-protected' },
  locale: { zh: '语言', en: 'language' },
  mode: { zh: '方式', en: 'mode' },
  assigned: { zh: '已分配', en: 'assigned' },
  unmatched: { zh: '未匹配', en: 'unmatched' },
  method: { zh: '方法', en: 'method' },
  auc: { zh: 'AUC', en: 'AUC' },
  subscribers: { zh: '客户', en: 'subscribers' },
  name: { zh: '名称', en: 'name' },
  role: { zh: '角色', en: 'role' },
  hall: { zh: '营业厅', en: 'hall' },
  active: { zh: '启用', en: 'active' },
  closedTasks: { zh: '关闭任务', en: 'tasks closed' },
  keptOpen: { zh: '保留在办', en: 'kept open' },
  tasksMoved: { zh: '调整任务', en: 'tasks moved' },
  reopened: { zh: '重新打开', en: 'reopened' },
  expired: { zh: '已过期', en: 'expired' },
  days: { zh: '保留天数', en: 'days kept' },
  before: { zh: '原值', en: 'before' },
  previous: { zh: '原版本', en: 'previous version' },
  version: { zh: '恢复的版本', en: 'version restored' },
  cutoff: { zh: '截止日期早于', en: 'due before' },
  trigger: { zh: '触发方式', en: 'started by' },
  kept: { zh: '仍在其他清单', en: 'kept (on other lists)' },
  tasks: { zh: '任务（去标识）', en: 'tasks de-identified' },
  rows: { zh: '行数', en: 'rows' },
  filters: { zh: '筛选', en: 'filters' },
  actions: { zh: '操作', en: 'actions' },
  agentId: { zh: '工号', en: 'agent' },
  text: { zh: '关键字', en: 'text' },
  changed: { zh: '修改项', en: 'changed' },
  // What a save changed, from what to what (an offer's or a plan's fields: core/setting-changes.ts SettingChange).
  changes: { zh: '修改', en: 'changed' },
  lookupsThisHour: { zh: '本小时查询次数', en: 'look-ups this hour' },
  agentIds: { zh: '成员', en: 'members' },
  groupId: { zh: '坐席组编号', en: 'group id' },
  // task-assign: the tasks that changed hands, by who got them and who had them
  assignedTo: { zh: '分给', en: 'assigned to' },
  takenFrom: { zh: '原负责', en: 'taken from' },
  week: { zh: '周', en: 'week' },
  contacts: { zh: '接触目标', en: 'contacts target' },
  successes: { zh: '成功目标', en: 'successes target' },
  // campaigns (campaign-save, campaign-run)
  id: { zh: '编号', en: 'id' },
  schedule: { zh: '运行方式', en: 'runs' },
  enabled: { zh: '自动运行', en: 'runs on its own' },
  listType: { zh: '清单类型', en: 'list type' },
  condition: { zh: '条件', en: 'condition' },
  customers: { zh: '客户', en: 'customers' },
  newTasks: { zh: '新任务', en: 'new tasks' },
  joined: { zh: '并入已有任务', en: 'joined open tasks' },
  excluded: { zh: '排除', en: 'excluded' },
  // model-train
  cvAuc: { zh: '交叉验证 AUC', en: 'cross-validated AUC' },
  // analysis-export
  drill: { zh: '下钻', en: 'drill-down' },
  period: { zh: '期间', en: 'period' },
  county: { zh: '区县', en: 'county' },
};

/** Words for a few coded values the details carry. */
const valueLabels: Record<string, Label> = {
  daily: { zh: '每日自动', en: 'daily, automatic' },
  once: { zh: '只运行一次', en: 'once' },
  // how a campaign run was started (campaign-run trigger)
  import: { zh: '导入清单后', en: 'after an import' },
  manual: { zh: '手动', en: 'by hand' },
  cli: { zh: '命令行', en: 'command line' },
  agent: { zh: '坐席', en: 'agent' },
  supervisor: { zh: '主管', en: 'supervisor' },
  // the language of an export
  'zh-CN': { zh: '中文', en: 'Chinese' },
  en: { zh: '英文', en: 'English' },
  // how tasks were assigned (task-assign mode)
  evenly: { zh: '平均分配', en: 'evenly' },
  'by-column': { zh: '按清单中的执行人列', en: 'by the file’s agent column' },
  to: { zh: '全部给一人', en: 'all to one agent' },
  group: { zh: '平均分给坐席组成员', en: 'evenly to a group’s members' },
  callback: { zh: '无人负责的任务，归预约回访的坐席', en: 'an unassigned task, to the agent who booked a call-back' },
  // a target for every week (target-save week)
  'every-week': { zh: '每周', en: 'every week' },
  // channels (offers)
  phone: { zh: '外呼', en: 'phone' },
  sms: { zh: '短信', en: 'SMS' },
  hall: { zh: '营业厅', en: 'hall' },
  visit: { zh: '上门', en: 'visit' },
  // model methods
  logistic: { zh: '逻辑回归', en: 'logistic regression' },
  gbdt: { zh: '梯度提升树', en: 'gradient-boosted trees' },
  blend: { zh: '逻辑回归与梯度提升树的组合', en: 'blend of logistic regression and boosted trees' },
};

/** An instant (UTC ISO) as the reader's local wall-clock time; null when it cannot say. */
type LocalTime = (iso: string) => string | null;

/** A value by what its key says it is: a list type by its name; else the words above. */
function valueWords(locale: Locale, key: string, value: unknown, localTime?: LocalTime): string | null {
  if (key === 'listType' && typeof value === 'string' && Object.prototype.hasOwnProperty.call(listTypeLabels, value)) {
    const l = listTypeLabels[value as ListType];
    return locale === 'en' ? l.en : l.zh;
  }
  // An instant another desk recorded (a merged lift's time): in the reader's local time where the caller gives it (the
  // page, the workbook), else said to be UTC rather than passing for local time.
  if ((key === 'liftedAt' || key === 'callbackAt') && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value))
    return localTime?.(value) ?? `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
  // Tasks by agent (task-assign): "A003（2 个）、未分配（1 个）", an empty id being nobody.
  if ((key === 'assignedTo' || key === 'takenFrom') && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const en = locale === 'en';
    const parts = Object.entries(value as Record<string, unknown>).map(([agent, n]) => {
      const who = agent === '' ? (en ? 'unassigned' : '未分配') : agent;
      return en ? `${who} (${String(n)})` : `${who}（${String(n)} 个）`;
    });
    return parts.length === 0 ? '—' : parts.join(en ? ', ' : '、');
  }
  // A campaign's condition as it reads on the campaigns page, not its JSON; one that does not check is shown as saved.
  if (key === 'condition' && typeof value === 'object' && value !== null) {
    const checked = checkSegmentCondition(value);
    if (checked.value && checked.errors.length === 0) return conditionText(locale, checked.value);
  }
  return null;
}

/** The settings or fields a save changed (`changed`), named as the page that edits them names them. */
function changedLabel(locale: Locale, action: string | undefined, path: string): string {
  if (action === 'risk-config-save') return riskSettingLabel(locale, path);
  if (action === 'contact-policy-save') return contactSettingLabel(locale, path);
  if (action === 'offer-update' || action === 'offer-create' || action === 'offer-restore') return catalogueFieldLabel('offers', path, locale);
  if (action === 'plan-update' || action === 'plan-create') return catalogueFieldLabel('plans', path, locale);
  return path;
}

/** A detail key's name: an offer's or plan's own fields by their column names, else the table above. */
function keyLabel(locale: Locale, action: string | undefined, key: string): string {
  if (action?.startsWith('offer-')) {
    const l = catalogueFieldLabel('offers', key, locale);
    if (l !== key) return l;
  }
  if (action?.startsWith('plan-')) {
    const l = catalogueFieldLabel('plans', key, locale);
    if (l !== key) return l;
  }
  return word(detailKeyLabels, key, locale);
}

function formatValue(locale: Locale, value: unknown, depth: number): string {
  const en = locale === 'en';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? (en ? 'yes' : '是') : en ? 'no' : '否';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString(en ? 'en' : 'zh-CN') : String(Math.round(value * 1000) / 1000);
  if (typeof value === 'string') return word(valueLabels, value, locale);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => formatValue(locale, v, depth + 1)).join(en ? ', ' : '、');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // A flat object of known keys (an export's filters) reads as words; deeper shapes (an offer's rules) stay compact.
    const flat = entries.every(([k, v]) => Object.prototype.hasOwnProperty.call(detailKeyLabels, k) && (v === null || typeof v !== 'object' || Array.isArray(v)));
    if (depth > 1 || !flat) return JSON.stringify(value);
    if (entries.length === 0) return '—';
    return `(${entries.map(([k, v]) => `${word(detailKeyLabels, k, locale)}${en ? ': ' : '：'}${formatValue(locale, v, depth + 1)}`).join(en ? ', ' : '，')})`;
  }
  return String(value);
}

/** Longest a changed value is shown (an offer's script): the page shows three lines, and the cost after two scripts was cut off. The whole text is in the offer's versions. */
const CHANGED_VALUE_MAX = 24;

/**
 * An offer's rules in words, stage by stage ("可推荐条件：家庭成员数 ≥ 3；不宜推荐条件：欠费 > 0"), as the campaigns page words a
 * condition; null when they do not read as rules. Their JSON, cut at CHANGED_VALUE_MAX, said nothing (found by a new
 * supervisor).
 */
export function offerRulesText(locale: Locale, rules: unknown): string | null {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) return null;
  const parts: string[] = [];
  for (const stage of ['eligible', 'notIf', 'unsuitableIf'] as const) {
    const conditions = (rules as Record<string, unknown>)[stage];
    if (conditions === undefined || (Array.isArray(conditions) && conditions.length === 0)) continue;
    const checked = checkSegmentCondition({ all: conditions });
    if (!checked.value || checked.errors.length > 0) return null;
    parts.push(`${formatMessage(locale, `rule.stage.${stage}`)}${locale === 'en' ? ': ' : '：'}${conditionText(locale, checked.value)}`);
  }
  return parts.length === 0 ? formatMessage(locale, 'rule.words.everyone') : parts.join(locale === 'en' ? '; ' : '；');
}

/** "话术 旧 → 新；成本 100 → 105": each changed setting by its page's name, its value before and after. */
function changesText(locale: Locale, action: string | undefined, changes: readonly SettingChange[]): string {
  if (changes.length === 0) return '—';
  const shown = (path: string, v: unknown) => {
    // An offer's rules in words, whole: what a supervisor compares (a cut JSON told nothing).
    const rules = path === 'rules' && (action?.startsWith('offer-') ?? false) ? offerRulesText(locale, v) : null;
    if (rules !== null) return rules;
    const text = formatValue(locale, v, 2);
    return text.length > CHANGED_VALUE_MAX ? `${text.slice(0, CHANGED_VALUE_MAX - 1)}…` : text;
  };
  return changes.map((c) => `${changedLabel(locale, action, c.path)} ${shown(c.path, c.before)} → ${shown(c.path, c.after)}`).join(locale === 'en' ? '; ' : '；');
}

/**
 * What a catalogue import changes in one offer or plan, as its audit entry says it ("成本(元) 30 → 35；话术 …"): the
 * import's check shows it before anything is written.
 */
export const catalogueChangesText = (locale: Locale, kind: 'offers' | 'plans', changes: readonly SettingChange[]): string =>
  changesText(locale, kind === 'offers' ? 'offer-update' : 'plan-update', changes);

/**
 * An entry's detail as one line of text: "key: value · key: value", keys in the reader's language, lists joined,
 * yes/no for flags. Detail that is not an object (an older entry, a bare value) is shown as it is. `localTime`: how
 * the page or the workbook shows an instant in the reader's zone (a merged lift's time); without, it is said in UTC.
 */
export function formatAuditDetail(locale: Locale, detail: unknown, action?: string, localTime?: LocalTime): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return formatValue(locale, detail, 1);
  const en = locale === 'en';
  const sep = en ? ', ' : '、';
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => {
      const shown =
        k === 'changed' && Array.isArray(v)
          ? v.length === 0
            ? '—'
            : v.map((p) => changedLabel(locale, action, String(p))).join(sep)
          : k === 'changes' && Array.isArray(v)
            ? changesText(locale, action, v as SettingChange[])
            : (valueWords(locale, k, v, localTime) ?? formatValue(locale, v, 1));
      return `${keyLabel(locale, action, k)}${en ? ': ' : '：'}${shown}`;
    })
    .join(' · ');
}

/**
 * What an entry acted on, in words. Targets are stored as language-neutral codes ("list 12", "5 tasks", "v3",
 * "none" for no model); a name or a masked number is shown as it is. `name`: a numbered list's name, where known.
 */
export function formatAuditTarget(locale: Locale, action: string, target: string | null, name?: string | null): string | null {
  if (target === null) return null;
  const en = locale === 'en';
  const list = /^list (\d+)$/u.exec(target);
  if (list) return (en ? `list ${list[1]}` : `清单 ${list[1]}`) + (name ? (en ? ` “${name}”` : `「${name}」`) : '');
  // A task, with its customer's masked number where known (an opened call-back's "task 1085" named no one).
  const task = /^task (\d+)$/u.exec(target);
  if (task) return (en ? `task ${task[1]}` : `任务 ${task[1]}`) + (name ? (en ? ` (${name})` : `（${name}）`) : '');
  const tasks = /^(\d+) tasks$/u.exec(target);
  if (tasks) return en ? `${tasks[1]} ${tasks[1] === '1' ? 'task' : 'tasks'}` : `${tasks[1]} 个任务`;
  const scope = /^(group|agent|campaign) (.+)$/u.exec(target);
  if (scope && (action.startsWith('group-') || action === 'target-save')) {
    const kind = { group: { zh: '坐席组', en: 'group' }, agent: { zh: '坐席', en: 'agent' }, campaign: { zh: '活动', en: 'campaign' } }[scope[1] as 'group' | 'agent' | 'campaign'];
    return `${en ? kind.en : kind.zh} ${scope[2]}` + (name ? (en ? ` “${name}”` : `「${name}」`) : '');
  }
  const version = /^v(\d+)$/u.exec(target);
  if (version) return en ? `version ${version[1]}` : `第 ${version[1]} 版`;
  if (action === 'model-activate' && target === 'none') return en ? 'no model (rule score only)' : '不用模型（仅规则评分）';
  // An analysis workbook: its kind and grouping ("predicted/county" → 预测离网 · 按区县), or the four kinds ("all/hall").
  const analysis = action === 'analysis-export' ? /^([a-z]+)\/([a-zA-Z]+)$/u.exec(target) : null;
  if (analysis && (analysis[1] === 'all' || Object.prototype.hasOwnProperty.call(analysisKindLabels, analysis[1]!)) && Object.prototype.hasOwnProperty.call(analysisDimensionLabels, analysis[2]!)) {
    const kinds = analysis[1] === 'all' ? analysisKinds.map((k) => analysisKindLabels[k]) : [analysisKindLabels[analysis[1] as AnalysisKind]];
    const by = analysisDimensionLabels[analysis[2] as AnalysisDimension];
    const enKinds = kinds.map((k, i) => (i === 0 ? k.en : k.en.toLowerCase()));
    const enList = enKinds.length > 1 ? `${enKinds.slice(0, -1).join(', ')} and ${enKinds.at(-1)!}` : enKinds[0]!;
    return en ? `${enList} by ${by.en.toLowerCase()}` : `${kinds.map((k) => k.zh).join('、')} · 按${by.zh}`;
  }
  return target;
}

/**
 * The audit workbook: one sheet, local times, who (id and name; the command line and the system have no id),
 * the action in words and as its code, the target and the detail as text. Every cell goes through the writer,
 * which keeps text that looks like a formula as text (docs/product.md §8).
 */
export function auditSheet(rows: Iterable<AuditEntryView>, opts: { locale: Locale; timeZone: string }): SheetSpec {
  const en = opts.locale === 'en';
  const local = localTimeFormatter(opts.timeZone);
  const h = (zh: string, e: string) => (en ? e : zh);
  const system = h('系统 / 命令行', 'System / command line');
  return {
    name: h('审计日志', 'Audit log'),
    header: [h('时间', 'Time'), h('工号', 'Agent id'), h('姓名', 'Name'), h('操作', 'Action'), h('对象', 'Target'), h('详情', 'Detail'), h('操作代码', 'Action code'), h('序号', 'Entry')],
    rows: (function* () {
      for (const r of rows) {
        yield [
          local(r.at), r.agentId ?? system, r.agentName, auditActionLabel(opts.locale, r.action), formatAuditTarget(opts.locale, r.action, r.target, r.targetName),
          formatAuditDetail(opts.locale, r.detail, r.action, local), r.action, r.id,
        ] satisfies CellValue[];
      }
    })(),
    widths: [20, 10, 10, 26, 24, 80, 20, 9],
    dateColumns: [0],
    autoFilter: true,
  };
}

/** Whether an audit export was made with any filter: a filtered one says so in its name and on a sheet of its filters. */
export const auditFiltered = (f: AuditFilter): boolean => Boolean(f.from || f.to || f.agentId || f.actions?.length || f.text);

/**
 * The filters an audit export was made with, as a second sheet: a filtered export handed upward as "the audit log"
 * read as the whole of it (found by a new supervisor). `text` as it is to be shown (masked where it held a number).
 */
export function auditFilterSheet(f: AuditFilter, rows: number, opts: { locale: Locale }): SheetSpec {
  const en = opts.locale === 'en';
  const h = (zh: string, e: string) => (en ? e : zh);
  const lines: [string, CellValue][] = [];
  if (f.from || f.to) {
    const dates = f.from && f.to ? h(`${f.from} 至 ${f.to}`, `${f.from} to ${f.to}`) : f.from ? h(`${f.from} 起`, `from ${f.from}`) : h(`至 ${f.to!}`, `to ${f.to!}`);
    lines.push([h('日期', 'Dates'), dates]);
  }
  if (f.agentId) lines.push([h('工号', 'Agent id'), f.agentId]);
  if (f.actions?.length) lines.push([h('操作', 'Actions'), f.actions.map((a) => auditActionLabel(opts.locale, a)).join(en ? ', ' : '、')]);
  if (f.text) lines.push([h('包含文字', 'Text'), f.text]);
  lines.push([h('条数', 'Entries'), rows]);
  return { name: h('筛选条件', 'Filters'), header: [h('筛选条件', 'Filter'), h('值', 'Value')], rows: lines, widths: [12, 60], textColumns: [1] };
}
