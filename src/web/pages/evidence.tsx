import { createHash } from 'node:crypto';
import type { Ctx } from '../env.ts';
import { Badge, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { previousFetchHash } from '../../store/index.ts';
import { getFetch, type FetchRow } from '../../store/index.ts';
import { recordHash } from '../../evidence/index.ts';
import { evidenceToken, loadSnapshot } from '../evidence-origin.ts';
import { errorPage } from './errors.tsx';

interface Check {
  label: string;
  ok: boolean | null;
  text: string;
}

/** What can be checked of this one record on the spot; `zwgk verify` checks the whole chain. */
function checks(c: Ctx, f: FetchRow): Check[] {
  const { db, snapshotsDir } = c.get('deps');
  const prev = previousFetchHash(db, f.id);
  const own = recordHash(f.prev_hash, f) === f.record_hash;
  const out: Check[] = [
    { label: '记录本身', ok: own, text: own ? '重新计算的记录哈希与保存的一致：写入后未被改动。' : '重新计算的记录哈希与保存的不符：这条记录写入后被改动过。' },
    prev === undefined
      ? { label: '链接上一条记录', ok: true, text: '这是证据链的第一条记录。' }
      : { label: '链接上一条记录', ok: prev === f.prev_hash, text: prev === f.prev_hash ? '与上一条记录的哈希一致。' : '与上一条记录的哈希不一致：证据链可能被改动，请运行 zwgk verify。' },
  ];
  if (f.body_sha256) {
    const body = loadSnapshot(snapshotsDir, f.body_sha256);
    const sha = body ? createHash('sha256').update(body).digest('hex') : undefined;
    out.push(
      !body
        ? { label: '快照文件', ok: false, text: '快照文件缺失（可能已按保存期限清理）。' }
        : { label: '快照文件', ok: sha === f.body_sha256, text: sha === f.body_sha256 ? '内容的 SHA-256 与记录一致。' : '内容的 SHA-256 与记录不一致：快照文件被改动。' },
    );
  }
  return out;
}

const headersOf = (json: string): [string, string][] => {
  try {
    const h = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]);
  } catch {
    return [];
  }
};

export async function getEvidencePage(c: Ctx) {
  const deps = c.get('deps');
  const session = c.get('session')!;
  const f = getFetch(deps.db, Number(c.req.param('fetchId')))!;
  const token = evidenceToken(deps.secret, f.id, session.id);
  const src = `${deps.evidenceOrigin(c)}/snap/${f.id}?t=${encodeURIComponent(token)}`;
  const list = checks(c, f);
  return render(
    c,
    <Layout title={`证据 #${f.id}`} session={session} active="unit" crumbs={<>证据快照</>}>
      <div class="grid">
        <div class="card">
          <h3>快照信息</h3>
          <dl class="meta">
            <dt>网址</dt><dd class="mono">{f.url}</dd>
            {f.final_url !== f.url ? <><dt>最终网址</dt><dd class="mono">{f.final_url}</dd></> : null}
            <dt>抓取时间</dt><dd>{`${fmtTime(f.fetched_at)}（北京时间）`}</dd>
            <dt>抓取方式</dt><dd>{f.fetcher === 'browser' ? '浏览器（Chromium）' : 'HTTP 请求'}</dd>
            <dt>HTTP 状态</dt><dd>{f.status ?? '无响应'}{f.error ? <span class="muted">{` ${f.error}`}</span> : null}</dd>
            <dt>内容类型</dt><dd>{`${f.content_type ?? '—'}${f.charset ? `；编码 ${f.charset}` : ''}${f.body_bytes !== null ? `；${f.body_bytes} 字节` : ''}`}</dd>
            <dt>内容 SHA-256</dt><dd class="mono">{f.body_sha256 ?? '—'}</dd>
            <dt>记录哈希</dt><dd class="mono">{f.record_hash}</dd>
            <dt>上一条哈希</dt><dd class="mono">{f.prev_hash}</dd>
          </dl>
        </div>
        <div class="card">
          <h3>校验</h3>
          {list.map((k) => (
            <div>
              <Badge tone={k.ok ? 'ok' : 'bad'}>{k.ok ? '通过' : '异常'}</Badge> <strong>{k.label}</strong> <span class="small">{k.text}</span>
            </div>
          ))}
          <h3>响应头</h3>
          <dl class="meta small">
            {headersOf(f.headers_json).map(([k, v]) => (
              <><dt class="mono">{k}</dt><dd class="mono">{v}</dd></>
            ))}
          </dl>
        </div>
      </div>
      {f.screenshot_sha256 ? (
        <div class="card">
          <h3>截图</h3>
          <img class="screenshot" src={`/evidence/${f.id}/screenshot`} alt="抓取时的页面截图" />
        </div>
      ) : null}
      {f.body_sha256 ? (
        <div class="card">
          <h3>
            抓取到的页面 <span class="muted small">（在隔离的沙箱中显示，脚本和外部资源均不会加载）</span>
          </h3>
          <p class="small">
            <a href={`${src}&view=source`} target="_blank" rel="noopener noreferrer">查看源代码（纯文本）</a>
          </p>
          <iframe class="evidence-frame" src={src} sandbox="" referrerpolicy="no-referrer" title="抓取到的页面" />
        </div>
      ) : null}
    </Layout>,
  );
}

export function getScreenshot(c: Ctx) {
  const deps = c.get('deps');
  const f = getFetch(deps.db, Number(c.req.param('fetchId')))!;
  const png = loadSnapshot(deps.snapshotsDir, f.screenshot_sha256);
  if (!png) return errorPage(c, 404);
  return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Content-Security-Policy': "sandbox; default-src 'none'", 'Cache-Control': 'private, max-age=3600' });
}
