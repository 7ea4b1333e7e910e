import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_FORMATS } from '../../src/assess/report/formats.ts';
import { UnfinishedSheetsError } from '../../src/assess/report/tongbao.ts';
import { issuerMarkSize } from '../../src/assess/report/official-doc.ts';
import { OFFICIAL_CSS } from '../../src/assess/report/official-html.ts';
import { officialDocx } from '../../src/assess/report/official-docx.ts';
import { scoreSheetDoc } from '../../src/assess/report/score-sheet-doc.ts';
import { scoreSheet, recordDecision } from '../../src/assess/sheet.ts';
import { loadSettings, TongbaoSettingsSchema } from '../../src/config/settings.ts';
import { InputError } from '../../src/shared/errors.ts';
import { ISSUER, notice, paragraphs, PERIOD, readDocx, tables, YEAR, yearEnd } from './official-docs.ts';

const meta = (n = notice()) => ({ asOf: '2026-12-31', year: YEAR, period: PERIOD, notice: n });

async function write(format: 'html' | 'docx', y: ReturnType<typeof yearEnd>, n = notice()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await REPORT_FORMATS[format].write(y.rules, y.report(), meta(n), (c) => void chunks.push(Buffer.from(c)));
  return Buffer.concat(chunks);
}

function finalized() {
  const y = yearEnd();
  for (const u of y.units) y.finalize(u);
  return y;
}

describe('the 通报 is published only over finalised sheets', () => {
  it('refuses html and docx while a sheet is open, naming the unfinished units; a draft is allowed', async () => {
    const y = yearEnd();
    y.fx.unit('zhenxin', '新设镇人民政府', '镇街');
    y.finalize('xinchang');
    y.finalize('fgw');
    for (const f of ['html', 'docx'] as const) {
      const err = await write(f, y).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnfinishedSheetsError);
      expect(err).toBeInstanceOf(InputError);
      // In report order (the plan's; here the store's, by id).
      expect((err as UnfinishedSheetsError).units.map((u) => u.name)).toEqual(['区教育局', '石桥镇人民政府', '新设镇人民政府']);
      expect((err as Error).message).toContain('以下 3 个单位的评分表尚未定稿');
    }
    const draft = await readDocx(await write('docx', y, notice({ draft: true })));
    expect(paragraphs(draft.document)).toContain('关于2026年度政务公开绩效考核结果的通报');
    // Open sheets are marked; one with items still undecided has no rank and shows its standing (what is scored, the grades still possible).
    expect(tables(draft.document)[0]).toEqual([
      ['名次', '单位', '得分', '等次', '备注'],
      ['1', '新厂街道办事处', '92', '优秀', ''],
      ['2', '石桥镇人民政府', '80', '良好', '未定稿'],
      ['—', '新设镇人民政府', '尚未评分，100 分待录入', '待定（可能为 不合格～优秀）', '未定稿'],
    ]);
  });

  it('data exports always export, with each unit’s sheet state', async () => {
    const y = yearEnd();
    y.finalize('xinchang');
    const json: string[] = [];
    await REPORT_FORMATS.json.write(y.rules, y.report(), meta(), (c) => void json.push(String(c)));
    const units = JSON.parse(json.join('')).units as Array<{ id: string; finalized: boolean; total: number }>;
    expect(units.map((u) => [u.id, u.finalized])).toEqual([['fgw', false], ['jiaoyu', false], ['shiqiao', false], ['xinchang', true]]);
    const csv: string[] = [];
    await REPORT_FORMATS.csv.write(y.rules, y.report(), meta(), (c) => void csv.push(String(c)));
    const [head, ...rows] = csv.join('').replace('\uFEFF', '').trim().split('\n');
    const col = head.split(',').indexOf('评分表状态');
    expect(col).toBeGreaterThan(0);
    expect(rows.map((r) => r.split(',')[col])).toEqual(['未定稿', '未定稿', '未定稿', '已定稿']);
  });

  it('a serial number for the 文号 is required unless the pattern has none or it is a draft', async () => {
    const y = finalized();
    await expect(write('docx', y, notice({ number: undefined }))).rejects.toThrow(/--number/);
    const plain = await readDocx(await write('docx', y, notice({ number: undefined, settings: { docNo: '珠政务公开办通报〔{year}〕' } })));
    expect(paragraphs(plain.document)).toContain('珠政务公开办通报〔2027〕');
    const draft = await readDocx(await write('docx', y, notice({ number: undefined, draft: true })));
    expect(paragraphs(draft.document)).toContain('珠政务公开办〔2027〕\u3000\u3000号');
  });
});

