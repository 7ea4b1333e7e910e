import type { Ctx } from '../env.ts';
import { Bare } from '../layout.tsx';
import { render } from '../render.ts';

export type ErrorStatus = 400 | 403 | 404 | 413 | 500;

// Fixed texts only: an error page never repeats anything from the request.
const TEXT: Record<ErrorStatus, [string, string]> = {
  400: ['请求有误', '提交的内容不完整或格式不对，请返回上一页检查后重试。'],
  403: ['无权访问', '您的账号没有查看或操作此页面的权限。如需开通，请联系区政务公开办。'],
  404: ['页面不存在', '找不到您要访问的页面，可能链接有误或该记录已不存在。'],
  413: ['提交的内容过大', '提交的内容超过了允许的大小（登录 8 KB，上传登记表 5 MB，其他表单 64 KB），服务器没有处理。请删减填写的内容后重试。'],
  500: ['系统出错', '服务器处理请求时出错，已记录。请稍后重试；如果问题持续，请联系管理员。'],
};

export function errorPage(c: Ctx, status: ErrorStatus): Promise<Response> {
  const [title, text] = TEXT[status];
  return render(
    c,
    <Bare title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </Bare>,
    status,
  );
}
