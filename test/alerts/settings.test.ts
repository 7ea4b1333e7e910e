import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.ts';


describe('SMTP settings are validated at load', () => {
  const load = (url: string) => loadSettings({ ZWGK_SMTP_URL: url } as NodeJS.ProcessEnv);

  it('accepts smtp and smtps URLs with host, port and encoded credentials', () => {
    expect(load('smtp://127.0.0.1:2525').smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(load('smtps://user:p%40ss@mail.example.org:465').smtpUrl).toBe('smtps://user:p%40ss@mail.example.org:465');
  });

  it('rejects a missing host, a bad port or another scheme, naming ZWGK_SMTP_URL and the form', () => {
    for (const bad of ['smtp://:587', 'smtp://mail.example.org:99999', 'http://mail.example.org']) {
      expect(() => load(bad)).toThrow(/smtpUrl（环境变量 ZWGK_SMTP_URL）：.*smtp:\/\/用户名:密码@主机:587/);
    }
  });

  it('keeps the alert defaults', () => {
    expect(loadSettings({} as NodeJS.ProcessEnv).alerts).toEqual({ reminderEveryDays: 7, maxPerMinute: 30 });
  });
});
