/**
 * What the CLI says about the files it reads (import, merge, catalogue-import), in the CLI's language (`--lang`,
 * Chinese by default) like the row messages it quotes: its own lines were English around Chinese messages (found by a
 * new supervisor). Every line a person reads there comes from here; `--json` gives the data for scripts.
 */
export const cliMessagesZh = {
  'cli.import.summary':
    '{file}：读取 {read} 行，导入 {imported} 行到{lists}，拒绝 {rejected} 行，警告 {warnings} 条；新客户 {newSubscribers} 个、更新 {updatedSubscribers} 个，新任务 {newTasks} 个，并入已有任务 {joined} 个{repeated}。',
  'cli.import.repeated': '；另有 {count} 行的号码在同一清单中前面已出现过（按后一行保存）',
  'cli.import.unchanged': '{file}：之前已导入过，没有任何改动。',
  'cli.import.abandoned': '{file}：{read} 行中有 {rejected} 行被拒绝；按 --reject-all 没有导入任何数据。',
  'cli.import.list': '“{name}”',
  'cli.import.listSeparator': '、',
  'cli.row.rejected': '  拒绝 第 {row} 行 {letter} 列（{column}）：{message}',
  'cli.row.warning': '  警告 第 {row} 行 {letter} 列（{column}）：{message}',
  'cli.sheetRow.rejected': '  拒绝 {sheet}第 {row} 行 {column}：{message}',
  'cli.sheetRow.warning': '  警告 {sheet}第 {row} 行 {column}：{message}',
  'cli.catalogueRow.rejected': '  拒绝 第 {row} 行{letter}：{message}',
  'cli.catalogueRow.warning': '  警告 第 {row} 行{letter}：{message}',
  'cli.more': '  …… 另有 {count} 条',
  'cli.more.inFile': '  …… 另有 {count} 条（全部写在 {file}）',
  'cli.more.useProblems': '  …… 另有 {count} 条（用 --problems 文件.xlsx 可写出全部）',
  'cli.merge.file':
    '{file}：读取接触记录 {read} 条，新增 {new} 条，已有 {present} 条{withoutTask}；反馈新增 {feedback} 条；经验新增 {notes} 条{lifts}；拒绝 {rejected} 行，警告 {warnings} 条',
  'cli.merge.withoutTask': '（其中 {count} 条的号码不在本工作区）',
  'cli.merge.lifts': '；撤销“要求勿扰” {read} 条中新增 {new} 条{superseded}{refused}',
  'cli.merge.liftsSuperseded': '，{count} 条早于客户在本工作区后来的要求（已记录，不撤销）',
  'cli.merge.liftsRefused': '，{count} 条未采用（不是本工作区主管撤销的）',
  'cli.merge.total': '合并完成：新增接触记录 {attempts} 条、反馈 {feedback} 条、经验 {notes} 条{lifts}；重新计算了 {tasks} 个任务的状态。',
  'cli.merge.totalLifts': '、撤销“要求勿扰” {count} 条',
  'cli.catalogue.summary': '{file}：读取 {read} 行，{added}，{updated}，未变 {unchanged} 行，拒绝 {rejected} 行',
  'cli.catalogue.added': '新增 {count} 个',
  'cli.catalogue.wouldAdd': '将新增 {count} 个',
  'cli.catalogue.updated': '修改 {count} 个',
  'cli.catalogue.wouldUpdate': '将修改 {count} 个',
} as const;

export type CliMessageCode = keyof typeof cliMessagesZh;

export const cliMessagesEn: Record<CliMessageCode, string> = {
  'cli.import.summary':
    '{file}: {read} {read|row|rows} read, {imported} imported into {lists}, {rejected} rejected, {warnings} {warnings|warning|warnings}; {newSubscribers} new and {updatedSubscribers} updated subscribers, {newTasks} new {newTasks|task|tasks}, {joined} joined an open task{repeated}.',
  'cli.import.repeated': '; {count} {count|row repeated|rows repeated} a number on the same list (saved over the earlier row)',
  'cli.import.unchanged': '{file}: already imported — nothing changed.',
  'cli.import.abandoned': '{file}: {rejected} of {read} rows rejected; nothing imported (--reject-all).',
  'cli.import.list': '“{name}”',
  'cli.import.listSeparator': ', ',
  'cli.row.rejected': '  rejected row {row} column {letter} ({column}): {message}',
  'cli.row.warning': '  warning row {row} column {letter} ({column}): {message}',
  'cli.sheetRow.rejected': '  rejected {sheet}row {row} {column}: {message}',
  'cli.sheetRow.warning': '  warning {sheet}row {row} {column}: {message}',
  'cli.catalogueRow.rejected': '  rejected row {row}{letter}: {message}',
  'cli.catalogueRow.warning': '  warning row {row}{letter}: {message}',
  'cli.more': '  … and {count} more',
  'cli.more.inFile': '  … and {count} more (all in {file})',
  'cli.more.useProblems': '  … and {count} more (--problems FILE.xlsx writes them all)',
  'cli.merge.file':
    '{file}: {read} attempts read, {new} new, {present} already present{withoutTask}; feedback {feedback} new; notes {notes} new{lifts}; {rejected} rows rejected, {warnings} warnings',
  'cli.merge.withoutTask': ' ({count} for numbers not in this workspace)',
  'cli.merge.lifts': '; do-not-call lifts {new} new of {read}{superseded}{refused}',
  'cli.merge.liftsSuperseded': ", {count} older than the customer's request here since (recorded, lifting nothing)",
  'cli.merge.liftsRefused': ', {count} not taken (not by a supervisor here)',
  'cli.merge.total': 'Merged: {attempts} new attempts, {feedback} feedback, {notes} notes{lifts}; {tasks} tasks recomputed.',
  'cli.merge.totalLifts': ', {count} do-not-call {count|lift|lifts}',
  'cli.catalogue.summary': '{file}: {read} rows read, {added}, {updated}, {unchanged} unchanged, {rejected} rejected',
  'cli.catalogue.added': '{count} added',
  'cli.catalogue.wouldAdd': '{count} would be added',
  'cli.catalogue.updated': '{count} updated',
  'cli.catalogue.wouldUpdate': '{count} would be updated',
};
