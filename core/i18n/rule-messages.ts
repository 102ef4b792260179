/**
 * What the condition language (core/rules/condition.ts) says when a rule is refused or saved with a warning.
 * Every message names the place: `{stage}` (shown as the stage's name, `rule.stage.*`), `{n}` (the condition's
 * number, "2 › 1" inside an any-group) and `{path}` (its JSON path); `{field}` is the field (shown by its label)
 * or the column header; `{valueType}` is shown as `rule.type.*`. Chinese is the reference; English has the same
 * keys and placeholders (checked below).
 */
import type { Placeholders } from './plural';

export const ruleMessagesZh = {
  'rule.stage.eligible': '可推荐条件',
  'rule.stage.notIf': '不适用条件',
  'rule.stage.unsuitableIf': '不宜推荐条件',
  'rule.stage.all': '客户群条件',
  'rule.type.number': '数值',
  'rule.type.date': '日期',
  'rule.type.text': '文本',
  'rule.type.yes-no': '是/否',

  'rule.not-object': '规则应为一个对象，例如 {"eligible": [ … ]}',
  'rule.stage-unknown': '不认识的条件组“{key}”（可用：{allowed}）',
  'rule.not-array': '{stage}（{path}）应为条件列表',
  'rule.too-many-in-stage': '{stage}（{path}）最多 {max} 条',
  'rule.shape': '{stage}第 {n} 条（{path}）：不是条件（应含 field、column、tag、list 或 any 之一）',
  'rule.unknown-key': '{stage}第 {n} 条（{path}）：不认识的键“{key}”（可用：{allowed}）',
  'rule.any-empty': '{stage}第 {n} 条（{path}）：“任一满足”至少要有一个条件',
  'rule.too-many': '{stage}第 {n} 条（{path}）：“任一满足”最多 {max} 个条件',
  'rule.too-deep': '{stage}第 {n} 条（{path}）：“任一满足”最多嵌套 {max} 层',
  'rule.tag': '{stage}第 {n} 条（{path}）：标签“{value}”不是有效的标签代码（小写字母、数字、下划线）',
  'rule.present': '{stage}第 {n} 条（{path}）：present 只能是 true 或 false',
  'rule.list': '{stage}第 {n} 条（{path}）：没有“{value}”这种清单类型（可用：{allowed}）',
  'rule.column': '{stage}第 {n} 条（{path}）：列名“{value}”无效（1–100 个字符）',
  'rule.field-unknown': '{stage}第 {n} 条（{path}）：没有“{field}”这个字段（导入文件里的其他列请写 "column": "列名"）',
  'rule.op': '{stage}第 {n} 条（{path}）：{field}的比较方式“{op}”无效（可用：{allowed}）',
  'rule.op-for-type': '{stage}第 {n} 条（{path}）：{field}是{valueType}，不能用“{op}”比较',
  'rule.value-missing': '{stage}第 {n} 条（{path}）：{field}“{op}”缺少比较值',
  'rule.value-unexpected': '{stage}第 {n} 条（{path}）：{field}“{op}”不需要比较值',
  'rule.want.number': '{stage}第 {n} 条（{path}）：{field}“{op}”的比较值应为数值，而不是 {value}',
  'rule.want.date': '{stage}第 {n} 条（{path}）：{field}“{op}”的比较值应为日期（如 2026-12-31），而不是 {value}',
  'rule.want.yes-no': '{stage}第 {n} 条（{path}）：{field}是“是/否”字段，比较值应为 true/false（或 1/0），而不是 {value}',
  'rule.want.scalar': '{stage}第 {n} 条（{path}）：{field}“{op}”的比较值应为文本、数值或 true/false，而不是 {value}',
  'rule.want.list': '{stage}第 {n} 条（{path}）：{field}“{op}”的比较值应为非空的值列表，而不是 {value}',
  'rule.want.range': '{stage}第 {n} 条（{path}）：{field}“{op}”的比较值应为天数范围 [最少, 最多]（0–36500 的整数），而不是 {value}',
  'rule.value-allowed': '{stage}第 {n} 条（{path}）：{field}没有“{value}”这个值（可用：{allowed}）',
  'rule.too-long': '{stage}第 {n} 条（{path}）：{field}的比较值最长 {max} 个字符',
  'rule.too-many-values': '{stage}第 {n} 条（{path}）：{field}最多列 {max} 个值',
  'rule.column-absent': '{stage}第 {n} 条（{path}）：本工作区还没有导入过“{field}”这一列，在导入前此条件按“未知”处理（不会成立）',
  'rule.tag-unknown': '{stage}第 {n} 条（{path}）：没有“{value}”这个客户标签，此条件不会选中任何客户',

  // Derived fields' names (condition.ts derivedFields), shown where a message names the field.
  'rule.field.risk_level': '规则等级',
  'rule.field.risk_score': '风险评分',
  'rule.field.p_churn': '离网概率',

  // A condition in words (core/segments/words.ts), where it is shown as the supervisor's own, not a customer's figures.
  'rule.words.gt': '{field} > {value}',
  'rule.words.ge': '{field} ≥ {value}',
  'rule.words.lt': '{field} < {value}',
  'rule.words.le': '{field} ≤ {value}',
  'rule.words.eq': '{field}为 {value}',
  'rule.words.ne': '{field}不是 {value}',
  'rule.words.in': '{field}为 {value} 之一',
  'rule.words.not-in': '{field}不是 {value}',
  'rule.words.present': '已知{field}',
  'rule.words.empty': '没有{field}',
  'rule.words.days-ago': '{field}在 {min}–{max} 天前',
  'rule.words.days-until': '{field}在 {min}–{max} 天内到来',
  'rule.words.yes': '{field}为“是”',
  'rule.words.no': '{field}为“否”',
  'rule.words.or': ' 或 ',
  'rule.words.and': '；',
  'rule.words.everyone': '全部客户',
} as const;

