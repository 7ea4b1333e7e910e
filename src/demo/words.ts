import type { Rng } from './rng.ts';
import type { ColumnClass } from './types.ts';

/** Word pools for realistic titles. The district is 珠山区 (景德镇); the places are plausible, not a census. */

const TOWN_TOPICS = [
  '人居环境整治', '安全生产', '防汛备汛', '文明城市创建', '垃圾分类', '燃气安全排查', '基层治理',
  '反诈宣传', '老旧小区改造', '网格化管理', '移风易俗', '消防安全', '食品安全', '退役军人服务',
];
const VILLAGE_TOPICS = ['森林防火', '乡村振兴', '秋冬种生产', '农村饮水安全', '高标准农田建设', '村级集体经济发展'];

const DEPT_TOPICS: Record<string, string[]> = {
  fgw: ['重大项目建设', '优化营商环境', '价格监测', '粮食安全', '节能降碳', '社会信用体系建设', '项目谋划储备'],
  jyj: ['校园安全', '义务教育优质均衡', '教师队伍建设', '暑期防溺水', '课后服务', '招生入学', '学前教育普及普惠'],
  czj: ['预算绩效管理', '政府采购监管', '财会监督', '国有资产管理', '惠民惠农补贴发放', '政府债务风险防控'],
  rsj: ['稳就业', '根治欠薪', '技能人才培养', '社会保险扩面', '高校毕业生就业', '劳动人事争议调解'],
  zrzyj: ['耕地保护', '国土空间规划', '不动产登记', '矿产资源管理', '地质灾害防治', '违法用地整治'],
  wjw: ['基层医疗卫生服务', '家庭医生签约', '传染病防控', '健康促进', '医疗质量安全', '爱国卫生运动'],
  yjglj: ['安全生产', '防汛抗旱', '森林防火', '燃气安全', '危险化学品监管', '应急演练', '消防安全'],
};

const PLACES: Record<string, string[]> = {
  xinchang: ['新厂社区', '东郊社区', '金岭社区', '新华社区'],
  lishi: ['里市社区', '湖田社区', '三闾庙社区', '戴家弄社区'],
  shishibu: ['石狮埠社区', '瓷都大道社区', '枫树山社区'],
  zhoujia: ['周家社区', '朝阳社区', '八角亭社区'],
  jingcheng: ['竟成村', '杨梅亭村', '三宝村', '湘湖村', '寺前村'],
};

const SURNAMES = [...'张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金廖夏方邹熊邱江'];
const GIVEN = ['明华', '建国', '丽娟', '志强', '海燕', '晓东', '文斌', '春梅', '俊杰', '秀英', '国平', '红霞', '伟', '敏', '静', '磊', '婷', '军', '芳', '勇', '子涵', '思远', '雨欣', '立新', '卫东', '喆', '子喆', '堃', '昕玥'];
const POSITIONS = ['社区工作者', '编外工作人员', '公益性岗位人员', '专职网格员', '城市管理协管员'];
/** Activities by month (index 0 = January), so that a March article is not about 端午. */
const ACTIVITIES: string[][] = [
  ['我们的节日·春节', '寒冬送温暖'], ['我们的节日·元宵', '春风行动'], ['学雷锋志愿服务', '3·15消费者权益保护'],
  ['全民国家安全教育日', '我们的节日·清明'], ['劳动最光荣', '防灾减灾宣传周'], ['我们的节日·端午', '安全生产月'],
  ['七一党课', '防溺水安全教育'], ['八一拥军慰问', '全民健身日'], ['我们的节日·中秋', '全民国防教育日'],
  ['敬老爱老·重阳', '我们的节日·国庆'], ['消防宣传月', '宪法宣传'], ['国家宪法日宣传', '冬季安全大排查'],
];
const FESTIVALS = ['元旦春节', '清明节', '五一', '端午节', '中秋国庆'];
const CN_NUM = ['一', '二', '三', '四'];

