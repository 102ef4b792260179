import { analysisDimensions, analysisKinds } from '../../core/report/analysis';
import { MAX_RANGE_DAYS } from '../../core/report/periods';
import { listTypes } from '../../core/worklist/fields';

/**
 * The CLI's help in Chinese, the desk's language (the CLI speaks Chinese unless `--lang en`): each command's summary
 * and option lines, by command name. The synopses stay as typed (they are the command lines themselves). The English
 * is the command table's own (commands.ts), which the README shows. tests/unit/electron/cli-table.test.ts holds both
 * to the same commands and options. Until 2026-12-07 `--help` was English only, beside Chinese output.
 */
export const helpZh: Readonly<Record<string, { summary: string; help?: string }>> = {
  serve: {
    summary: '浏览器模式，只在 127.0.0.1 上提供服务；打印带本次密钥的地址（`--no-demo`：新工作区从空开始，先创建主管账号）',
    help: `--port N               监听的端口（默认：任一空闲端口）
--open                 有显示器时用默认浏览器打开地址
--no-demo              新工作区从空开始（第一个界面创建主管账号）`,
  },
  import: {
    summary: '导入工作清单（.xlsx .xls .ods .csv，也支持 GBK 编码的 CSV）：匹配表头，逐行检查，一个事务写入并计算风险；一行也没能导入时退出码为 1',
    help: `--sheet NAME           要读取的工作表（默认：第一个有手机号码列的工作表）
--list NAME            清单名称（默认：清单名称列，否则工作表的标题行，否则工作表名或文件名）
--type TYPE            清单类型：${listTypes.join(', ')}
--due YYYY-MM-DD       截止日期；  --period P  清单的期次（如 2026W47）
--password P           文件的密码（文件加密时）
--reject-all           有任何一行被拒绝就什么也不导入（默认：导入通过检查的行）
--problems FILE.xlsx   把每个被拒绝的行和警告写进一个工作簿（--lang en 为英文）`,
  },
  'export-outcomes': {
    summary: '坐席的结果文件（任务、接触记录、客户反馈、经验分享）',
    help: `--agent ID             只导出这位坐席的工作（默认：所有人的）
--password P           给文件加密：Excel 打开时要输入这个密码
--lang en              英文表头（默认：中文）`,
  },
  merge: {
    summary: '合并结果文件：按接触记录编号取并集，重算任务状态；同样的文件合并几次、按什么顺序合并，结果都一样',
    help: '--password P           加密文件的密码',
  },
  template: {
    summary: '空白的工作清单 / 历史清单 / 维系政策 / 资费套餐模板，带说明页（KIND：worklist、history、offers、plans）',
    help: '--lang en              英文表头（默认：中文）',
  },
  'catalogue-export': {
    summary: '导出维系政策或资费套餐目录（KIND：offers、plans）',
    help: '--lang en              英文表头（默认：中文）',
  },
  'catalogue-import': {
    summary: '导入维系政策或资费套餐工作簿（KIND：offers、plans）：新编码新增，已有编码更新，有问题的行列出并跳过；表头无法识别的文件整个拒绝',
    help: '--dry-run              只说会新增和修改什么（逐个字段），不写入',
  },
  score: {
    summary: '重新计算每位客户的风险、标签和队列优先级（只写入变了的数字；只计算上次以来有变化的客户，和新的一天可能改变数字的客户）',
  },
  report: {
    summary:
      '一周或任一期间的结果工作簿（整月、整季、整周可只写名称：--from 2026-11、2026-Q4、2026-W47；日期正好是整天、整周、整月、整季的按该期间统计，否则按日期范围）：按清单（含上期）、按坐席、按原因、按政策（各有合计行）、客户反馈、任务明细、说明；或在库客户的分析（停机、呼转异网、离网、预测离网），按区县、营业厅、执行人、客户级别、清单类型或风险等级，带占比和合计行',
    help: `weekly --week YYYY-Www       ISO 周（周一至周日）；文件沿用周报的名称
period --from D --to D       当地日期，首尾都含（最多 ${MAX_RANGE_DAYS} 天）
period --from 2026-11        按名称指定一个月（或 2026-Q4 一季、2026-W47 一周）
--out FILE.xlsx              工作簿写到哪里；  --lang en  英文工作表
--password P                 给文件加密
analysis --kind K --by D     K：${analysisKinds.join('|')}|all（all：四项各一个工作表）；  D：${analysisDimensions.join('|')}
  [--from D --to D]          统计这段期间内的离网日期，并与上一期比较
  [--county C [--hall H]]    只含这个区县（和营业厅）的客户`,
  },
  purge: {
    summary: '先做当天的备份，再清除过了截止日期加保留期的清单（和它们带来的数据）；`--dry-run` 只说会清除什么',
    help: '--dry-run              只说会清除什么',
  },
  backup: {
    summary: '现在把工作区完整复制一份（应用和 `serve` 每天也会在旁边的 `backups/` 里各存一份，保留最近 7 份）',
  },
  restore: {
    summary: '用备份替换工作区：先检查备份，被替换的工作区另行保存（请先关闭应用）',
    help: '--other-workspace      用另一个工作区的备份覆盖这个工作区（没有这个选项会被拒绝）',
  },
  train: {
    summary: '用带标签的历史数据训练离网模型；打印留出集 AUC、提升度和比较过的方法',
    help: '--activate             启用新模型（并重新计算）',
  },
  predict: {
    summary: '用启用的模型和规则评分给一个工作簿的每一行打分（不导入）',
  },
  explain: {
    summary: '一位客户的规则原因、标签和模型因素',
  },
  'my-day': {
    summary: '坐席的今日和本周（我的今日）：接触、接通次数、成功（本周的与目标对照，含所在坐席组），已到时间和今天稍后的预约回访',
    help: '--agent ID             哪位坐席（命令行以本机主管身份运行，所以要指明）',
  },
  segment: {
    summary: '一个条件（维系政策规则的条件语言）选中多少在库客户，按风险等级和营业厅分开；`--json` 给出数据和打码的样本',
    help: `--where JSON           {"all": [条件]} 或直接 [条件]，例如 [{"field":"risk_level","op":"in","value":["high"]}]
--json                 数量、分布、打码样本和警告，以 JSON 输出`,
  },
  campaign: {
    summary: '工作台自己生成的清单：列出挽留活动，预览运行会生成什么，或不管计划立即运行一次（`--json` 输出数据）',
    help: `list                   所有挽留活动：计划、是否启用、上次运行
preview NAME           选中的客户、新任务、并入在办任务的、被联系规则排除的（不写入）
run NAME               立即运行：当天的工作清单和任务，在一个事务中写入
--json                 以 JSON 输出数据`,
  },
  demo: {
    summary: '生成的演示工作清单（用于测试、基准测试；`--labels` 时为训练用的历史数据）',
    help: `--seed N               随机种子（默认 1）；同一种子生成同一个文件
--labels               带离网 / 离网日期标签列（训练用的历史数据）`,
  },
  info: {
    summary: '工作区里有什么',
  },
  call: {
    summary: '调用任一接口操作，例如 `call customer-lookup \'{"msisdn":"13800138000"}\'`',
  },
};
