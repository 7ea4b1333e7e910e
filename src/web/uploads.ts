import { extname } from 'node:path';
import { z } from 'zod';

/**
 * Files a unit attaches to its 整改方案 or 整改情况: documents and scans an office reads, nothing the browser would
 * run. The type is decided by the extension and kept with the file; downloads are always served as attachments.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.ofd': 'application/ofd',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wps': 'application/vnd.ms-works',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.txt': 'text/plain',
};
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The whole upload form: every file at its largest plus the text. */
export const UPLOAD_MAX_BYTES = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 256 * 1024;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const allowedList = Object.keys(ATTACHMENT_TYPES).map((e) => e.slice(1)).join('、');

export interface Upload {
  name: string;
  mime: string;
  bytes: Buffer;
}

const Attachment = z
  .instanceof(File)
  .superRefine((f, ctx) => {
    const ext = extname(f.name).toLowerCase();
    if (!Object.hasOwn(ATTACHMENT_TYPES, ext)) ctx.addIssue({ code: 'custom', message: `附件“${f.name}”的类型不能上传：只接受 ${allowedList} 文件` });
    if (f.size === 0) ctx.addIssue({ code: 'custom', message: `附件“${f.name}”是空文件，请重新选择` });
    if (f.size > MAX_ATTACHMENT_BYTES) ctx.addIssue({ code: 'custom', message: `附件“${f.name}”有 ${(f.size / 1024 / 1024).toFixed(1)} MB，超过每个附件 ${mb(MAX_ATTACHMENT_BYTES)} 的上限，请压缩或拆分后上传` });
    if (f.name.length > 200) ctx.addIssue({ code: 'custom', message: '附件文件名过长（最多 200 个字符），请改短后上传' });
  });

/** The 整改 submission form: the text, and the files chosen (a browser sends an empty, nameless part for none). */
export const SubmissionForm = z.object({
  kind: z.enum(['plan', 'report'], { message: '提交的内容应为整改方案或整改情况' }),
  body: z.string({ message: '请填写说明' }).trim().min(10, '说明至少写 10 个字：整改方案写明措施和完成时间，整改情况写明做了什么；无法撤销的问题写明原因和今后的承诺').max(5000, '说明最多 5000 字'),
  files: z
    .array(z.unknown())
    .transform((xs) => xs.filter((x) => !(x instanceof File && x.size === 0 && x.name === '')))
    .pipe(z.array(Attachment).max(MAX_ATTACHMENTS, `最多上传 ${MAX_ATTACHMENTS} 个附件`)),
});

/** Reads a parsed multipart body into the form, or the Chinese messages of what is wrong with it. */
export async function readSubmission(body: Record<string, unknown>): Promise<{ ok: true; kind: 'plan' | 'report'; body: string; files: Upload[] } | { ok: false; errors: string[] }> {
  const raw = body.files;
  const parsed = SubmissionForm.safeParse({ kind: body.kind, body: body.body, files: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw] });
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
  const files = await Promise.all(
    parsed.data.files.map(async (f) => ({ name: f.name, mime: ATTACHMENT_TYPES[extname(f.name).toLowerCase()], bytes: Buffer.from(await f.arrayBuffer()) })),
  );
  return { ok: true, kind: parsed.data.kind, body: parsed.data.body, files };
}
