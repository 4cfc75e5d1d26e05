// PostgreSQL for the server tests: the cluster named by PARVIS_TEST_DATABASE_URL (npm test starts
// one for every test file), or else one this process starts itself and stops when it exits, so a
// test file also runs alone. Each test gets a fresh database with a random name, dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgres } from '../../../scripts/postgres.mjs';

let ownCluster: string | null = null;

/** The URL of the cluster's maintenance database (`postgres`). */
export function testClusterUrl(): string {
  const given = process.env.PARVIS_TEST_DATABASE_URL;
  if (given !== undefined && given.trim() !== '') return given.trim();
  if (ownCluster === null) {
    const cluster = startPostgres();
    process.once('exit', () => cluster.stop());
    ownCluster = cluster.url;
  }
  return ownCluster;
}

/** The same connection string with another database name. */
export function withDatabase(url: string, database: string): string {
  const match = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/i.exec(url);
  if (!match) throw new Error('not a postgres:// URL');
  return `${match[1]}/${encodeURIComponent(database)}${match[3] ?? ''}`;
}

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL on the database directly, outside any store. */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

async function onMaintenance(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testClusterUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// A pg pool's end() resolves before its sockets close; dropping WITH (FORCE) then would kill
// sessions that are still saying goodbye, and their clients raise "terminating connection due to
// administrator command" after the test ended. So wait until nobody uses the database (5 s at most).
async function dropWhenUnused(name: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await onMaintenance(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await onMaintenance(`drop database if exists ${name} with (force)`);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `parvis_test_${randomBytes(6).toString('hex')}`;
  await onMaintenance(`create database ${name}`);
  const url = withDatabase(testClusterUrl(), name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    name,
    query: async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
      (await pool.query<R>(text, values)).rows,
    drop: async () => {
      await pool.end();
      await dropWhenUnused(name);
    },
  };
}
