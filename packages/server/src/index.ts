export { startServer, databaseFile, type RunningServer, type StartOptions } from './server.js';
export {
  loadConfig,
  ConfigError,
  repositoryRoot,
  defaultPaths,
  type ServerConfig,
  type StaticPaths,
} from './config.js';
export { createServerApp, demoContentSecurityPolicy, type ServerAppOptions } from './app.js';
export { SqlStore } from './sql-store.js';
export { openSqlite, openSqliteStore } from './database.js';
export { migrateToLatest } from './migrations/index.js';
export { seedDemo, demoPolls } from './seed.js';
export { loadSigningKey } from './signing-key.js';
export type { Database } from './schema.js';
