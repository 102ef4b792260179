/**
 * The fixed vocabulary of the demo: a small fictional prefecture city (临江市) with its counties, halls and
 * account managers, Chinese names, plans and handsets. Kept apart from the generator so the numbers there
 * stay readable.
 */

/** Surnames with their approximate share of the population (per cent), so 王/李/张 dominate as they do. */
export const surnames: readonly (readonly [string, number])[] = [
  ['王', 7.12], ['李', 7.0], ['张', 6.74], ['刘', 5.1], ['陈', 4.61], ['杨', 3.22], ['黄', 2.45], ['赵', 2.19],
  ['吴', 2.08], ['周', 2.04], ['徐', 1.45], ['孙', 1.38], ['马', 1.29], ['朱', 1.28], ['胡', 1.16], ['郭', 1.15],
  ['何', 1.06], ['林', 1.03], ['高', 1.0], ['罗', 0.95], ['郑', 0.93], ['梁', 0.85], ['谢', 0.76], ['宋', 0.7],
  ['唐', 0.69], ['许', 0.66], ['韩', 0.65], ['邓', 0.62], ['冯', 0.62], ['曹', 0.61], ['彭', 0.58], ['曾', 0.56],
  ['肖', 0.55], ['田', 0.53], ['董', 0.51], ['潘', 0.5], ['袁', 0.49], ['蔡', 0.48], ['蒋', 0.48], ['余', 0.47],
  ['于', 0.47], ['杜', 0.46], ['叶', 0.45], ['程', 0.44], ['魏', 0.43], ['苏', 0.42], ['吕', 0.41], ['丁', 0.41],
  ['任', 0.4], ['卢', 0.39], ['姚', 0.38], ['沈', 0.38], ['钟', 0.37], ['姜', 0.36], ['崔', 0.35], ['谭', 0.34],
  ['陆', 0.33], ['范', 0.32], ['汪', 0.31], ['廖', 0.3], ['石', 0.3], ['金', 0.29], ['韦', 0.28], ['贾', 0.27],
  ['夏', 0.26], ['付', 0.25], ['方', 0.25], ['邹', 0.24], ['熊', 0.24], ['白', 0.23], ['孟', 0.23], ['秦', 0.22],
  ['邱', 0.22], ['侯', 0.21], ['江', 0.21], ['尹', 0.2], ['薛', 0.2], ['闫', 0.19], ['段', 0.19], ['雷', 0.18],
  ['龙', 0.17], ['黎', 0.17], ['史', 0.17], ['陶', 0.16], ['贺', 0.16], ['毛', 0.15], ['郝', 0.15], ['顾', 0.14],
  ['龚', 0.14], ['邵', 0.14], ['万', 0.13], ['覃', 0.13], ['武', 0.13], ['钱', 0.12], ['戴', 0.12], ['严', 0.12],
  ['欧阳', 0.05], ['司马', 0.01], ['诸葛', 0.01],
];

/** Given-name characters differ by generation as much as by sex (建国 and 秀英 are rarely under forty). */
export const givenNameChars = {
  maleOlder: [...'建国华明军伟平强志德福永春林文忠海勇刚红生富荣祥'],
  maleYounger: [...'浩宇轩子涛杰俊鹏磊晨博凯睿泽昊然鑫帅阳逸航一铭旭斌超'],
  femaleOlder: [...'秀英桂兰玉芳丽华珍凤梅红霞琴云莲淑美敏静娟萍燕芬'],
  femaleYounger: [...'婷欣怡雪雨佳琪梦涵悦颖诗思璐琳瑶晶丹倩慧洁楠萱妍可馨'],
} as const;

export type RegionType = '城市' | '县城' | '农村';

export interface County {
  name: string;
  /** Relative number of subscribers. */
  weight: number;
  /** Urban districts are mostly 城市; counties split between the county town and villages. */
  regions: readonly (readonly [RegionType, number])[];
  halls: readonly { name: string; managers: readonly string[] }[];
}

