import type { ConnectionOptions } from 'bullmq';
import { inputError, MasldError } from '../errors.js';
import { PREFIX } from './names.js';

type Bullmq = typeof import('bullmq');

/** The URL as it may be shown: the password replaced by ***. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(a URL that does not parse)';
  }
}

function checkedUrl(url: string): string {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {}
  if (!u || (u.protocol !== 'redis:' && u.protocol !== 'rediss:')) {
    throw inputError('E_USAGE', `not a redis:// or rediss:// URL: ${safeUrl(url)}`);
  }
  return url;
}

/**
 * Connections that outlive a restarted Redis: commands wait for the reconnection instead of failing
 * (maxRetriesPerRequest null, which BullMQ requires of a worker's blocking connection anyway).
 */
export const lastingConnection = (url: string): ConnectionOptions => ({
  url,
  maxRetriesPerRequest: null,
  retryStrategy: (times: number) => Math.min(100 * times, 2000),
});

const hidden = (text: string, url: string) => {
  const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
  return password ? text.replaceAll(password, '***') : text;
};

/** Connects once without retrying, so an unreachable Redis fails at open with a typed error, not an endless wait. */
export async function probeRedis(bullmq: Bullmq, redisUrl: string): Promise<void> {
  const url = checkedUrl(redisUrl);
  const probe = new bullmq.Queue('probe', {
    prefix: PREFIX,
    skipMetasUpdate: true,
    connection: { url, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 },
  });
  let seen: unknown;
  probe.on('error', (e) => {
    seen ??= e;
  });
  try {
    await probe.waitUntilReady();
  } catch (e) {
    const why = (seen ?? e) instanceof Error ? ((seen ?? e) as Error).message : String(seen ?? e);
    throw new MasldError('E_QUEUE_UNREACHABLE', `cannot reach Redis at ${safeUrl(url)}: ${hidden(why, url)}`);
  } finally {
    await probe.close().catch(() => {});
  }
}
