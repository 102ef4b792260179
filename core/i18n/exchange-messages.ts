/**
 * What the importer says about a file, a header or a cell, in the words of the person who has to fix the
 * file: a supervisor or agent who knows Excel, not a programmer. Every message says what is wrong, and where
 * it helps, what to do about it. `{name}` placeholders are filled by `formatMessage`.
 *
 * The Chinese table is the reference: the English one must have the same keys and the same placeholders
 * (checked by the type below and by a unit test).
 */
import type { Placeholders } from './plural';

export const exchangeMessagesZh = {
  // ---- the phone number of a row (an error: the row cannot be imported) -------------------------------------
  'msisdn.missing': '没有手机号码，这一行无法导入',
  'msisdn.lost-digits': '号码被 Excel 转成了科学计数法（{value}），后几位已丢失，请把该列设为文本后重新导出',
  'msisdn.not-a-number': '“{value}”不是电话号码',
  'msisdn.wrong-length': '手机号码应为 11 位数字，这里是 {digits} 位（{value}）',
  'msisdn.not-mobile': '“{value}”不是大陆手机号码（手机号码以 13–19 开头）',

  // ---- other cells (a warning: the row is imported, this cell is left empty) --------------------------------
  'cell.lost-digits': '数字被 Excel 转成了科学计数法（{value}），后几位已丢失，请把该列设为文本后重新导出；此格按空值导入',
  'cell.excel-error': '单元格是 Excel 的错误值 {value}（公式出错），按空值导入',
  'row.duplicate-msisdn': '这个号码在本清单第 {first} 行已经出现过：客户的数据和执行人以这一行为准，不另算客户或任务',
  'row.totals-skipped': '这是合计行（“{value}”），不是客户，未导入',
  'cell.unknown-agent': '工号 {agent} 不是本工作台的坐席账号：这一行照常导入，任务暂不分配（可在工作清单页分配）',
  'cell.formula-without-value': '这个工作表有 {count} 个公式没有计算结果（第一个在 {cell}），按空白导入：文件由程序生成、没在 Excel 里保存过。请用 Excel、WPS 或 LibreOffice 打开、保存后再导入，公式的值才能读入',
  'cell.unknown-status': '用户状态“{value}”不是已知的状态（{known}），本文件共 {rows} 行是它：照原样导入，但风险规则不把它算作停机或预销号；如果它就是一种，请在风险规则的“视为预销号等的状态”里加上它',
  'cell.identity-number': '这一格是身份证号（{value}），身份证号只能放在身份证号列里，不会以明文保存；此格按空值导入',
  'date.invalid': '“{value}”不是能识别的日期，请写成 2026-11-23 这样的格式；此格按空值导入',
  'date.not-a-day': '“{value}”不是日历上存在的日期；此格按空值导入',
  'date.out-of-range': '日期 {value} 不在合理范围（{min} 至 {max}）内，可能填错了列；此格按空值导入',
  'date.ambiguous': '“{value}”分不清是“月/日”还是“日/月”，请写成年份在前的格式（如 2026-11-23）；此格按空值导入',
  'number.invalid': '“{value}”不是数字；此格按空值导入',
  'number.percent-not-expected': '“{field}”不是比例，不能写百分号（{value}）；此格按空值导入',
  'number.ratio-out-of-range': '“{field}”是占比，应在 0 到 1 之间或写成百分数（如 35%），这里是 {value}；此格按空值导入',
  'int.not-whole': '“{field}”应为整数，这里是 {value}；此格按空值导入',
  'int.negative': '“{field}”是次数或天数，不能为负数（{value}）；此格按空值导入',
  'bool.invalid': '“{value}”看不出是“是”还是“否”（可以写 是/否、有/无、Y/N、1/0）；此格按空值导入',
  'text.truncated': '内容超过 {max} 个字，只保留了前 {max} 个字',
  'id.invalid': '证件号码 {value} 不是 18 位或 15 位身份证号，不会用来识别同一客户',
  'id.checksum': '证件号码 {value} 的最后一位校验码不对，可能抄错了，不会用来识别同一客户',
  'list-type.unknown': '不认识的清单类型“{value}”，按“其他”导入',

  // ---- headers --------------------------------------------------------------------------------------------------
  'header.no-msisdn': '没有找到手机号码列。请在表头用“手机号码”“服务号码”“用户号码”等名称，或在列对应中手动指定手机号码列',
  'header.duplicate-field': '“{column}”列和“{other}”列都对应“{field}”，只用前一列；这一列作为附加信息保留',
  'header.blank': '第 {letter} 列没有表头，作为“{name}”保留',
  'header.duplicate-id': '“{column}”列也是身份证号；只用“{other}”列识别同一客户，这一列不导入（身份证号只保存散列，不保存号码本身）',
  'identity.key-unavailable':
    '找不到这个工作区的身份证号密钥（它保存在桌面版的系统凭据库里，或在另一台电脑上），文件里的身份证号无法散列，本次没有导入。请用桌面版导入，或在列对应中把身份证号列设为“不导入”',
  'identity.key-mismatch':
    '这个工作区的身份证号是用另一把密钥散列的（例如工作区从另一台电脑复制而来），用现在的密钥无法识别同一客户，本次没有导入。请把原电脑的密钥文件复制过来，或在列对应中把身份证号列设为“不导入”',

  // ---- the whole file -------------------------------------------------------------------------------------------
  'file.too-large': '文件太大（{size} MB），最多只能导入 {limit} MB，请分成几个文件',
  'file.too-large-read-whole': '文件太大（{size} MB）：xls、ods、csv 和有密码的文件要整个读入内存，最多 {limit} MB。请在 Excel 或 WPS 中另存为不设密码的 .xlsx（逐行读取，可以更大），或分成几个文件',
  'file.unpacked-too-large': '文件解压后超过 {limit} MB，可能已损坏或不是正常的表格文件',
  'file.not-enough-memory': '读取这个文件约需 {need} MB 内存，这台电脑现在只有 {available} MB 可用；请关闭其他程序后重试，或另存为 .xlsx（逐行读取，占用内存少）或分成几个文件',
  'file.too-many-rows': '工作表“{sheet}”超过 {limit} 行，请分成几个文件',
  'file.too-many-columns': '工作表“{sheet}”有 {columns} 列，最多只能有 {limit} 列',
  'file.too-many-sheets': '文件有 {count} 个工作表，最多只能有 {limit} 个，可能已损坏或不是正常的表格文件',
  'file.truncated': '文件不完整（可能没有下载或复制完），请重新获取这个文件',
  'file.corrupt': '文件已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入',
  'file.unknown-format': '不认识这种文件。请使用 Excel 工作簿（.xlsx、.xls）、OpenDocument 表格（.ods）或 CSV 文件',
  'file.needs-password': '文件有密码保护，请输入打开密码',
  'file.wrong-password': '密码不对，无法打开文件',
  'file.empty': '文件里没有数据',
  'file.sheet-empty': '工作表“{sheet}”是空的',
  'file.sheet-missing': '文件里没有名为“{sheet}”的工作表',
  'file.formula-without-value': '工作表“{sheet}”有 {count} 个公式没有计算结果（第一个在 {cell}），没有导入：文件由程序生成、没在 Excel 里保存过，政策和资费的数字不能按空白读入。请用 Excel、WPS 或 LibreOffice 打开、保存后再导入',
} as const;