export type RuleMessageCode = keyof typeof ruleMessagesZh;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const ruleMessagesEn = {
  'rule.stage.eligible': 'Eligible when',
  'rule.stage.notIf': 'Does not apply when',
  'rule.stage.unsuitableIf': 'Unsuitable when',
  'rule.stage.all': 'Segment condition',
  'rule.type.number': 'a number',
  'rule.type.date': 'a date',
  'rule.type.text': 'text',
  'rule.type.yes-no': 'yes/no',

  'rule.not-object': 'Rules must be an object, e.g. {"eligible": [ … ]}',
  'rule.stage-unknown': 'Unknown condition group "{key}" (allowed: {allowed})',
  'rule.not-array': '{stage} ({path}) must be a list of conditions',
  'rule.too-many-in-stage': '{stage} ({path}): at most {max} {max|condition|conditions}',
  'rule.shape': '{stage}, condition {n} ({path}): not a condition (needs field, column, tag, list or any)',
  'rule.unknown-key': '{stage}, condition {n} ({path}): unknown key "{key}" (allowed: {allowed})',
  'rule.any-empty': '{stage}, condition {n} ({path}): "any of" needs at least one condition',
  'rule.too-many': '{stage}, condition {n} ({path}): "any of" takes at most {max} {max|condition|conditions}',
  'rule.too-deep': '{stage}, condition {n} ({path}): "any of" nests at most {max} levels',
  'rule.tag': '{stage}, condition {n} ({path}): "{value}" is not a tag code (lower-case letters, digits, underscores)',
  'rule.present': '{stage}, condition {n} ({path}): present must be true or false',
  'rule.list': '{stage}, condition {n} ({path}): there is no list type "{value}" (allowed: {allowed})',
  'rule.column': '{stage}, condition {n} ({path}): column name "{value}" is not valid (1–100 characters)',
  'rule.field-unknown': '{stage}, condition {n} ({path}): there is no field "{field}" (other columns of imported files: "column": "header")',
  'rule.op': '{stage}, condition {n} ({path}): "{op}" is not a comparison for {field} (allowed: {allowed})',
  'rule.op-for-type': '{stage}, condition {n} ({path}): {field} is {valueType} and cannot be compared with "{op}"',
  'rule.value-missing': '{stage}, condition {n} ({path}): {field} "{op}" needs a value',
  'rule.value-unexpected': '{stage}, condition {n} ({path}): {field} "{op}" takes no value',
  'rule.want.number': '{stage}, condition {n} ({path}): {field} "{op}" needs a number, not {value}',
  'rule.want.date': '{stage}, condition {n} ({path}): {field} "{op}" needs a date (e.g. 2026-12-31), not {value}',
  'rule.want.yes-no': '{stage}, condition {n} ({path}): {field} is yes/no; the value must be true/false (or 1/0), not {value}',
  'rule.want.scalar': '{stage}, condition {n} ({path}): {field} "{op}" needs text, a number or true/false, not {value}',
  'rule.want.list': '{stage}, condition {n} ({path}): {field} "{op}" needs a non-empty list of values, not {value}',
  'rule.want.range': '{stage}, condition {n} ({path}): {field} "{op}" needs a range of days [least, most] (whole numbers 0–36500), not {value}',
  'rule.value-allowed': '{stage}, condition {n} ({path}): {field} has no value "{value}" (allowed: {allowed})',
  'rule.too-long': '{stage}, condition {n} ({path}): a value of {field} is at most {max} {max|character|characters}',
  'rule.too-many-values': '{stage}, condition {n} ({path}): {field} lists at most {max} {max|value|values}',
  'rule.column-absent': '{stage}, condition {n} ({path}): no file imported into this workspace had a column "{field}"; until one does, this condition is unknown (never holds)',
  'rule.tag-unknown': '{stage}, condition {n} ({path}): there is no customer tag "{value}", so this condition selects no customer',

  'rule.field.risk_level': 'Rule level',
  'rule.field.risk_score': 'Risk score',
  'rule.field.p_churn': 'P(churn)',

  'rule.words.gt': '{field} > {value}',
  'rule.words.ge': '{field} ≥ {value}',
  'rule.words.lt': '{field} < {value}',
  'rule.words.le': '{field} ≤ {value}',
  'rule.words.eq': '{field} is {value}',
  'rule.words.ne': '{field} is not {value}',
  'rule.words.in': '{field} is one of {value}',
  'rule.words.not-in': '{field} is none of {value}',
  'rule.words.present': '{field} is known',
  'rule.words.empty': 'No {field}',
  'rule.words.days-ago': '{field} {min}–{max} days ago',
  'rule.words.days-until': '{field} within {min}–{max} days',
  'rule.words.yes': '{field}: yes',
  'rule.words.no': '{field}: no',
  'rule.words.or': ' or ',
  'rule.words.and': '; ',
  'rule.words.everyone': 'Every customer',
} as const satisfies Record<RuleMessageCode, string>;

type PlaceholderMismatch = {
  [K in RuleMessageCode]: Same<Placeholders<(typeof ruleMessagesEn)[K]>, Placeholders<(typeof ruleMessagesZh)[K]>> extends true ? never : K;
}[RuleMessageCode];
const placeholdersAgree: [PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch = true;
void placeholdersAgree;
