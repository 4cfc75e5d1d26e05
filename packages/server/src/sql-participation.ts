import { sql, type Kysely } from 'kysely';
import type { QuarterCount } from '@parvis/api';
import type { Database } from './schema.js';

/**
 * Rows of one consultation counted per UTC quarter of an hour, oldest first. Timestamps are ISO
 * text in both SQLite and PostgreSQL (`YYYY-MM-DDTHH:MM:…Z`): the quarter is the first fourteen
 * characters and the minutes rounded down to 00, 15, 30 or 45; the (consultation id) index of
 * each table keeps it a range read.
 */
export async function countByQuarter(
  db: Kysely<Database>,
  table: 'poll_votes' | 'comments' | 'ideas' | 'budget_submissions',
  at: string,
  key: string,
  id: string,
  withoutOfficial = false,
): Promise<QuarterCount[]> {
  const minutes = sql`cast(substr(${sql.ref(at)}, 15, 2) as integer)`;
  const start = sql`substr(${sql.ref(at)}, 1, 14) || substr('00153045', ${minutes} / 15 * 2 + 1, 2)`;
  const official = withoutOfficial ? sql`and official = 0` : sql``;
  const result = await sql<{ start: string; count: number | string }>`
    select ${start} as start, count(*) as count from ${sql.table(table)}
    where ${sql.ref(key)} = ${id} ${official}
    group by ${start} order by start`.execute(db);
  return result.rows.map((row) => ({ start: row.start, count: Number(row.count) }));
}
