/**
 * What the catalogue importer (offers and tariff plans, core/exchange/catalogue.ts) says about a file, a
 * header or a cell. The reader is a supervisor maintaining the catalogue in Excel. Unlike a work list, a
 * catalogue row with a bad cell is rejected as a whole: an offer with a wrong cost or a plan with a wrong fee
 * would quietly mislead every recommendation and tariff preview, so nothing is "imported as empty".
 *
 * Header messages carry both spellings of the column ({zh}, {en}): the file may use either.
 * The Chinese table is the reference; the English one has the same keys and placeholders (checked below).
 */
import type { Placeholders } from './plural';

export const catalogueMessagesZh = {
  'catalogue.header.none-offers': '没有找到维系政策的表头：第一行应为“政策编码”“政策名称”等列名（可从“模板”导出空白模板），整个文件未导入',
  'catalogue.header.none-plans': '没有找到资费套餐的表头：第一行应为“套餐编码”“套餐名称”“月费(元)”等列名（可从“模板”导出空白模板），整个文件未导入',
  'catalogue.header.missing': '缺少“{zh}”列（英文表头为“{en}”），整个文件未导入',
  'catalogue.header.duplicate': '“{column}”列和“{other}”列都是“{zh}”（{en}），请删掉其中一列；整个文件未导入',
  'catalogue.header.unknown': '不认识“{column}”列，已忽略该列',

  'catalogue.required': '“{zh}”（{en}）不能为空，这一行未导入',
  'catalogue.number': '“{zh}”（{en}）应为数字，这里是“{value}”，这一行未导入',
  'catalogue.int': '“{zh}”（{en}）应为整数，这里是“{value}”，这一行未导入',
  'catalogue.range': '“{zh}”（{en}）应在 {min} 到 {max} 之间，这里是 {value}，这一行未导入',
  'catalogue.date': '“{zh}”（{en}）应为日期（如 2026-11-23），这里是“{value}”，这一行未导入',
  'catalogue.bool': '“{zh}”（{en}）应为“是”或“否”，这里是“{value}”，这一行未导入',
  'catalogue.too-long': '“{zh}”（{en}）超过 {max} 个字，这一行未导入',
  'catalogue.code': '编码“{value}”只能由字母、数字、下划线、点和短横线组成，以字母或数字开头，最长 40 个字符；这一行未导入',
  'catalogue.code-repeated': '编码“{value}”在第 {other} 行已经出现过，这一行未导入',
  'catalogue.category': '不认识的类别“{value}”，可以写：{allowed}；这一行未导入',
  'catalogue.channel': '不认识的渠道“{value}”，可以写：外呼、短信、营业厅、上门（多个用顿号或逗号隔开）；这一行未导入',
  'catalogue.channel-repeated': '渠道“{value}”写了两次，这一行未导入',
  'catalogue.dates-order': '失效日期 {value} 早于生效日期 {other}，这一行未导入',
  'catalogue.follow-up-kind': '回访方式“{value}”无法识别，应为 {allowed}；这一行未导入',
  'catalogue.follow-up-incomplete': '回访方式和回访天数要同时填写或同时留空，这一行未导入',
  'catalogue.rules-json': '“规则(JSON)”不是合法的 JSON：第 {at} 个字符处有误，这一行未导入',
  'catalogue.rules-json-cut': '“规则(JSON)”不是合法的 JSON：内容不完整（结尾缺少括号或引号），这一行未导入',
  'catalogue.rules-invalid':
    '“规则(JSON)”在 {path} 处写法不对：规则是 {"eligible":[…],"notIf":[…],"unsuitableIf":[…]}，每个条件是 {"field":"arpu_avg3","op":">=","value":120}（field 为标准字段名）、{"tag":"dual_sim"}、{"list":"contract_expiring"} 或 {"any":[…]}；这一行未导入',
} as const;

export type CatalogueMessageCode = keyof typeof catalogueMessagesZh;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const catalogueMessagesEn = {
  'catalogue.header.none-offers':
    'No offer headers found: the first row should name columns such as "Offer code" and "Name" (export a blank template to start from). Nothing was imported',
  'catalogue.header.none-plans':
    'No tariff-plan headers found: the first row should name columns such as "Plan code", "Plan name" and "Monthly fee (yuan)" (export a blank template to start from). Nothing was imported',
  'catalogue.header.missing': 'The column "{en}" ({zh}) is missing. Nothing was imported',
  'catalogue.header.duplicate': 'Columns "{column}" and "{other}" both mean "{en}" ({zh}); delete one of them. Nothing was imported',
  'catalogue.header.unknown': 'Unknown column "{column}"; it was ignored',

  'catalogue.required': '"{en}" ({zh}) cannot be empty; the row was not imported',
  'catalogue.number': '"{en}" ({zh}) must be a number; here it is "{value}". The row was not imported',
  'catalogue.int': '"{en}" ({zh}) must be a whole number; here it is "{value}". The row was not imported',
  'catalogue.range': '"{en}" ({zh}) must be between {min} and {max}; here it is {value}. The row was not imported',
  'catalogue.date': '"{en}" ({zh}) must be a date (e.g. 2026-11-23); here it is "{value}". The row was not imported',
  'catalogue.bool': '"{en}" ({zh}) must be yes or no; here it is "{value}". The row was not imported',
  'catalogue.too-long': '"{en}" ({zh}) is longer than {max} {max|character|characters}; the row was not imported',
  'catalogue.code':
    'The code "{value}" may hold only letters, digits, underscores, dots and hyphens, start with a letter or digit, and be at most 40 characters. The row was not imported',
  'catalogue.code-repeated': 'The code "{value}" already appears in row {other}; this row was not imported',
  'catalogue.category': 'Unknown category "{value}"; use one of: {allowed}. The row was not imported',
  'catalogue.channel':
    'Unknown channel "{value}"; use phone, sms, hall or visit (several separated by commas). The row was not imported',
  'catalogue.channel-repeated': 'The channel "{value}" is listed twice; the row was not imported',
  'catalogue.dates-order': 'The end date {value} is before the start date {other}; the row was not imported',
  'catalogue.follow-up-kind': 'The follow-up "{value}" is not recognised; use {allowed}. The row was not imported',
  'catalogue.follow-up-incomplete': 'A follow-up needs both its kind and its days (or neither); the row was not imported',
  'catalogue.rules-json': '"Rules (JSON)" is not valid JSON: wrong at character {at}; the row was not imported',
  'catalogue.rules-json-cut': '"Rules (JSON)" is not valid JSON: it is cut short (a closing bracket or quote is missing); the row was not imported',
  'catalogue.rules-invalid':
    '"Rules (JSON)" is wrong at {path}: rules are {"eligible":[…],"notIf":[…],"unsuitableIf":[…]}, each condition {"field":"arpu_avg3","op":">=","value":120} (field is a canonical field name), {"tag":"dual_sim"}, {"list":"contract_expiring"} or {"any":[…]}. The row was not imported',
} as const satisfies Record<CatalogueMessageCode, string>;

/** A translation that drops or renames a placeholder would print the raw `{name}`: a compile error instead. */
type PlaceholderMismatch = {
  [K in CatalogueMessageCode]: Same<Placeholders<(typeof catalogueMessagesEn)[K]>, Placeholders<(typeof catalogueMessagesZh)[K]>> extends true
    ? never
    : K;
}[CatalogueMessageCode];
const placeholdersAgree: [PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch = true;
void placeholdersAgree;
