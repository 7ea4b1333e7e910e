import pino from 'pino';

export interface JsonLog {
  (event: string, data: Record<string, unknown>): void;
  close(): void;
}

/** JSON-lines log (pino) appended to a file; synchronous writes so a killed run still leaves its lines. */
export function createJsonLog(file: string | undefined): JsonLog {
  if (!file) return Object.assign(() => {}, { close() {} });
  const dest = pino.destination({ dest: file, sync: true, mkdir: true, append: true });
  const logger = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, dest);
  return Object.assign((event: string, data: Record<string, unknown>) => logger.info({ event, ...data }), {
    close: () => dest.flushSync(),
  });
}
