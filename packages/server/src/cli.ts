import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { startServer } from './server.js';

// `parvis-server`: reads the environment, starts, logs one line, stops cleanly on SIGTERM/SIGINT.

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`parvis-server: ${error.message}`);
  process.exit(1);
}

const server = await startServer(config).catch((error: unknown) => {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === 'EADDRINUSE')
    console.error(`parvis-server: port ${config.port} is in use; set PORT to another port`);
  else if (code === 'EACCES')
    console.error(`parvis-server: not allowed to listen on ${config.host}:${config.port}`);
  else console.error('parvis-server: could not start:', error);
  process.exit(1);
});

const admin = config.adminToken
  ? 'admin routes enabled'
  : 'admin routes disabled (PARVIS_ADMIN_TOKEN unset)';
console.log(`Parvis server listening on ${server.url}/ (data in ${config.dataDir}; ${admin})`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    console.error(`parvis-server: ${signal} again, exiting now`);
    process.exit(1);
  }
  stopping = true;
  console.log(`parvis-server: ${signal} received, finishing requests`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('parvis-server: error while stopping:', error);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