export interface TitleContext {
  unitId: string;
  unitName: string;
  short: string;
  town: boolean;
  /** 'YYYY-MM-DD' of the item. */
  date: string;
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

function topics(ctx: TitleContext): string[] {
  if (!ctx.town) return DEPT_TOPICS[ctx.unitId] ?? TOWN_TOPICS;
  return ctx.unitId === 'jingcheng' ? [...VILLAGE_TOPICS, ...TOWN_TOPICS] : TOWN_TOPICS;
}

/** A title for a new item of a column class, dated `ctx.date`. */
/** Picks one of several lazily built strings: only the chosen title is composed. */
function choose(rng: Rng, options: Array<() => string>): string {
  return rng.pick(options)();
}

export function makeTitle(rng: Rng, cls: ColumnClass, ctx: TitleContext, slug: string): string {
  const year = Number(ctx.date.slice(0, 4));
  const month = Number(ctx.date.slice(5, 7));
  const quarter = CN_NUM[Math.floor((month - 1) / 3)];
  const topic = rng.pick(topics(ctx));
  const place = rng.pick(PLACES[ctx.unitId] ?? [ctx.short]);
  const activity = rng.pick(ACTIVITIES[month - 1]);
  const party = ctx.town ? (ctx.unitId === 'jingcheng' ? '党委' : '党工委') : '党组';
  const n = ctx.unitName;
  switch (cls) {
    case '动态要闻':
      if (slug === 'xmjs') {
        return choose(rng, [
          () => `珠山区${year}年第${quarter}季度重大项目集中开工`,
          () => `区发改委调度${topic}推进情况`,
          () => `${rng.pick(['陶瓷文化创意园', '城东污水处理厂提标改造', '昌江河沿岸综合整治', '智能制造产业园标准厂房'])}项目建设加速推进`,
          () => `珠山区召开${month}月份重大项目建设推进会`,
        ]);
      }
      return choose(rng, [
        () => `${ctx.short}召开${topic}工作推进会`,
        () => `${ctx.short}开展${topic}专项检查`,
        () => `${ctx.short}多措并举扎实做好${topic}工作`,
        () => ctx.town ? `${place}：开展“${activity}”主题活动` : `${ctx.short}组织开展“${activity}”活动`,
        () => `${ctx.short}${party}理论学习中心组开展${month}月份集中学习`,
        () => `${ctx.short}部署${year}年${topic}重点工作`,
        () => ctx.town ? `${place}${topic}见实效` : `${ctx.short}赴${rng.pick(['新厂街道', '竟成镇', '里市街道', '周家街道'])}调研${topic}工作`,
        () => `${ctx.short}举办${topic}业务培训班`,
        () => `${ctx.short}迎接市${topic}工作督查`,
        () => ctx.town ? `${place}新时代文明实践站开展${activity}活动` : `${ctx.short}召开${year}年${topic}工作会议`,
        () => `${ctx.short}召开${month}月份${topic}工作调度会`,
      ]);
    case '通知公告':
      return choose(rng, [
        () => `关于开展${year}年${topic}工作的通知`,
        () => `关于做好${year}年${rng.pick(FESTIVALS)}期间${topic}工作的通知`,
        () => `${n}关于${topic}有关事项的公告`,
        () => `关于${year}年度${topic}评选结果的公示`,
        () => `关于征求《珠山区${topic}实施方案（征求意见稿）》意见的公告`,
        () => `关于${month}月份${topic}情况的通报`,
      ]);
    case '政策文件':
      return choose(rng, [
        () => `关于印发《珠山区${topic}实施方案》的通知`,
        () => `关于印发《珠山区${topic}管理办法（试行）》的通知`,
        () => `珠山区${topic}三年行动计划（${year}—${year + 2}年）`,
        () => `关于进一步加强${topic}工作的实施意见`,
        () => `关于印发《${n}${topic}工作制度》的通知`,
      ]);
    case '人事':
      return choose(rng, [
        () => `关于${personName(rng)}同志任职前公示`,
        () => `${n}${year}年公开招聘${rng.pick(POSITIONS)}拟聘用人员名单公示`,
        () => `${n}关于${personName(rng)}等同志职务任免的通知`,
        () => `${n}${year}年公开招聘${rng.pick(POSITIONS)}资格复审结果公告`,
      ]);
    case '规划计划':
      if (slug === 'yjsgk') {
        // Budgets are published early in the year, final accounts in late summer, execution reports monthly.
        if (month <= 2) return `珠山区${year}年区级部门预算公开`;
        if (month === 8 || month === 9) return `珠山区${year - 1}年区级部门决算公开`;
        return `珠山区${year}年1—${month - 1}月财政预算执行情况`;
      }
      return choose(rng, [
        () => `${n}${year}年工作计划`,
        () => `${n}${year}年上半年工作总结和下半年工作安排`,
        () => `${n}${year}年${topic}工作要点`,
        () => `珠山区“十五五”${topic}专项规划`,
      ]);
    case '机构信息':
      return choose(rng, [
        () => `${n}主要职责`,
        () => `${n}领导班子成员分工（${year}年${month}月调整）`,
        () => `${n}内设机构及职能`,
        () => `${n}办公地址及联系方式`,
        () => `${n}所属事业单位基本情况`,
      ]);
    case '年报':
      return `${n}${year - 1}年政府信息公开工作年度报告`;
  }
}

/** Old items a unit keeps pinned at the top of a list. */
export function pinnedTitle(cls: ColumnClass, ctx: TitleContext, i: number): string {
  const titles = cls === '动态要闻' ? [
    `${ctx.short}深入学习贯彻党的二十届三中全会精神`,
    `${ctx.short}“我为群众办实事”实践活动专栏`,
  ] : [
    `${ctx.unitName}政府信息公开指南`,
    `关于公布${ctx.unitName}政务服务咨询投诉电话的公告`,
    `${ctx.unitName}关于规范政府信息依申请公开工作的通知`,
  ];
  return titles[i % titles.length];
}

