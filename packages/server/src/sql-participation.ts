import { sql, type Kysely } from 'kysely';
import type { DayCount } from '@parvis/api';
import type { Database } from './schema.js';

/**
 * Rows of one consultation counted per UTC day, oldest first. Timestamps are ISO text in both
 * SQLite and PostgreSQL, so the day is their first ten characters; the (consultation id) index of
 * each table keeps it a range read.
 */
export async function countByDay(
  db: Kysely<Database>,
  table: 'poll_votes' | 'comments' | 'ideas' | 'budget_submissions',
  at: string,
  key: string,
  id: string,
  withoutOfficial = false,
): Promise<DayCount[]> {
  const day = sql`substr(${sql.ref(at)}, 1, 10)`;
  const official = withoutOfficial ? sql`and official = 0` : sql``;
  const result = await sql<{ day: string; count: number | string }>`
    select ${day} as day, count(*) as count from ${sql.table(table)}
    where ${sql.ref(key)} = ${id} ${official}
    group by ${day} order by day`.execute(db);
  return result.rows.map((row) => ({ day: row.day, count: Number(row.count) }));
}