describe('the 通报 as a GB/T 9704 Word file', () => {
  it('head, title, 主送, per-kind ranked tables, 优秀 list, problems, deadline, 落款 and 版记', async () => {
    const y = finalized();
    const { document, parts } = await readDocx(await write('docx', y, notice({ settings: { copyTo: '区委办公室，区人大常委会办公室', publicUrl: 'https://www.zhushan.gov.cn/zwgk/khjg/' } })));
    const p = paragraphs(document);
    expect(p.slice(0, 5)).toEqual([
      `${ISSUER}文件`,
      '珠政务公开办〔2027〕3号',
      '关于2026年度政务公开绩效考核结果的通报',
      '各镇（街道）、区直各部门：',
      expect.stringContaining(`根据《珠山区政务公开绩效考核办法（试行）》，${ISSUER}对全区 4 个单位（镇街 2 个、区直部门 2 个）2026年1月1日至2026年12月31日`),
    ]);
    expect(p).toContain('考核结果为：优秀 1 个，良好 1 个，合格 1 个，不合格 1 个。镇街与区直部门分别排名如下。');
    expect(p).toContain('（一）镇街（2 个）');
    expect(p).toContain('（二）区直部门（2 个）');
    const [town, dept] = tables(document);
    expect(town).toEqual([
      ['名次', '单位', '得分', '等次', '备注'],
      ['1', '新厂街道办事处', '92', '优秀', ''],
      ['2', '石桥镇人民政府', '80', '良好', ''],
    ]);
    // 第十四条: the falsifying unit ranks with 不合格, below a 合格 unit with fewer points.
    expect(dept).toEqual([
      ['名次', '单位', '得分', '等次', '备注'],
      ['1', '区教育局', '70.5', '合格', ''],
      ['2', '区发展和改革委员会', '95', '不合格', '弄虚作假，记为不合格（第十四条）'],
    ]);
    expect(p).toContain('区发展和改革委员会在考核中存在弄虚作假，依照《珠山区政务公开绩效考核办法（试行）》第十四条，考核结果直接记为不合格，予以通报批评。');
    expect(p).toContain('考核结果同时在区政府门户网站公布，网址：https://www.zhushan.gov.cn/zwgk/khjg/');
    expect(document).toContain('w:hyperlink');
    expect(parts.get('word/_rels/document.xml.rels')).toContain('Target="https://www.zhushan.gov.cn/zwgk/khjg/"');
    expect(p).toContain('考核结果为优秀的单位共 1 个：镇街：新厂街道办事处。');
    expect(p).toContain('1. 新厂街道办事处：（1）1 个栏目超期未更新 1 次（工作动态 1 次）；（2）1 个空白栏目（人事信息）。');
    expect(p).toContain('2. 区发展和改革委员会：（1）1 个栏目超期未更新 1 次（通知公告 1 次）；（2）经认定存在弄虚作假（第十四条），等次记为不合格。');
    expect(p).toContain('其余单位在巡检中未发现上述问题。');
    expect(p.find((t) => t.startsWith('请存在问题的单位'))).toContain('于2027年2月9日前完成整改');
    expect(p.slice(-4)).toEqual([ISSUER, '2027年1月10日', '抄送：区委办公室，区人大常委会办公室', `${ISSUER}2027年1月10日印发`]);
    // No draft mark anywhere; page numbers on odd (right) and even (left) pages.
    expect([...parts.values()].join('')).not.toContain('草稿');
    const footers = [...parts.entries()].filter(([n]) => /word\/footer\d+\.xml/.test(n)).map(([, x]) => x);
    expect(footers).toHaveLength(2);
    for (const f of footers) expect(f).toContain('PAGE');
    expect(parts.get('word/settings.xml')).toContain('w:evenAndOddHeaders');
  });

  it('A4 with the standard margins; 小标宋 title in 二号, 仿宋_GB2312 三号 body, red 发文机关标志', async () => {
    const { document, parts } = await readDocx(await write('docx', finalized()));
    // 210 × 297 mm; top 37, bottom 35, left 28, right 26 mm (in twips).
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const runOf = (text: string) => document.split('</w:r>').find((r) => r.includes(`>${text}</w:t>`))!;
    expect(runOf('关于2026年度政务公开绩效考核结果的通报')).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(runOf('关于2026年度政务公开绩效考核结果的通报')).toMatch(/<w:sz w:val="44"\/>/);
    expect(runOf(`${ISSUER}文件`)).toMatch(/<w:color w:val="E60012"\/>/);
    expect(runOf(`${ISSUER}文件`)).toMatch(/<w:sz w:val="48"\/>/);
    expect(runOf('各镇（街道）、区直各部门：')).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(runOf('各镇（街道）、区直各部门：')).toMatch(/<w:sz w:val="32"\/>/);
    expect(runOf('一、考核结果')).toMatch(/w:eastAsia="黑体"/);
    expect(parts.get('word/styles.xml')).toMatch(/w:eastAsia="仿宋_GB2312"/);
    // The 版记 sits in a frame at the foot of the page.
    const imprint = document.split('</w:p>').find((x) => x.includes('印发</w:t>'))!;
    expect(imprint).toMatch(/<w:framePr[^>]*w:yAlign="bottom"/);
  });

  it('a draft carries 草稿 in the header of every page (odd and even)', async () => {
    const { document, parts } = await readDocx(await write('docx', finalized(), notice({ draft: true })));
    const headers = [...parts.entries()].filter(([n]) => /word\/header\d+\.xml/.test(n)).map(([, x]) => paragraphs(x).join(''));
    expect(headers).toEqual(['草稿', '草稿']);
    expect(document).toMatch(/<w:headerReference w:type="default"/);
    expect(document).toMatch(/<w:headerReference w:type="even"/);
  });

  it('the 发文机关标志 shrinks to stay on one line of the 版心', () => {
    expect(issuerMarkSize('珠山区人民政府文件')).toBe(36);
    expect(issuerMarkSize(`${ISSUER}文件`)).toBe(24);
  });
});

