import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '../src/config.js';

export const serverBin = join(repositoryRoot, 'packages/server/bin/parvis-server.js');
export const adminToken = 'test-admin-token-0123456789';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code (or the signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

/**
 * Starts `parvis-server` as a child process on a free loopback port and waits for its URL.
 * Loopback is exempt from the per-network write limit: the tests are many clients on one address.
 */
export function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
  /** Options for the server's node (e.g. --cpu-prof); NODE_OPTIONS refuses some of them. */
  nodeArgs: string[] = [],
  /** Another `parvis-server` (e.g. installed from the packed package) and its working folder. */
  install: { bin: string; cwd?: string } = { bin: serverBin },
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs, install.bin], {
    cwd: install.cwd,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PARVIS_DATA_DIR: dataDir,
      PARVIS_ADMIN_TOKEN: adminToken,
      PARVIS_RATE_LIMIT_ALLOWLIST: '127.0.0.0/8,::1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parvis-server did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?)\/? /.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`parvis-server exited (${String(code)}) before listening:\n${output}`));
    });
  });
}

export async function newParticipant(
  url: string,
): Promise<{ participantId: string; token: string }> {
  const res = await fetch(`${url}/api/v1/participants`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`POST /participants answered ${res.status}`);
  return (await res.json()) as { participantId: string; token: string };
}

export function castVote(
  url: string,
  pollId: string,
  token: string,
  optionIds: string[],
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${url}/api/v1/polls/${pollId}/vote`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ optionIds }),
    signal,
  });
}

export async function adminCall(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