const urban = [['城市', 92], ['县城', 8]] as const;
const rural = [['县城', 55], ['农村', 45]] as const;

export const counties: readonly County[] = [
  {
    name: '江城区', weight: 24, regions: urban,
    halls: [
      { name: '江城人民路营业厅', managers: ['周丽娟', '黄志强'] },
      { name: '江城中山广场营业厅', managers: ['吴静', '孙晓东'] },
      { name: '江城滨江营业厅', managers: ['胡雪梅'] },
    ],
  },
  {
    name: '临港区', weight: 16, regions: urban,
    halls: [
      { name: '临港港城大道营业厅', managers: ['郭海涛', '林佳'] },
      { name: '临港新区营业厅', managers: ['何晓梅'] },
    ],
  },
  {
    name: '东湖区', weight: 15, regions: urban,
    halls: [
      { name: '东湖路营业厅', managers: ['高建华', '罗婷'] },
      { name: '东湖高新区营业厅', managers: ['郑凯'] },
    ],
  },
  {
    name: '西山县', weight: 13, regions: rural,
    halls: [
      { name: '西山县城营业厅', managers: ['梁红', '谢国强'] },
      { name: '西山镇营业厅', managers: ['宋玉兰'] },
    ],
  },
  {
    name: '青溪县', weight: 12, regions: rural,
    halls: [
      { name: '青溪中心营业厅', managers: ['唐明', '许丽'] },
      { name: '青溪溪口镇营业厅', managers: ['韩志刚'] },
    ],
  },
  {
    name: '白沙县', weight: 11, regions: rural,
    halls: [
      { name: '白沙县城营业厅', managers: ['邓秀英', '冯伟'] },
      { name: '白沙乡营业厅', managers: ['曹永春'] },
    ],
  },
  {
    name: '云岭县', weight: 9, regions: rural,
    halls: [{ name: '云岭县城营业厅', managers: ['彭丽华', '曾勇'] }],
  },
];

/** Identity-number area codes (first six digits) standing in for 临江市's districts and counties. */
export const idAreaCodes = ['360902', '360921', '360922', '360923', '360924', '360925', '360926', '360981'] as const;

export type Brand = '全球通' | '动感地带' | '神州行';

export interface Plan {
  code: string;
  name: string;
  fee: number;
  brand: Brand;
  /** How often the plan is chosen within its brand. */
  weight: number;
}

const plan = (brand: Brand, code: string, name: string, fee: number, weight: number): Plan => ({ code, name, fee, brand, weight });

export const plans: readonly Plan[] = [
  plan('全球通', 'QQT128', '全球通畅享套餐128元', 128, 30),
  plan('全球通', 'QQT158', '全球通畅享套餐158元', 158, 22),
  plan('全球通', 'QQT198', '全球通畅享套餐198元', 198, 18),
  plan('全球通', 'QQT238', '全球通畅享套餐238元', 238, 10),
  plan('全球通', 'QQT288', '全球通畅享套餐288元', 288, 8),
  plan('全球通', 'QQT388', '全球通畅享套餐388元', 388, 5),
  plan('全球通', 'QQT588', '全球通畅享套餐588元', 588, 2),
  plan('全球通', 'QQTSL99', '全球通商旅套餐99元', 99, 5),
  plan('动感地带', 'DGDD19', '动感地带芒果卡19元', 19, 15),
  plan('动感地带', 'DGDD29', '动感地带潮玩套餐29元', 29, 20),
  plan('动感地带', 'DGDD39', '动感地带潮玩套餐39元', 39, 25),
  plan('动感地带', 'DGDD59', '动感地带潮玩套餐59元', 59, 22),
  plan('动感地带', 'DGDD79', '动感地带潮玩套餐79元', 79, 12),
  plan('动感地带', 'DGDD99', '动感地带潮玩套餐99元', 99, 6),
  plan('神州行', 'SZX8', '神州行畅听卡8元', 8, 18),
  plan('神州行', 'SZX18', '神州行畅聊套餐18元', 18, 24),
  plan('神州行', 'SZX28', '神州行畅聊套餐28元', 28, 22),
  plan('神州行', 'SZX38', '神州行畅聊套餐38元', 38, 18),
  plan('神州行', 'SZX58', '神州行畅聊套餐58元', 58, 12),
  plan('神州行', 'SZXQS48', '神州行亲情套餐48元', 48, 6),
];

