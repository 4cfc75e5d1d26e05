/** A throw-away PostgreSQL cluster on a Unix socket (see postgres.mjs). */
export interface PostgresCluster {
  /** `postgres://app@/postgres?host=<socket folder>` */
  url: string;
  /** The socket folder. */
  socket: string;
  /** Stops the server at once and removes its files. */
  stop(): void;
}

export function startPostgres(): PostgresCluster;
