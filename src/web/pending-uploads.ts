import { createHash, randomBytes } from 'node:crypto';

/**
 * Uploads waiting between their preview and an explicit 确认导入. Kept in memory, each under a random token that
 * only the session that uploaded it can redeem, for a limited time: a confirm imports exactly the bytes that were
 * previewed, and a stolen or stale token imports nothing. A restart forgets them; the user uploads again.
 */

export interface PendingUpload {
  name: string;
  bytes: Buffer;
  sha256: string;
}

interface Held extends PendingUpload {
  sessionId: string;
  expiresAt: number;
}

export class PendingUploads {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    /** Bounds the memory a burst of uploads may hold; the oldest give way. */
    private readonly maxHeld = 10,
  ) {}

  put(sessionId: string, name: string, bytes: Buffer, now = Date.now()): { token: string; sha256: string } {
    this.sweep(now);
    while (this.held.size >= this.maxHeld) this.held.delete(this.held.keys().next().value!);
    const token = randomBytes(24).toString('base64url');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.held.set(token, { name, bytes, sha256, sessionId, expiresAt: now + this.ttlMs });
    return { token, sha256 };
  }

  /** The upload under this token if this session put it there and it has not expired, forgotten as it is taken: one confirm per upload. */
  take(token: string, sessionId: string, now = Date.now()): PendingUpload | undefined {
    this.sweep(now);
    const h = this.held.get(token);
    if (!h || h.sessionId !== sessionId) return undefined;
    this.held.delete(token);
    return { name: h.name, bytes: h.bytes, sha256: h.sha256 };
  }

  private sweep(now: number): void {
    for (const [k, h] of this.held) if (h.expiresAt <= now) this.held.delete(k);
  }
}
