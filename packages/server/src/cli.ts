import {
  CommandError,
  createAdminCommand,
  exportCommand,
  importCommand,
  resetPasswordCommand,
  rotateKey,
} from './commands.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { ImportError } from './consultations-file.js';
import { createLogger } from './logger.js';
import { readPassword } from './read-password.js';
import { startServer } from './server.js';

// `parvis-server [command]`: reads the configuration (environment, PARVIS_CONFIG file), then
// starts the server (no command, or `start`) or runs one operation and exits.

const usage = `Usage: parvis-server [command]

  start                  start the server (the default)
  rotate-key [--drop-old]
                         put a new participant-token signing key first, keeping the older ones
                         (--drop-old: keep only the previous one); restart the server(s) after
  export FILE            write every consultation definition as JSON to FILE (- for stdout)
  import FILE            create or update the consultations of FILE (- for stdin), all or nothing
  create-admin --email EMAIL [--name NAME]
                         create an administrator of the console at /admin; the password is
                         asked on the terminal, or read from the first line of stdin
  reset-password --email EMAIL
                         set a new password for an account (asked the same way); its sessions end
  help                   this text

Configuration: environment variables or a PARVIS_CONFIG file (see docs/server.md).`;

const [command = 'start', ...args] = process.argv.slice(2);

function fail(message: string, code = 1): never {
  console.error(`parvis-server: ${message}`);
  process.exit(code);
}

if (command === 'help' || command === '--help' || command === '-h') {
  console.log(usage);
  process.exit(0);
}
const commands = ['start', 'rotate-key', 'export', 'import', 'create-admin', 'reset-password'];
if (!commands.includes(command)) fail(`unknown command "${command}"\n\n${usage}`, 2);

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(error.message);
}

const where = config.databaseUrl === null ? `data in ${config.dataDir}` : 'data in PostgreSQL';

if (command === 'start') {
  if (args.length > 0) fail(`start takes no arguments\n\n${usage}`, 2);
  await start(config);
} else {
  try {
    await runCommand(config);
    process.exit(0);
  } catch (error) {
    if (error instanceof CommandError || error instanceof ImportError) fail(error.message);
    console.error(`parvis-server: ${command} failed:`, error);
    process.exit(1);
  }
}

async function runCommand(config: ServerConfig): Promise<void> {
  if (command === 'rotate-key') {
    const unknown = args.filter((a) => a !== '--drop-old');
    if (unknown.length > 0) fail(`rotate-key takes only --drop-old\n\n${usage}`, 2);
    const count = await rotateKey(config, args.includes('--drop-old'));
    console.log(
      `parvis-server: new signing key in place (${where}); the ring holds ${count} keys. Restart the server${config.databaseUrl === null ? '' : 's'}: new tokens use the new key, tokens signed by the ${count - 1} older one${count === 2 ? '' : 's'} stay valid.`,
    );
    return;
  }
  if (command === 'create-admin' || command === 'reset-password') {
    const flags = parseFlags(args, command === 'create-admin' ? ['email', 'name'] : ['email']);
    if (!flags.email) fail(`${command} needs --email EMAIL\n\n${usage}`, 2);
    const email = flags.email.trim().toLowerCase();
    const password = await readPassword('Password (at least 12 characters): ');
    if (command === 'create-admin') {
      await createAdminCommand(config, email, flags.name ?? '', password);
      console.log(`parvis-server: administrator ${email} created (${where}); sign in at /admin`);
    } else {
      await resetPasswordCommand(config, email, password);
      console.log(`parvis-server: new password set for ${email} (${where}); its sessions ended`);
    }
    return;
  }
  const file = args[0];
  if (args.length !== 1 || file === undefined)
    fail(`${command} needs one FILE (or -)\n\n${usage}`, 2);
  if (command === 'export') {
    const count = await exportCommand(config, file);
    // With `-` the JSON goes to stdout: the summary goes to stderr, out of the way.
    console.error(
      `parvis-server: exported ${count} consultations (${where}) to ${file === '-' ? 'stdout' : file}; votes are not exported (back up the database for them)`,
    );
    return;
  }
  const report = await importCommand(config, file);
  console.log(
    `parvis-server: imported ${file === '-' ? 'stdin' : file} (${where}): ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged`,
  );
}

async function start(config: ServerConfig): Promise<void> {
  const log = createLogger({ format: config.logFormat });
  const server = await startServer(config, { log }).catch((error: unknown) => {
    const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    if (code === 'EADDRINUSE')
      log.error('error', `port ${config.port} is in use; set PORT to another port`);
    else if (code === 'EACCES')
      log.error('error', `not allowed to listen on ${config.host}:${config.port}`);
    else log.error('error', 'could not start:', error);
    process.exit(1);
  });

  const admin = config.adminToken
    ? 'admin routes enabled'
    : 'admin routes disabled (PARVIS_ADMIN_TOKEN unset)';
  log.info('start', `Parvis server listening on ${server.url}/ (${where}; ${admin})`, {
    url: server.url,
    storage: config.databaseUrl === null ? 'sqlite' : 'postgresql',
    dataDir: config.databaseUrl === null ? config.dataDir : undefined,
    configFile: config.configFile ?? undefined,
    retentionDays: config.retentionDays,
    verifiedParticipants: config.verifiedTokens !== null,
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.error('stop', `${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info('stop', `${signal} received, finishing requests`, { signal });
    server.close().then(
      () => {
        log.info('stop', 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('stop', 'error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** `--name value` pairs; anything else is a usage error. */
function parseFlags(given: string[], known: string[]): Record<string, string | undefined> {
  const flags: Record<string, string | undefined> = {};
  for (let i = 0; i < given.length; i += 2) {
    const name = given[i]?.replace(/^--/, '') ?? '';
    const value = given[i + 1];
    if (!given[i]?.startsWith('--') || !known.includes(name) || value === undefined) {
      fail(
        `unexpected argument "${given[i]}" (passwords are never given as arguments)\n\n${usage}`,
        2,
      );
    }
    flags[name] = value;
  }
  return flags;
}
