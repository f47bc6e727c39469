import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'leadflow'): Logger {
  return pino({ name, level, base: { service: name } });
}