export type ExchangeMessageCode = keyof typeof exchangeMessagesZh;

/** The `{name}` placeholders of a message, as a union of names (never when there are none). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const exchangeMessagesEn = {
  'msisdn.missing': 'No phone number: this row cannot be imported',
  'msisdn.lost-digits':
    'Excel turned the number into scientific notation ({value}); digits are lost — set the column to text and export again',
  'msisdn.not-a-number': '"{value}" is not a phone number',
  'msisdn.wrong-length': 'A mobile number has 11 digits; this one has {digits} ({value})',
  'msisdn.not-mobile': '"{value}" is not a mainland mobile number (those start with 13–19)',

  'cell.lost-digits':
    'Excel turned the number into scientific notation ({value}); digits are lost — set the column to text and export again. Imported as empty',
  'cell.excel-error': 'The cell holds the Excel error {value} (a broken formula). Imported as empty',
  'row.duplicate-msisdn': 'This number is already on row {first} of this list: the customer takes this row’s data and agent, and is not counted as another customer or task',
  'row.totals-skipped': 'A totals row ("{value}"), not a customer: not imported',
  'cell.unknown-agent': 'Agent ID {agent} is not an account of this desk: the row is imported and its task left unassigned (assign it on the Work lists page)',
  'cell.formula-without-value': 'The sheet has {count} {count|formula|formulas} without a computed value (the first in {cell}), imported as empty: a program wrote the file and it was never saved in Excel. Open it in Excel, WPS or LibreOffice, save it and import it again to read their values',
  'cell.unknown-status': 'Status “{value}” is not a status the desk knows ({known}); {rows} {rows|row of this file has|rows of this file have} it: imported as written, but the risk rules do not count it as suspended or pre-cancel. If it is one, add it to “Statuses counted as pre-cancel” on the Risk rules page',
  'cell.identity-number':
    'This cell holds an identity number ({value}); identity numbers belong only in the ID column and are never kept in clear; the cell is imported as empty',
  'date.invalid': '"{value}" is not a date we can read; write it like 2026-11-23. Imported as empty',
  'date.not-a-day': '"{value}" is not a day on the calendar. Imported as empty',
  'date.out-of-range': 'The date {value} is outside the plausible range ({min} to {max}); is it in the wrong column? Imported as empty',
  'date.ambiguous':
    '"{value}" could be month/day or day/month; write the year first (e.g. 2026-11-23). Imported as empty',
  'number.invalid': '"{value}" is not a number. Imported as empty',
  'number.percent-not-expected': '"{field}" is not a share, so it cannot be a percentage ({value}). Imported as empty',
  'number.ratio-out-of-range':
    '"{field}" is a share: it must be between 0 and 1 or written as a percentage (e.g. 35%); here it is {value}. Imported as empty',
  'int.not-whole': '"{field}" must be a whole number; here it is {value}. Imported as empty',
  'int.negative': '"{field}" counts times or days and cannot be negative ({value}). Imported as empty',
  'bool.invalid': '"{value}" is neither yes nor no (write yes/no, Y/N, 1/0, 是/否 or 有/无). Imported as empty',
  'text.truncated': 'The text is longer than {max} {max|character|characters}; only the first {max} were kept',
  'id.invalid': 'The ID number {value} is not an 18- or 15-character identity card number; it will not be used to link lines of one person',
  'id.checksum':
    'The check digit of the ID number {value} is wrong — probably mistyped; it will not be used to link lines of one person',
  'list-type.unknown': 'Unknown list type "{value}"; imported as "Other"',

  'header.no-msisdn':
    'No phone-number column found. Name it 手机号码, 服务号码, 用户号码 or MSISDN in the header, or choose the phone-number column in the mapping',
  'header.duplicate-field':
    'Columns "{column}" and "{other}" both mean "{field}"; the first one is used and this one is kept as extra information',
  'header.blank': 'Column {letter} has no header; it is kept as "{name}"',
  'header.duplicate-id':
    'Column "{column}" holds identity numbers too; only "{other}" is used to link lines of one person and this one is not imported (identity numbers are kept only as a hash)',
  'identity.key-unavailable':
    "This workspace's identity-number key is not available here (it is kept in the desktop app's credential store, or on another computer), so the file's identity numbers cannot be hashed and nothing was imported. Import with the desktop app, or set the identity column to 'Do not import' in the mapping",
  'identity.key-mismatch':
    "This workspace's identity numbers were hashed with another key (the workspace was probably copied from another computer), so lines of one person could not be linked and nothing was imported. Copy the key file from that computer, or set the identity column to 'Do not import' in the mapping",

  'file.too-large': 'The file is too large ({size} MB); at most {limit} MB can be imported — split it into several files',
  'file.too-large-read-whole':
    'The file is too large ({size} MB): xls, ods, csv and password-protected files are read whole, at most {limit} MB. Save it as an .xlsx without a password in Excel or WPS (read row by row, so it may be larger), or split it into several files',
  'file.unpacked-too-large': 'Unpacked, the file is larger than {limit} MB; it is damaged or not a normal spreadsheet',
  'file.not-enough-memory': 'Reading this file needs about {need} MB of memory and this computer has only {available} MB free now — close other programs and try again, or save it as .xlsx (read row by row, in little memory) or split it into several files',
  'file.too-many-rows': 'The sheet "{sheet}" has more than {limit} {limit|row|rows} — split it into several files',
  'file.too-many-columns': 'The sheet "{sheet}" has {columns} {columns|column|columns}; at most {limit} are allowed',
  'file.too-many-sheets': 'The file has {count} {count|sheet|sheets}; at most {limit} are allowed — it is damaged or not a normal spreadsheet',
  'file.truncated': 'The file is incomplete (perhaps not fully downloaded or copied); get the file again',
  'file.corrupt': 'The file is damaged and cannot be read. Open it in Excel or WPS, save it as .xlsx and import that',
  'file.unknown-format':
    'This kind of file cannot be read. Use an Excel workbook (.xlsx, .xls), an OpenDocument spreadsheet (.ods) or a CSV file',
  'file.needs-password': 'The file is password-protected; enter the password to open it',
  'file.wrong-password': 'Wrong password: the file cannot be opened',
  'file.empty': 'The file contains no data',
  'file.sheet-empty': 'The sheet "{sheet}" is empty',
  'file.sheet-missing': 'The file has no sheet named "{sheet}"',
  'file.formula-without-value': 'The sheet "{sheet}" has {count} {count|formula|formulas} without a computed value (the first in {cell}), and nothing was imported: a program wrote the file and it was never saved in Excel, and an offer’s or plan’s figures cannot be read as empty. Open it in Excel, WPS or LibreOffice, save it and import it again',
} as const satisfies Record<ExchangeMessageCode, string>;

/**
 * A translation that drops or renames a placeholder would print the raw `{name}`; this makes it a compile
 * error that names the offending keys.
 */
type PlaceholderMismatch = {
  [K in ExchangeMessageCode]: Same<Placeholders<(typeof exchangeMessagesEn)[K]>, Placeholders<(typeof exchangeMessagesZh)[K]>> extends true
    ? never
    : K;
}[ExchangeMessageCode];
const placeholdersAgree: [PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch = true;
void placeholdersAgree;
