/**
 * The catalogue the app ships with (docs/product.md §3.2), so that it is useful on day one: the eleven retention
 * offers of the operator programmes of docs/product.md §5.3 and the tariff plans for the preview of §5.4.
 *
 * Offer codes are the ones the demo contact history refers to (core/demo/generator.ts `demoOfferCodes`), and
 * the plans include every plan the demo subscribers are on (core/demo/pools.ts), so that the demo workspace's
 * attempts and tariff previews resolve; tests hold both to it. Costs are the operator's cost of one accepted
 * offer in yuan (a year's hidden reward, a handset subsidy, a fuel card), as the ranking of §5.2 needs them.
 *
 * Which list or tag each offer serves follows the programme's model → list → offer table (docs/product.md §5.3),
 * and each description says so first ("适用：…"), so the agent and whoever edits the catalogue read it where the
 * offer is; tests/unit/offers/programme.test.ts holds every row of the table and the descriptions to the rules.
 *
 * Migration 002 seeded this catalogue into new workspaces as it stood then; migration 014 brought it to the
 * table (issue 16), updating only offers whose stored row still equals 002's (a supervisor's edit, an import from
 * the central side is never overwritten). A later change here needs its own migration of that kind
 * (db/catalogue.ts `catalogueUpgradeSql`).
 */
import { offerSchema, planSchema, type Offer, type OfferInput, type Plan, type RuleCondition } from './catalogue';

// Lines about to be cancelled or frozen cannot take up an offer; one in arrears should not get anything costly.
const notForFrozenLines: RuleCondition = { field: 'status', op: 'in', value: ['预销号', '保留期', '冷冻期'] };
const inArrears: RuleCondition = { field: 'arrears', op: '>', value: 0 };

