import type { DetailTruth } from './real-pages.expected.ts';

/**
 * Ground truth for test/fixtures/real-pages/unseen/: article pages no rule was written against, read by eye
 * (provenance in that folder's SOURCES.md). They measure how the detail extractor does on pages it has not
 * seen; fix the extractor with general rules, never by special-casing one of these.
 */
export const UNSEEN: DetailTruth[] = [
  {
    file: 'detail-mee-trs-1.html',
    url: 'http://www.mee.gov.cn/ywdt/hjywnews/202204/t20220417_974894.shtml',
    note: '生态环境部 TRS: PubDate 2022-04-17 14:46:00 and publishdate 2022-04-17; the shown date is an unlabelled span under the h2 beside 来源：; footer 版权所有/网站标识码/ICP',
    title: '生态环境部一周要闻（4.10-4.16）',
    publishedAt: '2022-04-17',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-pingtan-trt-dept-1.html',
    url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/202604/t20260408_106059.htm',
    note: '平潭 财政金融局 department page without 索引号 box: PubDate = 时间：2026-04-08 11:31; the right-aligned signature date is not labelled',
    title: '平潭综合实验区财政金融局关于公开采购法律顾问服务采购结果公示',
    publishedAt: '2026-04-08',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-pingtan-trt-xxgk-2.html',
    url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/fdzdgknr/10qtwjdzjg/201209/t20120908_53390.htm',
    note: '2012 document in the index_box: 发文机关 is the publisher, 成文日期 2012-09-07, 发布日期 2012-09-08; the body signs 二〇一一年一月三十日 and "2011年1月30日印发", neither labelled',
    title: '关于印发《平潭综合实验区区对县财政管理体制方案》的通知',
    publishedAt: '2012-09-08',
    documentDate: '2012-09-07',
    indexNo: 'PZ00108-3000-2012-00003',
    publisher: '平潭综合实验区财政金融局',
    docNo: '闽岚综实管综〔2011〕9号',
  },
  {
    file: 'detail-pingtan-trt-gsgg-1.html',
    url: 'https://www.pingtan.gov.cn/zwgk/gsgg/201202/t20120220_841.htm',
    note: '公示公告 article: <title> holds only the column and site, ArticleTitle keeps the spaces; no 文号 cell, the body opens with a centred <P align=center>　　岚政[2012]6号</P>; signature 二○一二年二月十六日 (with ○) is not labelled',
    title: '平潭县人民政府 关于万宝山公园规划区 坟墓迁移的通告',
    publishedAt: '2012-02-20',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: '岚政[2012]6号',
  },
  {
    file: 'detail-pingtan-trt-ztgh-1.html',
    url: 'https://www.pingtan.gov.cn/zwgk/ghxx/ztgh/202211/t20221114_38578.htm',
    note: 'ghxx article: the notice repeats its title centred in the body; no 文号 of its own, but the prose quotes （岚综管办〔2018〕29号） (a decoy); signature date 2017年3月22日 is not labelled',
    title: '平潭综合实验区管委会办公室关于下达平潭2018年国民经济和社会发展计划主要指标的通知',
    publishedAt: '2018-03-23',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: null,
  },
  {
    file: 'detail-pingtan-trt-gsgg-2.html',
    url: 'https://www.pingtan.gov.cn/zwgk/gsgg/201011/t20101109_805.htm',
    note: 'Word-made 公告: the centred first line 岚政〔2010〕105号 is split over five spans; the prose is full of dates (2010年11月3日 …) that are deadlines, not the publish date',
    title: '平潭县人民政府关于国有土地使用权公开出让的公告',
    publishedAt: '2010-11-09',
    documentDate: null,
    indexNo: null,
    publisher: null,
    docNo: '岚政〔2010〕105号',
  },
];
