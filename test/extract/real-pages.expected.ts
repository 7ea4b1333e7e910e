/**
 * Ground truth for test/fixtures/real-pages/pages/, written by reading each saved page (not by running the
 * extractor). `dates` lists the visible date cells of the list block in page order, read with grep on the
 * page's own markup (e.g. `<span>2026/08/27</span>`); titles, URLs and metadata were read from the HTML.
 * `url` is the page's original address (SOURCES.md); where only the host is known the column path is our
 * assumption, which only matters for resolving relative links.
 */

export interface ListTruth {
  file: string;
  url: string;
  note: string;
  count: number;
  first?: { title: string; url: string; date: string };
  last?: { title: string; url: string; date: string };
  dates?: string[];
  nextPages: { count: number; first?: string; last?: string };
  dataEndpoint?: string;
  challenge?: boolean;
  /** Default: none, or ['no-items'] for an empty list. */
  flags?: string[];
}

export interface DetailTruth {
  file: string;
  url: string;
  note: string;
  title: string;
  publishedAt: string | null;
  documentDate: string | null;
  indexNo: string | null;
  publisher: string | null;
  docNo: string | null;
}

const d = (s: string) => s.split(' ');

export const LISTS: ListTruth[] = [
  {
    file: 'list-ndrc-trs-1.html',
    url: 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/',
    note: '25 <li> in ul.u-list, each with a nested div.popbox of 相关解读 links (not items); <span>2026/08/27</span>; createPageHTML(20, 0, "index", "html") → index_1..index_19',
    count: 25,
    first: {
      title: '关于印发《物流网建设实施方案》的通知(发改经贸〔2026〕1241号)',
      url: 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/202608/t20260828_1407232.html',
      date: '2026-08-27',
    },
    last: {
      title: '关于修订省间电力现货交易规则的复函(发改办体改〔2026〕275号)',
      url: 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/202604/t20260424_1404861.html',
      date: '2026-04-24',
    },
    dates: d('2026-08-27 2026-08-20 2026-08-17 2026-08-10 2026-08-03 2026-08-03 2026-07-23 2026-07-22 2026-07-16 2026-07-10 2026-06-25 2026-06-15 2026-06-08 2026-06-05 2026-06-02 2026-06-01 2026-05-28 2026-05-25 2026-05-22 2026-05-20 2026-05-20 2026-05-19 2026-05-11 2026-04-27 2026-04-24'),
    nextPages: { count: 19, first: 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/index_1.html', last: 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/index_19.html' },
  },
  {
    file: 'list-jsfgw-hanweb-datastore-1.html',
    url: 'http://fzggw.jiangsu.gov.cn/col/col284/index.html',
    note: 'records only inside two <script type="text/xml"> datastores (PC 423656 and mobile 427101, same 30 records); jpage totalRecord:138, perPage:10, groupSize:3 → startrecord 31, 61, 91, 121',
    count: 30,
    first: {
      title: '江苏省成品油价格调整公告（2026年第16号）',
      url: 'http://fzggw.jiangsu.gov.cn/art/2026/8/28/art_284_11821965.html',
      date: '2026-08-28',
    },
    last: {
      title: '江苏省成品油价格调整公告（2025年第15号）',
      url: 'http://fzggw.jiangsu.gov.cn/art/2025/10/27/art_284_11663287.html',
      date: '2025-10-27',
    },
    dates: d('2026-08-28 2026-08-14 2026-07-31 2026-07-17 2026-07-03 2026-06-18 2026-06-06 2026-06-04 2026-06-01 2026-05-21 2026-05-08 2026-04-21 2026-04-13 2026-04-07 2026-03-30 2026-03-23 2026-03-09 2026-02-24 2026-02-03 2026-01-20 2025-12-30 2025-12-24 2025-12-22 2025-12-08 2025-11-24 2025-11-14 2025-11-12 2025-11-11 2025-11-10 2025-10-27'),
    nextPages: { count: 4 },
    dataEndpoint: 'http://fzggw.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp',
  },
  {
    file: 'list-pingtan-trt-avalon-1.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/',
    note: '75 static items = maxStaticIndex 5 × prepage 15, in 15 <ul>s of five; the ms-repeat template rows have no href; recordCount 107, the rest only via the trsapi search endpoint (no static pager)',
    count: 75,
    first: {
      title: '平潭综合实验区社会事业局关于2025年中小学教育装备产品“双随机、一公开”抽查工作情况的通报',
      url: 'https://www.pingtan.gov.cn/zwgk/zdlyxxgk/ssjygk/sjccjg/202511/t20251111_103189.htm',
      date: '2025-11-11',
    },
    last: {
      title: '2021年第一季度区公安局治安巡特警支队开展保安单位“双随机”抽查工作情况',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/202104/t20210416_25621.htm',
      date: '2021-04-16',
    },
    dates: d('2025-11-11 2025-04-03 2025-03-21 2024-12-26 2024-10-17 2024-08-13 2024-04-09 2024-04-09 2024-04-09 2024-03-29 2024-03-15 2023-12-21 2023-12-21 2023-12-21 2023-12-21 2023-12-19 2023-12-18 2023-12-18 2023-12-15 2023-12-15 2023-12-15 2023-12-15 2023-12-14 2023-10-23 2023-09-30 2023-09-27 2023-09-26 2023-09-26 2023-09-21 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-07-06 2023-06-30 2023-05-31 2023-05-29 2023-04-25 2023-04-25 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-04-21 2023-03-31 2023-03-28 2023-03-27 2023-01-05 2022-11-16 2022-10-10 2022-04-21 2022-04-21 2022-04-21 2021-04-16 2021-04-16 2021-04-16 2021-04-16 2021-04-16 2021-04-16 2021-04-16'),
    nextPages: { count: 0 },
    dataEndpoint: 'https://www.pingtan.gov.cn/fjdzapp/search',
    flags: ['script-filled', 'pager-not-followed'],
  },
  {
    file: 'list-pingtan-trt-avalon-2.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ztgh/',
    note: 'same template, recordCount 11, all static',
    count: 11,
    first: {
      title: '中共福建省委平潭综合实验区工作委员会关于制定平潭综合实验区国民经济和社会发展第十五个五年规划的建议',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ztgh/202601/t20260130_104907.htm',
      date: '2026-01-30',
    },
    last: {
      title: '平潭综合实验区国民经济和社会发展第十三个五年规划纲要',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ztgh/202211/t20221114_38581.htm',
      date: '2017-05-24',
    },
    dates: d('2026-01-30 2022-11-14 2022-11-13 2022-06-08 2022-05-13 2022-04-08 2021-12-02 2018-03-23 2017-06-02 2017-05-24 2017-05-24'),
    nextPages: { count: 0 },
    flags: ['script-filled'],
  },
  {
    file: 'list-pingtan-trt-avalon-3.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/qygh/',
    note: 'recordCount 25; dates not sorted (docorderpri first)',
    count: 25,
    first: {
      title: '平潭综合实验区自然资源与生态环境局关于《平潭综合实验区苏澳管理单元苏平酒博物馆地块控制性详细规划（含选址论证专章）》的批前公示',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/qygh/202601/t20260107_104456.htm',
      date: '2026-01-07',
    },
    last: {
      title: '平潭综合实验区自然资源与生态环境局关于《平潭综合实验区芦洋组团及周边区域控制性详细规划》局部区域规划调整批后成果公开的公告',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/qygh/202211/t20221111_38471.htm',
      date: '2022-08-31',
    },
    dates: d('2026-01-07 2025-03-06 2024-09-27 2024-08-30 2024-07-24 2025-08-11 2025-08-11 2025-06-11 2025-06-03 2025-01-17 2025-02-08 2024-09-30 2023-07-10 2023-06-12 2023-05-19 2023-05-18 2023-04-28 2023-01-16 2022-11-29 2022-06-24 2022-05-06 2022-07-07 2022-06-07 2022-06-14 2022-08-31'),
    nextPages: { count: 0 },
    flags: ['script-filled'],
  },
  {
    file: 'list-pingtan-trt-avalon-4.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ndjh/',
    note: 'recordCount 39; item 1 is detail-pingtan-trt-article-3.html',
    count: 39,
    first: {
      title: '平潭综合实验区海坛片区管理局2024年度工作总结及2025年工作思路',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ndjh/202509/t20250930_101792.htm',
      date: '2025-09-30',
    },
    last: {
      title: '平潭综合实验区苏平片区管理局2022年度工作计划',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ndjh/202112/t20211231_42036.htm',
      date: '2021-12-31',
    },
    dates: d('2025-09-30 2025-09-22 2025-09-18 2025-09-18 2025-09-18 2025-09-18 2025-09-18 2025-09-18 2025-09-10 2025-01-24 2024-05-24 2024-04-30 2024-04-28 2024-04-19 2024-03-19 2024-02-24 2023-12-18 2023-12-15 2023-12-15 2023-12-15 2023-12-14 2023-12-14 2023-12-14 2023-12-13 2023-05-31 2023-03-16 2023-02-22 2023-01-13 2023-01-09 2023-01-09 2023-01-05 2023-01-03 2022-12-02 2022-11-17 2022-11-16 2022-11-09 2022-08-05 2022-05-16 2021-12-31'),
    nextPages: { count: 0 },
    flags: ['script-filled'],
  },
  {
    file: 'list-pingtan-trt-avalon-5.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/kjgh/',
    note: 'recordCount 19; first title has double spaces and a full-width Ｂ (whitespace collapsed, Ｂ kept)',
    count: 19,
    first: {
      title: '平潭综合实验区自然资源与生态环境局 关于《平潭综合实验区芦南组团 351001-07-Ｂ-01、02及周边地块 控制性详细规划》的批前公示',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/kjgh/202601/t20260126_104818.htm',
      date: '2026-01-26',
    },
    last: {
      title: '平潭综合实验区管委会办公室关于学习贯彻《平潭综合实验区国土空间总体规划（2018-2035年）》的通知',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/kjgh/202001/t20200120_38739.htm',
      date: '2020-01-20',
    },
    dates: d('2026-01-26 2026-01-07 2025-11-20 2025-09-04 2025-08-15 2025-08-11 2025-08-11 2025-08-11 2025-03-07 2025-02-08 2025-01-09 2024-12-06 2024-08-30 2024-08-09 2024-08-09 2024-05-14 2024-04-03 2023-08-31 2020-01-20'),
    nextPages: { count: 0 },
    flags: ['script-filled'],
  },
  {
    file: 'list-pingtan-trt-avalon-6.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/zxgh/',
    note: 'recordCount 32; first item links into another column (../../zfxxgk/…)',
    count: 32,
    first: {
      title: '平潭综合实验区管委会关于印发《平潭综合实验区文物保护总体规划（2023-2035年）》的通知',
      url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/gmjjhshfzg/202404/t20240430_89651.htm',
      date: '2024-04-19',
    },
    last: {
      title: '平潭综合实验区金井片区管理局关于印发 《金井片区2022年动物疫病强制免疫计划》的通知',
      url: 'https://www.pingtan.gov.cn/zwgk/ghxx/zxgh/202211/t20221114_38575.htm',
      date: '2022-11-11',
    },
    dates: d('2024-04-19 2024-09-23 2023-06-21 2023-05-23 2022-12-09 2022-11-14 2022-06-08 2022-05-13 2020-05-25 2020-05-25 2020-05-25 2020-05-26 2021-10-21 2021-12-09 2022-06-07 2022-05-06 2021-12-13 2022-06-29 2022-06-01 2022-10-14 2022-10-20 2015-09-19 2016-09-19 2021-04-26 2021-07-21 2022-01-12 2022-02-23 2022-02-23 2022-03-28 2022-04-26 2022-06-29 2022-11-11'),
    nextPages: { count: 0 },
    flags: ['script-filled'],
  },
  {
    file: 'list-yichun-trs-table-1.html',
    url: 'http://www.yichun.gov.cn/zwgk/zwdt/zwyw/',
    note: 'TRS table rows (link cell + date cell), GroupBlankLine rows between groups of five; createPageHTML(50, 0, "index", "html") (the function definition in the page is not a call)',
    count: 20,
    first: { title: '我市在广州举行生态招商推介会', url: 'http://www.yichun.gov.cn/zwgk/zwdt/zwyw/201710/t20171015_521060.html', date: '2017-10-14' },
    last: { title: '我市颁发首张“二十四证合一”营业执照', url: 'http://www.yichun.gov.cn/zwgk/zwdt/zwyw/201710/t20171010_520596.html', date: '2017-10-10' },
    dates: d('2017-10-14 2017-10-14 2017-10-14 2017-10-13 2017-10-13 2017-10-12 2017-10-12 2017-10-12 2017-10-12 2017-10-12 2017-10-12 2017-10-11 2017-10-11 2017-10-11 2017-10-11 2017-10-11 2017-10-11 2017-10-10 2017-10-10 2017-10-10'),
    nextPages: { count: 49, first: 'http://www.yichun.gov.cn/zwgk/zwdt/zwyw/index_1.html', last: 'http://www.yichun.gov.cn/zwgk/zwdt/zwyw/index_49.html' },
  },
  {
    file: 'list-yuanzhou-trs-table-1.html',
    url: 'http://www.yzq.gov.cn/zwgk/zwdt/zwyw/',
    note: 'TRS table rows; createPageHTML(120, 0, "index", "html")',
    count: 25,
    first: { title: '袁州区财政局掀起学习贯彻省、市、区有关文件精神热潮', url: 'http://www.yzq.gov.cn/zwgk/zwdt/zwyw/201710/t20171020_398361.html', date: '2017-10-20' },
    last: { title: '袁州区财政局举办“庆国庆 迎十九大”演讲赛', url: 'http://www.yzq.gov.cn/zwgk/zwdt/zwyw/201710/t20171010_397448.html', date: '2017-10-10' },
    dates: d('2017-10-20 2017-10-20 2017-10-19 2017-10-19 2017-10-18 2017-10-18 2017-10-18 2017-10-18 2017-10-17 2017-10-16 2017-10-16 2017-10-16 2017-10-13 2017-10-13 2017-10-13 2017-10-13 2017-10-13 2017-10-12 2017-10-12 2017-10-12 2017-10-11 2017-10-11 2017-10-11 2017-10-11 2017-10-10'),
    nextPages: { count: 119, first: 'http://www.yzq.gov.cn/zwgk/zwdt/zwyw/index_1.html', last: 'http://www.yzq.gov.cn/zwgk/zwdt/zwyw/index_119.html' },
  },
  {
    file: 'list-wanzai-vwell-1.html',
    url: 'http://www.wanzai.gov.cn/news-list-wanzaiyaowen.html',
    note: '<div><a alt=…>title</a><p>date</p></div> ×20; pager: 首页 -1, 下一页 -2, 末页 -30 and a <select> of -1..-30 ("共595条记录 1/30页")',
    count: 20,
    first: { title: '万载县发布禁火令', url: 'http://www.wanzai.gov.cn/news-show-8960.html', date: '2017-10-13' },
    last: { title: '万载县14个乡镇年中人民代表大会顺利召开', url: 'http://www.wanzai.gov.cn/news-show-8849.html', date: '2017-09-27' },
    dates: d('2017-10-13 2017-10-13 2017-10-13 2017-10-12 2017-10-12 2017-10-12 2017-10-11 2017-10-11 2017-10-11 2017-10-10 2017-10-10 2017-09-30 2017-09-30 2017-09-29 2017-09-29 2017-09-29 2017-09-28 2017-09-28 2017-09-28 2017-09-27'),
    nextPages: { count: 30, first: 'http://www.wanzai.gov.cn/news-list-wanzaiyaowen-1.html', last: 'http://www.wanzai.gov.cn/news-list-wanzaiyaowen-30.html' },
  },
  {
    file: 'list-fengcheng-component-1.html',
    url: 'http://www.jxfc.gov.cn/n3/n13/index.html',
    note: '<li><span>[2017-10-13]</span><a>…; reverse-numbered JS pager (maxPageNum 199) plus hidden links index_958_1..199',
    count: 21,
    first: { title: '胡江萍调研我市重点交通工程项目推进情况', url: 'http://www.jxfc.gov.cn/n3/n13/c672769/content.html', date: '2017-10-13' },
    last: { title: '宜春市新上项目巡查组在丰城巡查', url: 'http://www.jxfc.gov.cn/n3/n13/c672331/content.html', date: '2017-10-09' },
    dates: d('2017-10-13 2017-10-13 2017-10-13 2017-10-13 2017-10-13 2017-10-13 2017-10-12 2017-10-12 2017-10-12 2017-10-12 2017-10-12 2017-10-11 2017-10-11 2017-10-11 2017-10-11 2017-10-10 2017-10-10 2017-10-10 2017-10-10 2017-10-10 2017-10-09'),
    nextPages: { count: 199, first: 'http://www.jxfc.gov.cn/n3/n13/index_958_1.html', last: 'http://www.jxfc.gov.cn/n3/n13/index_958_199.html' },
  },
  {
    file: 'list-zjfgw-jpaas-unitapi-3.json',
    url: 'https://fzggw.zj.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit',
    note: 'JSON: data.html holds <li><a title=full>truncated…</a><span>date</span>; pagination table count=388 rows=15 pageNo=1 → pages 2..26',
    count: 15,
    first: {
      title: '省发展改革委关于印发《浙江省固定资产投资项目节能审查和碳排放评价实施办法》的通知',
      url: 'https://fzggw.zj.gov.cn/col/col1229123351/art/2026/art_937add6719f140bdac86d5b97c525d28.html',
      date: '2026-06-05',
    },
    last: {
      title: '省发展改革委 省财政厅关于印发《2025年浙江省推动大规模设备更新和消费品以旧换新实施方案》的通知',
      url: 'https://fzggw.zj.gov.cn/art/2025/1/27/art_1229123351_2544446.html',
      date: '2025-01-27',
    },
    dates: d('2026-06-05 2026-06-03 2026-05-29 2026-04-30 2026-03-13 2025-12-26 2025-11-04 2025-10-20 2025-07-17 2025-06-03 2025-02-18 2025-02-14 2025-02-14 2025-02-14 2025-01-27'),
    nextPages: { count: 25 },
  },
  {
    file: 'list-zjfgw-jpaas-jsrendered-2.html',
    url: 'https://fzggw.zj.gov.cn/col/col1229565788/index.html',
    note: 'JS-rendered (unitbuild.js with url + queryData): no static items',
    count: 0,
    nextPages: { count: 0 },
    dataEndpoint: 'https://fzggw.zj.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit',
    flags: ['no-items', 'script-filled'],
  },
  {
    file: 'list-cde-ruishu-jsrendered-1.html',
    url: 'https://www.cde.org.cn/main/news/listpage/1e0a362d64015ebcbf32d6949acbba11',
    note: 'JS-rendered from art-template <script type="text/html"> templates ({{$value…}} hrefs); real page with navigation, not a challenge',
    count: 0,
    nextPages: { count: 0 },
    challenge: false,
    flags: ['no-items', 'script-filled'],
  },
  {
    file: 'stub-sbj-cnipa-ruishu-1.html',
    url: 'http://wcjs.sbj.cnipa.gov.cn/',
    note: '瑞数 challenge: an obfuscated meta, an external script and an _$xx runtime, empty body',
    count: 0,
    nextPages: { count: 0 },
    challenge: true,
  },
];