const offers: OfferInput[] = [
  {
    code: 'CONTRACT_REWARD',
    name_zh: '合约续约隐形回馈',
    name_en: 'Contract renewal with hidden reward',
    category: 'contract',
    description:
      '适用：合约即将到期、无合约关怀、周异动、未首拜客户清单；合约即将到期标签。合约到期或无合约的在网客户续签 12 个月合约，套餐与月费不变，每月返还 10 元话费（共 120 元）。回馈不对外公示，只由客户经理向目标客户一对一告知。',
    script:
      '您好，我是中国移动的客户经理。您在我们这儿用了挺多年了，公司专门给老客户准备了一个续约回馈：续约 12 个月，套餐和月费都不变，每个月再返您 10 元话费，一年就是 120 元。不用换号，也不用跑营业厅，我这边电话里就能帮您登记。您看我现在帮您办上好吗？',
    cost: 120,
    channels: ['phone', 'hall', 'visit'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [
        {
          any: [
            { tag: 'contract_expiring' },
            { list: 'contract_expiring' },
            { list: 'no_contract_care' },
            // The programme: a weekly-anomaly customer under contract is offered a re-signing with hidden reward, and
            // the account manager's first visit (首拜) brings the same offer.
            { list: 'weekly_anomaly' },
            { list: 'first_visit_due' },
            { field: 'contract_type', op: 'empty' },
          ],
        },
        { field: 'arpu_avg3', op: '>=', value: 38 },
      ],
      unsuitableIf: [notForFrozenLines],
    },
    cooldown_days: 30,
    weekly_budget: 300,
    active: true,
  },
  {
    code: 'LUCKY_NUMBER',
    name_zh: '双卡用户彩号赠送',
    name_en: 'Lucky number for dual-SIM users',
    category: 'number',
    description:
      '适用：双卡清单；双卡用户标签。针对同时使用异网号码的双卡客户：免费挑选一个尾号好记的彩号作为副卡，12 个月免月功能费，与主卡共享套餐内通话和流量，让客户把常用联系转回移动号码。',
    script:
      '您好，打扰您一分钟。我们注意到您手机里可能还用着另一张卡，两张卡分开交费挺麻烦的。现在我们有个活动，您可以免费挑一个好记的彩号，比如尾号 8888、1314 这类，做成您这张卡的副卡，一年不收月功能费，通话和流量跟主卡一起用。号码数量有限，我先帮您留几个看看好吗？',
    cost: 60,
    channels: ['phone', 'hall'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [{ any: [{ tag: 'dual_sim' }, { list: 'dual_sim' }, { field: 'dual_sim', op: 'in', value: ['移动+联通', '移动+电信', '移动+广电'] }] }],
      // Both SIMs ours (移动+移动, risk rules dualSim.ownValues): there is no competitor's line to win back, even on a 双卡 list.
      notIf: [{ tag: 'own_dual_sim' }],
      unsuitableIf: [inArrears, notForFrozenLines],
    },
    cooldown_days: 30,
    weekly_budget: 100,
    active: true,
  },
  {
    code: 'BRAND_MIGRATION',
    name_zh: '升级全球通（专属客户经理回访）',
    name_en: 'Migrate to GoTone with follow-up visit',
    category: 'migration',
    description:
      '适用：品牌迁移清单；套餐错位、中高端客户标签。中高价值或套餐错位的神州行、动感地带客户迁移到全球通品牌：按现有消费匹配同档全球通套餐，享全球通积分、机场贵宾厅和专属客户经理服务；办理后一周内由客户经理上门或电话回访。',
    script:
      '您好，我是您的专属客户经理。看了一下您这几个月的消费，按您的用量，换成全球通套餐每个月花的钱差不多，但能多享受全球通的积分、机场贵宾厅和我们一对一的客户经理服务。号码不变，办理后下周我再给您回个电话，看看用得顺不顺手。您看帮您升级一下？',
    cost: 50,
    channels: ['phone', 'hall', 'visit'],
    valid_from: null,
    valid_to: null,
    rules: {
      // The programme sends the plan-mismatch model's customers to brand migration with a follow-up visit.
      eligible: [{ any: [{ tag: 'mid_high_value' }, { field: 'arpu_avg3', op: '>=', value: 100 }, { list: 'brand_migration' }, { tag: 'plan_mismatch' }] }],
      notIf: [{ field: 'brand', op: '=', value: '全球通' }],
      unsuitableIf: [inArrears, { field: 'complaints_90d', op: '>=', value: 3 }],
    },
    cooldown_days: 60,
    weekly_budget: 150,
    active: true,
    // The programme: a brand migration is followed by the account manager's visit a week later (issue 17 #4).
    follow_up_kind: 'visit',
    follow_up_days: 7,
  },
  {
    code: 'BALANCE_REMINDER',
    name_zh: '余额提醒与紧急开机',
    name_en: 'Balance reminder and emergency reopening',
    category: 'care',
    description:
      '适用：欠费即将停机、话费异常激增清单；欠费即将停机、话费激增标签。余额不足、欠费即将停机或话费突增的客户：提醒交费方式（App、微信、支付宝、营业厅），已停机的可申请紧急开机 3 天，先恢复通话再交费，避免因停机流失。',
    script:
      '您好，这里是中国移动。提醒您一下，您的话费余额不多了，再过几天可能会停机，影响您接电话。您可以在中国移动 App、微信或支付宝里直接交费，很方便。如果您这两天不方便交，我可以先帮您申请紧急开机三天，号码先正常用着。您看需要帮您开一下吗？',
    cost: 5,
    // In the hall too: a customer standing at the counter can pay or be reopened there and then.
    channels: ['sms', 'phone', 'hall'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [
        {
          any: [
            { tag: 'arrears_before_suspension' },
            { list: 'arrears_suspension' },
            // A bill spike drains the balance: the programme reminds before the line is suspended.
            { tag: 'bill_spike' },
            { list: 'bill_spike' },
            { field: 'balance', op: '<', value: 10 },
            { field: 'status', op: 'in', value: ['停机', '欠费停机'] },
          ],
        },
      ],
      unsuitableIf: [notForFrozenLines],
    },
    cooldown_days: 7,
    weekly_budget: null,
    active: true,
  },
  {
    code: 'HANDSET_DEPOSIT',
    name_zh: '存话费送手机',
    name_en: 'Handset for prepaid deposit',
    category: 'handset',
    description:
      '适用：换机清单；有换机需求标签。终端使用较久、有换机需求的客户：预存话费（分 24 个月返还）即可 0 元领取指定 5G 手机，需在网 24 个月。欠费或非正常状态的客户不推荐。',
    script:
      '您好，看到您这部手机用了有两年多了，现在很多新功能可能都用不上了。我们有个存话费送手机的活动：您预存的话费分 24 个月返还到您的账户，相当于话费照常用，手机是送的，有好几款 5G 手机可以挑。您方便的话可以到附近营业厅看看真机，我帮您预约一下？',
    cost: 400,
    channels: ['hall', 'phone', 'visit'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [
        { any: [{ tag: 'handset_change' }, { list: 'handset_change' }, { field: 'handset_months', op: '>=', value: 24 }] },
        { field: 'arpu_avg3', op: '>=', value: 58 },
      ],
      unsuitableIf: [inArrears, { field: 'status', op: 'not-in', value: ['正常'] }],
    },
    cooldown_days: 60,
    weekly_budget: 50,
    active: true,
  },
  {
    code: 'FAMILY_PLAN',
    name_zh: '家庭合帐（儿童机/老人机）',
    name_en: 'Family plan with kids’ and seniors’ phones',
    category: 'family',
    description:
      '适用：家庭客户清单；家庭客户标签。家庭成员较多的客户：主卡加入家庭合帐，最多带 4 张副卡共享通话和流量，家庭成员间通话免费；可 0 元领儿童手表或老人机（带定位、一键呼叫），宽带可融合办理。',
    script:
      '您好，您家里是不是还有老人或者孩子在用手机？现在办家庭合帐，您这张卡当主卡，家里人的号码都挂上来，话费一起交、流量一起用，家里人之间打电话不要钱。给孩子还可以领一块带定位的儿童手表，给老人领一部字大声音大的老人机，都是 0 元。您家里一共几口人用手机？我帮您算一下能省多少。',
    cost: 80,
    channels: ['phone', 'hall', 'visit'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [{ any: [{ tag: 'family' }, { list: 'family' }, { field: 'family_members', op: '>=', value: 3 }] }],
      notIf: [{ field: 'plan_code', op: 'in', value: ['JTHZ188', 'SZXQS48'] }],
      unsuitableIf: [inArrears],
    },
    cooldown_days: 30,
    weekly_budget: 200,
    active: true,
  },
  {
    code: 'CAR_SERVICE',
    name_zh: '车信通与加油卡回馈',
    name_en: 'Car services and fuel card',
    category: 'service',
    description:
      '适用：有车一族（导入文件的“有车一族”列）；中高端客户标签。有车或中高端的客户：开通车信通（违章提醒、年检提醒、道路救援），续约 12 个月赠 100 元加油卡。',
    script:
      '您好，感谢您一直用我们的全球通服务。您平时开车多吗？我们给全球通客户送一项车信通服务，违章、年检到期都会短信提醒您，路上出了状况还能一键叫道路救援。现在续约一年还送一张 100 元的加油卡，加油卡可以寄到家里，也可以到营业厅领。您看帮您开通一下？',
    cost: 100,
    channels: ['phone', 'hall'],
    valid_from: null,
    valid_to: null,
    rules: {
      // 有车一族 is a model output the central side sends as an extra column (no canonical field says it): where a
      // workspace has never imported it, the condition is unknown, never true (core/rules/condition.ts).
      eligible: [{ any: [{ column: '有车一族', op: '=', value: true }, { field: 'brand', op: '=', value: '全球通' }, { tag: 'mid_high_value' }] }],
      unsuitableIf: [inArrears, notForFrozenLines],
    },
    cooldown_days: 30,
    weekly_budget: 80,
    active: true,
  },
  {
    code: 'DATA_SIM',
    name_zh: '大流量数据卡/随身WiFi',
    name_en: 'Data-only SIM or MiFi',
    category: 'data',
    description:
      '适用：上网一族标签。流量用得很多的客户：加办一张 100GB 数据副卡或领一台随身 WiFi，在家、出差、给平板电脑用都行，首年数据卡月费减半。',
    script:
      '您好，看到您每个月流量用得挺多的，有时候还会超出套餐。我们有一张专门上网的数据卡，每月 100GB，第一年月费减半，可以插在随身 WiFi 里，出差、在家给电脑和平板用都可以，随身 WiFi 也是送的。这样您手机卡的流量就不紧张了，您看需要吗？',
    cost: 60,
    channels: ['phone', 'hall'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [{ any: [{ tag: 'data_heavy' }, { field: 'data_mb_avg3', op: '>=', value: 40960 }] }],
      notIf: [{ field: 'plan_code', op: '=', value: 'DLLK59' }],
      unsuitableIf: [inArrears],
    },
    cooldown_days: 30,
    weekly_budget: 100,
    active: true,
  },
  {
    code: 'DATA_PACK',
    name_zh: '流量包月 20GB',
    name_en: 'Monthly data pack 20 GB',
    category: 'data',
    description: '适用：流量异常清单；上网一族、流量异常标签。流量经常超出或用量异常的客户：20 元订 20GB 国内通用流量包月，次月生效，可随时退订，避免超出套餐按量计费。',
    script:
      '您好，这边提醒您一下，您这几个月流量经常超出套餐，超出部分是按量收费的，不太划算。现在有个流量包月：每月 20 块钱 20GB，全国通用，次月生效，不想要了随时可以退。我帮您订上，以后就不用担心流量超了，好吗？',
    cost: 15,
    channels: ['phone', 'sms', 'hall'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [
        {
          any: [
            { tag: 'data_heavy' },
            { tag: 'data_anomaly' },
            { list: 'data_anomaly' },
            { field: 'data_mb_avg3', op: '>=', value: 15360 },
          ],
        },
      ],
      unsuitableIf: [notForFrozenLines],
    },
    cooldown_days: 30,
    weekly_budget: 300,
    active: true,
  },
  {
    code: 'PLAN_CARE',
    name_zh: '套餐关怀（话费激增、流量异常）',
    name_en: 'Plan care for bill spikes and data anomalies',
    category: 'care',
    description:
      '适用：话费异常激增、流量异常清单；话费激增、流量异常标签。当月话费或流量明显高于平时的客户：主动解释费用构成，按实际用量推荐更合适的套餐（资费预演），必要时给一次性 20 元话费补偿。',
    script:
      '您好，我是中国移动的客户经理。系统提示您这个月的话费或流量比平时高了不少，我先帮您看看是哪部分用得多……（说明费用构成）。按您最近的用量，换成更合适的套餐每个月还能省一些，我给您算一下。这次多出来的费用，我也帮您申请了 20 元话费补偿，您看这样可以吗？',
    cost: 20,
    channels: ['phone', 'sms'],
    valid_from: null,
    valid_to: null,
    rules: {
      // Plan mismatch goes to brand migration (above), as the programme says; a data anomaly comes here.
      eligible: [{ any: [{ tag: 'bill_spike' }, { list: 'bill_spike' }, { tag: 'data_anomaly' }, { list: 'data_anomaly' }] }],
      unsuitableIf: [notForFrozenLines],
    },
    cooldown_days: 30,
    weekly_budget: 200,
    active: true,
  },
  {
    code: 'SPEND_GET_BACK',
    name_zh: '打多少送多少',
    name_en: 'Spend and get back',
    category: 'reward',
    description:
      '适用：无合约关怀清单；无关怀无粘性标签。无合约、无亲情号码、无宽带等粘性业务的客户：承诺在网 12 个月，每月通话费按实际消费等额返还（每月最高 30 元），次月到账。',
    script:
      '您好，感谢您一直使用我们的号码。现在有个老客户专享的“打多少送多少”：您承诺继续用我们的号码一年，每个月打电话花了多少，下个月就返您多少话费，每月最多返 30 元，自动到账，不用您操心。相当于一年最多能拿回 360 元。我现在就帮您登记上？',
    cost: 100,
    channels: ['phone', 'hall'],
    valid_from: null,
    valid_to: null,
    rules: {
      eligible: [{ any: [{ tag: 'no_stickiness' }, { list: 'no_contract_care' }] }],
      notIf: [{ field: 'broadband', op: '=', value: 1 }],
      unsuitableIf: [inArrears, notForFrozenLines],
    },
    cooldown_days: 30,
    weekly_budget: 150,
    active: true,
  },
];