describe('the 通报 as printable HTML', () => {
  it('carries official.css when standalone, links it when served; the same document either way', async () => {
    const y = finalized();
    const standalone = (await write('html', y)).toString();
    const served = (await write('html', y, notice({ stylesheetHref: '/static/official.css' }))).toString();
    expect(standalone).toContain(`<style>\n${OFFICIAL_CSS}</style>`);
    expect(standalone).not.toContain('<link rel="stylesheet"');
    expect(served).toContain('<link rel="stylesheet" href="/static/official.css">');
    expect(served).not.toContain('<style');
    const body = (s: string) => s.slice(s.indexOf('<body'));
    expect(body(served)).toBe(body(standalone));
    expect(standalone).toContain('<div class="issuer-mark xbs mark-24">珠山区政务公开工作领导小组办公室文件</div>');
    expect(standalone).toContain('<p class="doc-no">珠政务公开办〔2027〕3号</p>');
    expect(standalone).not.toContain('<div class="draft-mark"');
    expect(standalone).not.toContain('<script');
  });

  it('a draft is marked on the page and in its title', async () => {
    const y = yearEnd();
    const html = (await write('html', y, notice({ draft: true }))).toString();
    expect(html).toContain('<title>【草稿】关于2026年度政务公开绩效考核结果的通报</title>');
    expect(html).toContain('<div class="draft-mark">草稿</div>');
    expect(OFFICIAL_CSS).toMatch(/\.draft-mark \{\s*position: fixed;/);
  });

  it('escapes names that look like markup', async () => {
    const y = finalized();
    y.db.prepare("UPDATE units SET name = '区<b>教育</b>局' WHERE id = 'jiaoyu'").run();
    const html = (await write('html', y)).toString();
    expect(html).toContain('区&#60;b&#62;教育&#60;/b&#62;局');
    expect(html).not.toContain('<b>');
  });
});

describe('the per-unit 评分表', () => {
  it('lists every item with points, suggested and confirmed score and basis, with signature lines; a draft until 定稿', async () => {
    const y = yearEnd();
    const sheetDoc = () => scoreSheetDoc(y.rules, { name: '区教育局', kind: '区直部门' }, scoreSheet(y.db, 'jiaoyu', YEAR, y.rules), { year: YEAR, period: PERIOD }, TongbaoSettingsSchema.parse({}));
    let { document, parts } = await readDocx(await officialDocx(sheetDoc()));
    const [t] = tables(document);
    expect(t[0]).toEqual(['类别', '条目', '分值', '建议分', '确认分', '评分依据']);
    expect(t).toHaveLength(1 + 12 + 1);
    const c1 = t.find((r) => r[1].startsWith('公开内容-1'))!;
    expect(c1.slice(2, 5)).toEqual(['30', '30', '30']);
    expect(c1[5]).toBe('按巡检证据计算\n调整理由：按材料复核');
    expect(t.find((r) => r[1].startsWith('组织领导-1'))!.slice(3, 5)).toEqual(['人工评分', '5']);
    expect(t.at(-1)).toEqual(['合计', '', '100', '', '70.5', '']);
    const p = paragraphs(document);
    expect(p).toContain('确认总分：70.5；等次：合格；弄虚作假认定：未认定；评分表状态：未定稿。');
    expect(p.filter((x) => /^(考核人|审核人)（签字）：/.test(x))).toHaveLength(2);
    expect([...parts.entries()].filter(([n]) => n.startsWith('word/header')).map(([, x]) => paragraphs(x).join(''))).toEqual(['草稿（未定稿）', '草稿（未定稿）']);

    recordDecision(y.db, { unitId: 'jiaoyu', year: YEAR, action: 'finalize', userId: null }, y.rules);
    ({ document, parts } = await readDocx(await officialDocx(sheetDoc())));
    expect(paragraphs(document).find((x) => x.startsWith('确认总分'))).toMatch(/评分表状态：已定稿（\d{4}年\d{1,2}月\d{1,2}日定稿）。$/);
    expect([...parts.values()].join('')).not.toContain('草稿');
  });
});

describe('settings of the 通报', () => {
  const settingsFile = (yaml: string) => {
    const f = join(mkdtempSync(join(tmpdir(), 'zwgk-tb-')), 'zwgk.settings.yaml');
    writeFileSync(f, yaml);
    return { ZWGK_SETTINGS: f } as NodeJS.ProcessEnv;
  };

  it('defaults to the 考核办法’s issuing office, a 30-day deadline and today', () => {
    expect(loadSettings({}).tongbao).toEqual({ issuer: ISSUER, docNo: '珠政务公开办〔{year}〕{n}号', recipients: '各镇（街道）、区直各部门', rectifyDeadline: 30 });
  });

  it('reads them from the settings file, a deadline given as a date included', () => {
    const s = loadSettings(settingsFile('tongbao:\n  issuer: 珠山区政务公开办\n  rectifyDeadline: 2027-03-31\n  signDate: 2027-01-15\n  publicUrl: https://www.zhushan.gov.cn/khjg/\n'));
    expect(s.tongbao).toMatchObject({ issuer: '珠山区政务公开办', rectifyDeadline: '2027-03-31', signDate: '2027-01-15', publicUrl: 'https://www.zhushan.gov.cn/khjg/' });
  });

  it('names the key and the fix for bad values', () => {
    const bad = (yaml: string) => {
      try {
        loadSettings(settingsFile(yaml));
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad('tongbao:\n  docNo: 珠政务公开办〔{yr}〕{n}号\n')).toMatch(/tongbao\.docNo：应含 \{year\}/);
    expect(bad('tongbao:\n  rectifyDeadline: 0\n')).toMatch(/tongbao\.rectifyDeadline/);
    expect(bad('tongbao:\n  rectifyDeadline: 2027-02-30\n')).toMatch(/tongbao\.rectifyDeadline/);
    expect(bad('tongbao:\n  publicUrl: javascript:alert(1)\n')).toMatch(/tongbao\.publicUrl：应是以 http:\/\/ 或 https:\/\/ 开头的完整网址/);
    expect(bad('tongbao:\n  issuer: "两行\\n名称"\n')).toMatch(/tongbao\.issuer：不能换行/);
    expect(bad('tongbao:\n  sign: 2027-01-01\n')).toMatch(/tongbao/);
  });

  it('a deadline not after the 成文日期 is refused', async () => {
    await expect(write('docx', finalized(), notice({ settings: { rectifyDeadline: '2027-01-10' } }))).rejects.toThrow(/整改期限 2027-01-10 不晚于成文日期 2027-01-10/);
  });
});
