import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { buildConnector } from 'undici';
import { isPrivateAddress } from '../shared/address.ts';

export { isPrivateAddress };

/** Thrown when a hop would reach an address we refuse; the fetcher reports it as outcome 'blocked'. */
export class BlockedError extends Error {
  override readonly name = 'BlockedError';
  readonly code = 'ZWGK_BLOCKED';
}

export interface Target {
  address: string;
  family: number;
}

export interface SsrfGate {
  /** Resolves host:port and refuses private addresses not on the allow list; the address to connect to. */
  resolve(hostname: string, port: number): Promise<Target>;
  /** Same check for a URL (scheme included); cached briefly, as the connector re-checks on every connect. */
  checkUrl(url: URL): Promise<void>;
  /** undici connector that connects to the checked address only, so DNS rebinding cannot slip past. */
  connector(timeoutMs: number): buildConnector.connector;
}

export function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

async function lookupWithin(name: string, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`解析域名 ${name} 超时（上限 ${ms} 毫秒）`), { code: 'ETIMEDOUT' })), ms);
  });
  try {
    return await Promise.race([lookup(name, { all: true, verbatim: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createSsrfGate(allowPrivateHosts: string[] = [], lookupTimeoutMs = 10_000): SsrfGate {
  const allow = new Set(allowPrivateHosts.map((h) => h.trim().toLowerCase().replace(/^\[([^\]]+)\]/, '$1')));
  const allowed = (name: string, ip: string, port: number) =>
    allow.has(name) || allow.has(`${name}:${port}`) || allow.has(ip) || allow.has(`${ip}:${port}`);
  const recent = new Map<string, number>();

  async function resolve(hostname: string, port: number): Promise<Target> {
    const name = bare(hostname);
    const family = isIP(name);
    const addrs = family ? [{ address: name, family }] : await lookupWithin(name, lookupTimeoutMs);
    if (addrs.length === 0) throw new Error(`无法解析域名 ${name}`);
    // Every answer must pass: a round-robin record mixing public and private addresses is refused.
    const bad = addrs.find((a) => isPrivateAddress(a.address) && !allowed(name, a.address, port));
    if (bad) {
      throw new BlockedError(
        `已拒绝访问 ${name}:${port}：它解析到内网/本机地址 ${bad.address}。` +
          `若这是考核计划自己的站点，请把它加入允许访问内网的主机名单。`,
      );
    }
    return addrs[0];
  }

  return {
    resolve,
    async checkUrl(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new BlockedError(`已拒绝访问 ${url.href}：只允许 http 和 https 地址。`);
      }
      const key = `${url.hostname}:${defaultPort(url)}`;
      const until = recent.get(key);
      if (until && until > Date.now()) return;
      await resolve(url.hostname, defaultPort(url));
      recent.set(key, Date.now() + 60_000);
    },
    connector(timeoutMs) {
      const base = buildConnector({ timeout: timeoutMs });
      return (opts, cb) => {
        const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
        const name = bare(opts.hostname);
        resolve(name, port).then(
          (t) => base({ ...opts, hostname: t.address, servername: opts.servername || (isIP(name) ? undefined : name) }, cb),
          (err: Error) => cb(err, null),
        );
      };
    },
  };
}