// [code, name, fee, incl local, incl long-distance, incl roaming (min), incl data (MB), price local, price ld, price roaming (yuan/min), price data (yuan/MB)]
type PlanRow = [string, string, number, number, number, number, number, number, number, number, number];
const GB = 1024;
const planRows: PlanRow[] = [
  // 全球通 tiers: one domestic pool (local and long distance), roaming minutes from 288 up, 3 元/GB beyond.
  ['QQT128', '全球通畅享套餐128元', 128, 500, 500, 0, 30 * GB, 0.15, 0.15, 0.99, 0.003],
  ['QQT158', '全球通畅享套餐158元', 158, 700, 700, 0, 40 * GB, 0.15, 0.15, 0.99, 0.003],
  ['QQT198', '全球通畅享套餐198元', 198, 1000, 1000, 0, 60 * GB, 0.15, 0.15, 0.99, 0.003],
  ['QQT238', '全球通畅享套餐238元', 238, 1200, 1200, 0, 80 * GB, 0.15, 0.15, 0.99, 0.003],
  ['QQT288', '全球通畅享套餐288元', 288, 1500, 1500, 60, 100 * GB, 0.1, 0.1, 0.99, 0.003],
  ['QQT388', '全球通畅享套餐388元', 388, 2000, 2000, 100, 150 * GB, 0.1, 0.1, 0.99, 0.003],
  ['QQT588', '全球通畅享套餐588元', 588, 3000, 3000, 200, 300 * GB, 0.1, 0.1, 0.99, 0.003],
  // Business travel: long distance and roaming heavy.
  ['QQTSL99', '全球通商旅套餐99元', 99, 200, 500, 300, 10 * GB, 0.19, 0.19, 0.59, 0.005],
  // 动感地带: data first, few minutes.
  ['DGDD19', '动感地带芒果卡19元', 19, 0, 0, 0, 10 * GB, 0.19, 0.19, 0.99, 0.005],
  ['DGDD29', '动感地带潮玩套餐29元', 29, 50, 50, 0, 15 * GB, 0.19, 0.19, 0.99, 0.005],
  ['DGDD39', '动感地带潮玩套餐39元', 39, 100, 100, 0, 20 * GB, 0.19, 0.19, 0.99, 0.005],
  ['DGDD59', '动感地带潮玩套餐59元', 59, 200, 200, 0, 30 * GB, 0.15, 0.15, 0.99, 0.005],
  ['DGDD79', '动感地带潮玩套餐79元', 79, 300, 300, 0, 40 * GB, 0.15, 0.15, 0.99, 0.003],
  ['DGDD99', '动感地带潮玩套餐99元', 99, 500, 500, 0, 60 * GB, 0.15, 0.15, 0.99, 0.003],
  // 神州行: calls first, little data.
  ['SZX8', '神州行畅听卡8元', 8, 100, 0, 0, 0, 0.1, 0.15, 0.99, 0.005],
  ['SZX18', '神州行畅聊套餐18元', 18, 200, 50, 0, 1 * GB, 0.1, 0.15, 0.99, 0.005],
  ['SZX28', '神州行畅聊套餐28元', 28, 300, 100, 0, 3 * GB, 0.1, 0.15, 0.99, 0.005],
  ['SZX38', '神州行畅聊套餐38元', 38, 500, 150, 0, 5 * GB, 0.1, 0.15, 0.99, 0.005],
  ['SZX58', '神州行畅聊套餐58元', 58, 800, 300, 0, 10 * GB, 0.1, 0.15, 0.99, 0.005],
  ['SZXQS48', '神州行亲情套餐48元', 48, 500, 200, 0, 5 * GB, 0.1, 0.15, 0.99, 0.005],
  // Plans the tariff preview recommends for typical usage shapes (docs/product.md §5.4).
  ['BDCL38', '本地畅聊套餐38元', 38, 1000, 0, 0, 2 * GB, 0.1, 0.19, 0.99, 0.005],
  ['DLLK59', '大流量卡59元', 59, 100, 100, 0, 100 * GB, 0.19, 0.19, 0.99, 0.003],
  ['SLMY129', '商旅漫游套餐129元', 129, 300, 1000, 500, 20 * GB, 0.15, 0.15, 0.39, 0.003],
  ['JTHZ188', '家庭合帐套餐188元', 188, 1500, 1500, 0, 80 * GB, 0.1, 0.1, 0.99, 0.003],
];

/** Parsed through the schemas, so a mistake here fails at start-up and in the unit test, not in a matcher. */
export const defaultOffers: readonly Offer[] = offers.map((o) => offerSchema.parse(o));

export const defaultPlans: readonly Plan[] = planRows.map(([code, name, fee, l, ld, r, mb, pl, pld, pr, pmb]) =>
  planSchema.parse({
    code,
    name,
    monthly_fee: fee,
    incl_local_min: l,
    incl_ld_min: ld,
    incl_roaming_min: r,
    incl_data_mb: mb,
    price_local_min: pl,
    price_ld_min: pld,
    price_roaming_min: pr,
    price_data_mb: pmb,
    active: true,
  }),
);
