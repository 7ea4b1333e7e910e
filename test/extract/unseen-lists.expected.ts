/**
 * Ground truth for test/fixtures/real-pages/unseen-lists/ (provenance in SOURCES.md there), written by reading
 * each page: every item of the column's own list, in page order, with the title as the page shows it (the
 * title attribute where the link text is cut), the absolute URL and the date shown beside it.
 */

export interface UnseenItem {
  title: string;
  url: string;
  date: string | null;
}

export interface UnseenList {
  file: string;
  url: string;
  note: string;
  /** The day the page was saved, for month-day dates. */
  refDay: string;
  items: UnseenItem[];
  nextPages: { count: number; first?: string; last?: string };
}

export const UNSEEN_LISTS: UnseenList[] = [
  {
    file: "list-ordos-engebei-trs-table-1.html",
    url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/",
    note: "TRS WCM, table.gl_list rows: icon td, title td, date td; left nav table of 11 undated links; pager rendered by the browser (共计2页, index_1.html)",
    refDay: "2017-10-21",
    items: [
      { title: "鄂尔多斯市2019年政府信息公开工作年度报告", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/202009/t20200903_2748784.html", date: "2020-09-03" },
      { title: "恩格贝生态示范区召开2020年度工作会暨党风廉政建设会议", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/202005/t20200506_2633371.html", date: "2020-05-06" },
      { title: "鄂尔多斯市人民政府办公室2019年政府信息公开工作年度报告", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/202003/t20200311_2593126.html", date: "2020-03-11" },
      { title: "恩格贝生态示范区召开目标责任制考核表彰大会", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/201906/t20190614_2389850.html", date: "2019-06-14" },
      { title: "鄂尔多斯市2018年政府信息公开年度报告", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/201905/t20190530_2380968.html", date: "2019-05-30" },
      { title: "内蒙古自治区2018年政府信息公开工作年度报告", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/201905/t20190530_2380967.html", date: "2019-05-30" },
      { title: "恩格贝生态示范区召开2018年度工作会议暨党风廉政建设会议", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/201811/t20181102_2290635.html", date: "2018-03-26" },
      { title: "恩格贝生态示范区：栽下梧桐引凤来", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/201811/t20181102_2290607.html", date: "2018-01-05" },
      { title: "一图读懂示范区2017年重点工作", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/201805/t20180525_2166460.html", date: "2017-03-22" },
      { title: "2016，恩格贝，精彩继续！", url: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/201802/t20180205_2082017.html", date: "2017-01-07" },
    ],
    nextPages: { count: 1, first: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/index_1.html", last: "http://www.ordos.gov.cn/egb/xxgk/xxgknb/index_1.html" },
  },
  {
    file: "list-zhangshu-trs-table-mmdd-1.html",
    url: "http://www.zhangshu.gov.cn/zwgk/zhxx/",
    note: "TRS WCM 2017, table rows with MM-DD dates (saved 2017-10-20: 10-19 is 2017); a header marquee of 12 one-row tables with MM-DD dates of 2015–2017 (not the column); createPageHTML(21, 0, \"index\", \"html\")",
    refDay: "2017-10-21",
    items: [
      { title: "江西（樟树）医药产业招商引资推介会举行", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171019_398276.html", date: "2017-10-19" },
      { title: "江西省药品第三方现代物流启动仪式举行", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171019_398275.html", date: "2017-10-19" },
      { title: "副省长李贻煌等领导视察樟树第48届全国药交会交易会场", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171019_398274.html", date: "2017-10-19" },
      { title: "樟树首次举办全国药店团购会", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171018_398194.html", date: "2017-10-18" },
      { title: "振兴中国药都 弘扬中华医药一一樟树第48届全国药材药品交易会...", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171016_398067.html", date: "2017-10-16" },
      { title: "中国（樟树）中医药峰会在樟树举行", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171016_398027.html", date: "2017-10-16" },
      { title: "宜春市政协主席陈荣到我市调研", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171016_398026.html", date: "2017-10-16" },
      { title: "樟树启动实施“智慧城市”建设", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171011_397574.html", date: "2017-10-11" },
      { title: "樟树市成功入选2017年多个百强县市榜", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171011_397571.html", date: "2017-10-11" },
      { title: "2017“樟树·中国药都杯”中日韩围棋大师赛暨中国围棋甲级联...", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171010_397432.html", date: "2017-10-10" },
      { title: "红色革命遗迹——毛泽东旧居免费对外开放", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201710/t20171009_397388.html", date: "2017-10-09" },
      { title: "刘安安书记参观《江山多娇》柯克中国山水画展", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170930_397102.html", date: "2017-09-30" },
      { title: "宜春市重大项目巡查组成员到我市巡查", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170928_396616.html", date: "2017-09-28" },
      { title: "刘安安调研秀美乡村、重大项目建设和棚户区改造工作", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170929_396862.html", date: "2017-09-29" },
      { title: "省林业厅巡视员魏运华到我市调研", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170929_396861.html", date: "2017-09-29" },
      { title: "中国城镇化促进会来我市考察", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170926_396174.html", date: "2017-09-26" },
      { title: "省水利厅厅长罗小云到我市督导河道采砂管理工作", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170926_396173.html", date: "2017-09-26" },
      { title: "樟树市举行“砺剑2017”反恐处突演习", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170925_396074.html", date: "2017-09-25" },
      { title: "省政府批复同意樟树工业园区扩区和调整区位", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170925_395989.html", date: "2017-09-25" },
      { title: "省综合应急救援工作督导组到樟树督导", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170925_395981.html", date: "2017-09-25" },
      { title: "2017国际（樟树）中医药博览会暨中国药都（樟树）第48届全国...", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170922_395692.html", date: "2017-09-22" },
      { title: "樟树市对省环保督察组交办信访件16-10处理情况", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170925_396059.html", date: "2017-09-25" },
      { title: "樟树市对省环保督察组交办信访件15-7处理情况", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170925_396057.html", date: "2017-09-25" },
      { title: "樟树市对省环保督察组交办信访件14-12处理情况", url: "http://www.zhangshu.gov.cn/zwgk/zhxx/201709/t20170925_396056.html", date: "2017-09-25" },
    ],
    nextPages: { count: 20, first: "http://www.zhangshu.gov.cn/zwgk/zhxx/index_1.html", last: "http://www.zhangshu.gov.cn/zwgk/zhxx/index_20.html" },
  },
  {
    file: "list-gaoan-enorth-dl-1.html",
    url: "http://www.gaxww.com/hot/index.shtml",
    note: "enorth webpublisher (中共高安市委宣传部 高安新闻网), GB2312: each item a <div class=\"newsmb\"><dl><dt>title</dt><dd>查阅全文 link + 发表于：2017/10/19</dd></dl> in its own table row; side boxes 热点新闻/视频新闻 undated; pager drawn by an external script (none static)",
    refDay: "2017-10-21",
    items: [
      { title: "【时政】①宜春市政协到我市视察河长制工作", url: "http://www.gaxww.com/system/2017/10/19/016478629.shtml", date: "2017-10-19" },
      { title: "【消灭劣Ⅴ类水】鲁伟深入肖江流域督查消灭劣Ⅴ类水工作", url: "http://www.gaxww.com/system/2017/10/18/016477784.shtml", date: "2017-10-18" },
      { title: "【喜迎十九大】我市欢送党的十九大代表付秀秀赴京参会", url: "http://www.gaxww.com/system/2017/10/18/016477748.shtml", date: "2017-10-18" },
      { title: "【时政】我市举行第三届“泛高安”陶瓷采购节新闻发布会", url: "http://www.gaxww.com/system/2017/10/18/016477731.shtml", date: "2017-10-18" },
      { title: "一分钟读懂党的十八届七中全会公报", url: "http://www.gaxww.com/system/2017/10/18/016477663.shtml", date: "2017-10-18" },
      { title: "众人划桨开大船 同舟共济搏急流_高安广电网络公司以实际行动迎接党的十九大", url: "http://www.gaxww.com/system/2017/10/18/016477629.shtml", date: "2017-10-18" },
      { title: "解读”高安卫计委惠民政策“，全市老百姓们，福利来了！", url: "http://www.gaxww.com/system/2017/10/18/016477526.shtml", date: "2017-10-18" },
      { title: "消灭劣Ⅴ类水，高安在行动！", url: "http://www.gaxww.com/system/2017/10/18/016477520.shtml", date: "2017-10-18" },
      { title: "【人物故事】陈宏：一位基层司法所长的朴素情怀", url: "http://www.gaxww.com/system/2017/10/18/016477388.shtml", date: "2017-10-18" },
      { title: "【品读高安】谢季：山水洪城情", url: "http://www.gaxww.com/system/2017/10/18/016477184.shtml", date: "2017-10-18" },
      { title: "高安市民间融资登记服务中心有限公司 诚聘信息", url: "http://www.gaxww.com/system/2017/10/17/016474579.shtml", date: "2017-10-17" },
      { title: "【中国高安 巴夫洛田园综合体】扮靓新家园 开启新生活", url: "http://www.gaxww.com/system/2017/10/12/016460891.shtml", date: "2017-10-12" },
    ],
    nextPages: { count: 0 },
  },
  {
    file: "list-jingan-powereasy-datefirst-1.html",
    url: "http://www.jxjaxzf.gov.cn/Category_133/Index.aspx",
    note: "动易 SiteFactory (ASP.NET, pe100 pager): ul.newsList li with the date before the title, empty li.split every five; mega-menu tabs with three MM-DD lists (the first is this column, cut titles) and a 信件选登 list with full dates; pager Index_2.aspx … Index_120.aspx (共2397篇文章/共120页)",
    refDay: "2017-10-21",
    items: [
      { title: "我县保障性住房公开摇号、405户中低收入家庭喜圆住房梦", url: "http://www.jxjaxzf.gov.cn/Item/24067.aspx", date: "2017-10-20" },
      { title: "广西天等县考察团到我县考察精准扶贫工作", url: "http://www.jxjaxzf.gov.cn/Item/24066.aspx", date: "2017-10-20" },
      { title: "我县广大干部群众收听收看十九大开幕式盛况", url: "http://www.jxjaxzf.gov.cn/Item/24064.aspx", date: "2017-10-19" },
      { title: "我县开展2017年扶贫日电商扶贫体验活动", url: "http://www.jxjaxzf.gov.cn/Item/24063.aspx", date: "2017-10-18" },
      { title: "我县获评2016年度市县科学发展综合考核评价先进县称号", url: "http://www.jxjaxzf.gov.cn/Item/24059.aspx", date: "2017-10-17" },
      { title: "县人大开展城区备用水源调研工作", url: "http://www.jxjaxzf.gov.cn/Item/24054.aspx", date: "2017-10-16" },
      { title: "“田野牧歌•仁首老家”在周末大舞台精彩演出", url: "http://www.jxjaxzf.gov.cn/Item/24053.aspx", date: "2017-10-16" },
      { title: "市委常委、组织部长蔡清平到我县督查安全生产、社会稳…", url: "http://www.jxjaxzf.gov.cn/Item/24050.aspx", date: "2017-10-13" },
      { title: "全县当前重点工作调度会召开", url: "http://www.jxjaxzf.gov.cn/Item/24047.aspx", date: "2017-10-12" },
      { title: "县政府召开第十一次常务会议", url: "http://www.jxjaxzf.gov.cn/Item/24039.aspx", date: "2017-10-11" },
      { title: "我县成功入选“2017年度国家有机产品认证示范创建区”…", url: "http://www.jxjaxzf.gov.cn/Item/24037.aspx", date: "2017-10-10" },
      { title: "我县赵青、张远平夫妇荣登9月中国好人榜", url: "http://www.jxjaxzf.gov.cn/Item/24036.aspx", date: "2017-10-09" },
      { title: "省旅发委副主任陈晓平一行到我县开展双节期间旅游市场…", url: "http://www.jxjaxzf.gov.cn/Item/24031.aspx", date: "2017-10-09" },
      { title: "我县举行第四个全国烈士纪念日公祭活动", url: "http://www.jxjaxzf.gov.cn/Item/24027.aspx", date: "2017-09-30" },
      { title: "我县全面启动“国省干线路长制”建设", url: "http://www.jxjaxzf.gov.cn/Item/24026.aspx", date: "2017-09-29" },
      { title: "2017江西靖安第三届宝峰孝文化庙会即将启幕", url: "http://www.jxjaxzf.gov.cn/Item/24022.aspx", date: "2017-09-28" },
      { title: "我县义务教育均衡发展基本均衡顺利通过省级复查", url: "http://www.jxjaxzf.gov.cn/Item/24016.aspx", date: "2017-09-28" },
      { title: "我市对今年新上项目开展巡查", url: "http://www.jxjaxzf.gov.cn/Item/24013.aspx", date: "2017-09-27" },
      { title: "靖安(广州)精工制造（工程机械配套件）产业园专题招商…", url: "http://www.jxjaxzf.gov.cn/Item/24008.aspx", date: "2017-09-26" },
      { title: "全市安全生产工作电视电话会议召开", url: "http://www.jxjaxzf.gov.cn/Item/24005.aspx", date: "2017-09-25" },
    ],
    nextPages: { count: 119, first: "http://www.jxjaxzf.gov.cn/Category_133/Index_2.aspx", last: "http://www.jxjaxzf.gov.cn/Category_133/Index_120.aspx" },
  },
];
