import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { MasldError } from '../../src/errors.js';
import { openSharedStore } from '../../src/store/shared.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../support/postgres.js';

async function sql<R>(url: string, text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as R[];
  } finally {
    await c.end();
  }
}

const TABLES = ['calls', 'cases', 'masld_schema', 'model_info', 'runs', 'variants'];
const tables = async (url: string) =>
  (await sql<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.t);
const versions = async (url: string) => (await sql<{ version: number }>(url, `SELECT version FROM masld_schema ORDER BY 1`)).map((r) => r.version);

describe('the shared store schema', { skip: postgresMissing() }, () => {
  let server: TestPostgres;
  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());

  it('is created once and recorded by version; opening again migrates nothing', async () => {
    const url = await server.database('twice');
    await (await openSharedStore(url)).close();
    const first = await sql<{ applied_at: Date }>(url, `SELECT applied_at FROM masld_schema`);
    await (await openSharedStore(url)).close();
    assert.deepEqual(await tables(url), TABLES);
    assert.deepEqual(await versions(url), [1]);
    assert.deepEqual(await sql(url, `SELECT applied_at FROM masld_schema`), first);
  });

  it('is migrated once when six processes open a new database at the same moment', async () => {
    const url = await server.database('race');
    const stores = await Promise.all([...Array(6)].map(() => openSharedStore(url)));
    await Promise.all(stores.map((s) => s.close()));
    assert.deepEqual(await tables(url), TABLES);
    assert.deepEqual(await versions(url), [1]);
  });

  it('refuses a database of a newer schema, and changes nothing in it', async () => {
    const url = await server.database('newer');
    await (await openSharedStore(url)).close();
    await sql(url, `INSERT INTO masld_schema (version) VALUES (2)`);
    const err = await openSharedStore(url).then(
      () => assert.fail('opened a newer store'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof MasldError, String(err));
    assert.equal(err.code, 'E_STORE_DAMAGED');
    assert.equal(err.exitCode, 2);
    assert.match(err.message, /newer version of masld \(schema 2; this version reads up to 1\)/);
    assert.ok(!err.message.includes(server.password), err.message);
    assert.deepEqual(await versions(url), [1, 2]);
    assert.deepEqual(await tables(url), TABLES);
  });
});
