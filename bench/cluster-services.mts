// Starts a throwaway PostgreSQL and Redis for the cluster benchmark, in its own process (the test support that
// starts them registers node:test hooks), prints their URLs on one line and stops them when stdin closes.
import { startPostgres } from '../test/support/postgres.js';
import { startRedis } from '../test/support/redis.js';

const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
const stores = await Promise.all([1, 2, 3].map((n) => pg.database(`scale${n}`)));
process.stdout.write(`SERVICES ${JSON.stringify({ redis: redis.url, stores })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await Promise.all([pg.stop(), redis.stop()]);
  process.exit(0);
});