export const DETAILS: DetailTruth[] = [
  {
    file: 'detail-bynr-1.html',
    url: 'https://www.bynr.gov.cn/',
    note: 'ArticleTitle meta contains <div> markup around the subtitle; PubDate 2022-02-11 09:52',
    title: '为现代化巴彦淖尔建设凝聚强大智慧和力量——热烈祝贺市政协五届一次会议开幕',
    publishedAt: '2022-02-11',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-ccgp-hebei-1.html',
    url: 'http://www.ccgp-hebei.gov.cn/cd/cd_wc/cggg/zhbggAAAA/202110/t20211011_1485252.html',
    note: 'PubDate 2021-10-11 = visible 发布时间；footer 主办单位 is not the 发布机构',
    title: '2021年村级信息资源共享支中心电脑采购项目中标公告',
    publishedAt: '2021-10-11',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-chinaneast-gb2312-1.html',
    url: 'http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059.htm',
    note: 'GB2312, no meta tags: byline "2005年08月16日　来源：新华网" under the heading; prose years (1956 年, 2006 年) must not be read',
    title: '农机专家李金泽：为农机行业搭建现代化信息平台',
    publishedAt: '2005-08-16',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-cmse-trs-1.html',
    url: 'http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_43188.html',
    note: 'no 指引 meta; div.title heading; "发布日期: <span>2012-06-24</span>"',
    title: '天宫一号与神舟九号载人交会对接任务第二场新闻发布会',
    publishedAt: '2012-06-24',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-govcn-gongbao-1.html',
    url: 'https://www.gov.cn/gongbao/content/2007/content_711039.htm',
    note: 'no PubDate and no labelled date, but <meta name="firstpublishedtime" content="2007-08-20-23:59:59"> (公报 2007年第23号 came out in August); "2007年6月29日…通过" in the text is the adoption date (a decoy), and the "others" meta 页面生成时间 2023-10-23 is the build time; title from the heading that matches <title> (U+3000 kept as a space)',
    title: '全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007 年末国债余额限额的决议',
    publishedAt: '2007-08-20',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-jl-xxgk-1.html',
    url: 'http://xxgk.jl.gov.cn/szf/gkml/',
    note: '索引号 table twice (plus a commented-out copy); labels spaced "索 &nbsp;引 号："; 发文机关 = publisher, 发文字号 = docNo',
    title: '吉林省人民政府关于禁止在吉林省嫩江干流补充治理工程建设征占地范围内新增建设项目和迁入人口的通告',
    publishedAt: '2022-01-28',
    documentDate: '2022-01-27',
    indexNo: '11220000013544357T/2022-00426',
    publisher: '吉林省人民政府',
    docNo: '吉政明电〔2022〕1号',
  },
  {
    file: 'detail-jsfgw-hanweb-1.html',
    url: 'http://fzggw.jiangsu.gov.cn/art/2026/8/28/art_284_11821965.html',
    note: 'Maketime 2026-08-31 09:25:37 is the page build time, PubDate 2026-08-28 16:28 the publish date',
    title: '江苏省成品油价格调整公告（2026年第16号）',
    publishedAt: '2026-08-28',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-ndrc-trs-1.html',
    url: 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/202608/t20260828_1407232.html',
    note: 'PubDate 2026-08-27 14:28:41; visible 发布时间：2026/08/27; no 文号 cell: the 文号 is in the title and on the centred third line of the TRS_Editor body (<div style="text-align: center;">发改经贸〔2026〕1241号</div>); the signature date 2026年8月18日 is not labelled, so no 成文日期',
    title: '关于印发《物流网建设实施方案》的通知(发改经贸〔2026〕1241号)',
    publishedAt: '2026-08-27',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: '发改经贸〔2026〕1241号',
  },
  {
    file: 'detail-nmg-1.html',
    url: 'https://www.nmg.gov.cn/zwyw/jrgz/202202/t20220211_2004628.html',
    note: 'PubDate 2022-02-11 08:52:25; a 来源 span repeated in an HTML comment',
    title: '内蒙古延续部分到期税收优惠政策助企纾困预计4年为纳税人减负180亿元',
    publishedAt: '2022-02-11',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-pingtan-trt-article-2.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/202404/t20240409_88865.htm',
    note: 'PubDate 2024-04-09 09:02 = 时间：; list item 9 of avalon-1',
    title: '区公安局2024年第一季度烟花爆竹“双随机”抽查情况',
    publishedAt: '2024-04-09',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-pingtan-trt-article-3.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ndjh/202509/t20250930_101792.htm',
    note: 'PubDate 2025-09-30 08:50; list item 1 of avalon-4',
    title: '平潭综合实验区海坛片区管理局2024年度工作总结及2025年工作思路',
    publishedAt: '2025-09-30',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-pingtan-trt-xxgk-1.html',
    url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/201610/t20161026_79826.htm',
    note: 'index_box <li>"索&ensp;引&ensp;号：<font>…</font>"; 发文机关, 成文日期, 发文字号, 发布日期 the same way',
    title: '平潭综合实验区管委会关于废止部分规范性文件的通知',
    publishedAt: '2016-10-26',
    documentDate: '2016-10-26',
    indexNo: 'PZ00101-1700-2023-00059',
    publisher: '平潭综合实验区管委会办公室',
    docNo: '岚综管综〔2016〕266号',
  },
  {
    file: 'detail-shanxi-trs-1.html',
    url: 'http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml',
    note: 'PubDate 2019-09-18 06:23',
    title: '山西品牌丝路行（南美站）正式启动',
    publishedAt: '2019-09-18',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-zjfgw-hanweb-1.html',
    url: 'http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html',
    note: 'Maketime 2019-03-22 is not the publish date; PubDate 2016-11-22 09:53',
    title: '1-10月德清县固定资产投资结构趋稳趋优',
    publishedAt: '2016-11-22',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-zjfgw-jpaas-xxgk-2.html',
    url: 'https://fzggw.zj.gov.cn/col/col1229123351/art/2026/art_937add6719f140bdac86d5b97c525d28.html',
    note: 'table.xxgktab: 索引号, 发布机构, 生成日期 (= 成文日期), 文件编号; PubDate 2026-06-05 16:21',
    title: '省发展改革委关于印发《浙江省固定资产投资项目节能审查和碳排放评价实施办法》的通知',
    publishedAt: '2026-06-05',
    documentDate: '2026-06-02',
    indexNo: '11330000002482031M/2026-1010578183',
    publisher: '浙江省发改委',
    docNo: '浙发改能源〔2026〕116号',
  },
];