export interface Handset {
  model: string;
  smart: boolean;
  /** Months since the model came out: nobody has owned one longer. */
  minMonths: number;
  /** Who buys it: young (<30), middle, older (>55). */
  appeal: readonly [number, number, number];
}

export const handsets: readonly Handset[] = [
  { model: 'Apple iPhone 16', smart: true, minMonths: 0, appeal: [6, 4, 1] },
  { model: 'Apple iPhone 15', smart: true, minMonths: 2, appeal: [6, 5, 1] },
  { model: 'Apple iPhone 13', smart: true, minMonths: 14, appeal: [4, 4, 1] },
  { model: 'Apple iPhone 11', smart: true, minMonths: 30, appeal: [2, 3, 1] },
  { model: 'HUAWEI Mate 60 Pro', smart: true, minMonths: 4, appeal: [3, 6, 2] },
  { model: 'HUAWEI Mate 40', smart: true, minMonths: 26, appeal: [1, 4, 2] },
  { model: 'HUAWEI nova 12', smart: true, minMonths: 2, appeal: [5, 3, 1] },
  { model: 'HUAWEI 畅享 50', smart: true, minMonths: 10, appeal: [1, 3, 4] },
  { model: 'HONOR X50', smart: true, minMonths: 6, appeal: [3, 4, 2] },
  { model: 'Xiaomi 14', smart: true, minMonths: 4, appeal: [5, 3, 1] },
  { model: 'Redmi Note 13', smart: true, minMonths: 4, appeal: [5, 4, 2] },
  { model: 'Redmi Note 9', smart: true, minMonths: 30, appeal: [2, 3, 3] },
  { model: 'OPPO Reno11', smart: true, minMonths: 4, appeal: [5, 3, 1] },
  { model: 'OPPO A58', smart: true, minMonths: 8, appeal: [2, 4, 4] },
  { model: 'vivo X100', smart: true, minMonths: 4, appeal: [4, 3, 1] },
  { model: 'vivo Y36', smart: true, minMonths: 8, appeal: [2, 4, 4] },
  { model: 'realme GT Neo5', smart: true, minMonths: 12, appeal: [4, 1, 0] },
  { model: '中兴 Axon 40', smart: true, minMonths: 20, appeal: [1, 2, 1] },
  { model: '诺基亚 105', smart: false, minMonths: 24, appeal: [0, 1, 4] },
  { model: '守护宝 K230', smart: false, minMonths: 12, appeal: [0, 0, 5] },
];

export const contractTypes = ['存费送费', '购机合约', '宽带融合合约', '保底消费合约', '存费送机'] as const;
export const noContract = '无合约';

export const channelPrefs = ['营业厅', '手机营业厅', '网上营业厅', '10086热线', '社会渠道'] as const;
export const contactPrefs = ['外呼', '短信', '营业厅', '上门'] as const;

/** Dual-SIM flag values of the central system, with the competitor each points to. */
export const dualSimValues = [
  ['移动+电信', 'telecom', 45],
  ['移动+联通', 'unicom', 40],
  ['移动+广电', 'broadnet', 15],
] as const;
export const noDualSim = '无';

/** Where the line was sold; campus and street-dealer lines are the known flighty ones. */
export const joinChannels = [
  ['营业厅', 45],
  ['社会渠道', 30],
  ['线上', 15],
  ['校园', 10],
] as const;
