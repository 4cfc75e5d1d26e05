import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { openSqliteStore } from '../src/database.js';
import { makeApi } from '../../api/test/helpers.js';
it('x', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'parvis-sql-'));
  const store = await openSqliteStore(join(dir, 'p.sqlite'), (a) => console.log('applied', a));
  await store.ping();
  console.log('ping ok');
  const api = makeApi(store);
  const res = await api.call('GET', '/health');
  console.log(res.status, res.json);
});
