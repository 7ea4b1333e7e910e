import { extname } from 'node:path';
import { z } from 'zod';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1'); // docx, xlsx and OFD are zip packages
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // doc, xls, wps
const startsWith = (sig: Buffer) => (b: Buffer) => b.subarray(0, sig.length).equals(sig);
// A PDF's header may follow a little junk (the format allows it within the first 1024 bytes).
const pdf = (b: Buffer) => b.subarray(0, 1024).includes('%PDF-');
// Text: UTF-16 with its BOM (Notepad's "Unicode"), else no NUL bytes (UTF-8, GBK).
const text = (b: Buffer) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || !b.subarray(0, 8192).includes(0);

interface AttachmentType {
  mime: string;
  /** What the file should be, for the message when its content is something else. */
  kind: string;
  looks: (bytes: Buffer) => boolean;
}

/**
 * Files a unit attaches to its 整改方案 or 整改情况: documents and scans an office reads, nothing the browser would
 * run. Allowed by the extension, kept only when the content begins as that format does (a renamed or wrongly chosen
 * file is turned back with the reason); the type is kept with the file and downloads are always served as attachments.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  '.pdf': { mime: 'application/pdf', kind: 'PDF文件', looks: pdf },
  '.ofd': { mime: 'application/ofd', kind: 'OFD文件', looks: startsWith(ZIP) },
  '.doc': { mime: 'application/msword', kind: 'Word文档', looks: startsWith(OLE2) },
  '.docx': { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'Word文档', looks: startsWith(ZIP) },
  '.xls': { mime: 'application/vnd.ms-excel', kind: 'Excel表格', looks: startsWith(OLE2) },
  '.xlsx': { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'Excel表格', looks: startsWith(ZIP) },
  '.wps': { mime: 'application/vnd.ms-works', kind: 'WPS文字文档', looks: startsWith(OLE2) },
  '.jpg': { mime: 'image/jpeg', kind: 'JPEG图片', looks: startsWith(JPEG) },
  '.jpeg': { mime: 'image/jpeg', kind: 'JPEG图片', looks: startsWith(JPEG) },
  '.png': { mime: 'image/png', kind: 'PNG图片', looks: startsWith(PNG) },
  '.txt': { mime: 'text/plain', kind: '文本文件', looks: text },
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
    parsed.data.files.map(async (f) => {
      const type = ATTACHMENT_TYPES[extname(f.name).toLowerCase()];
      return { name: f.name, mime: type.mime, bytes: Buffer.from(await f.arrayBuffer()), type };
    }),
  );
  const misnamed = files.filter((f) => !f.type.looks(f.bytes));
  if (misnamed.length) {
    return {
      ok: false,
      errors: misnamed.map((f) => `附件“${f.name}”的内容不是${f.type.kind}（可能选错了文件，或只改了扩展名）：请选择原始文件重新上传，或另存为所列格式之一`),
    };
  }
  return { ok: true, kind: parsed.data.kind, body: parsed.data.body, files: files.map(({ name, mime, bytes }) => ({ name, mime, bytes })) };
}
