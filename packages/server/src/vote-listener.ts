import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { maxBodyBytes, type VoteFastPath } from '@parvis/api';
import { everyResponseHeaders, logRequest } from './app.js';
import type { ClientAddresses } from './client-address.js';
import type { Logger } from './logger.js';

const mountPath = '/api';

/**
 * The server's request listener: votes (`PUT /api/v1/polls/{id}/vote`) go to the api's vote
 * fast path, which answers them without building web Requests and Responses or running hono's
 * middleware chain (the same checks run as plain functions); every other request, and a vote the
 * fast path does not take (`null`: a body it leaves to the app's validation), goes to the hono
 * app. (docs/decisions/0012-vote-writer-thread-and-fast-path.md)
 */
export function listenerWithVoteFastPath(options: {
  /** The server app's fetch (hono's `app.fetch`). */
  fetch: (request: Request, env: HttpBindings) => Response | Promise<Response>;
  voteFastPath: VoteFastPath;
  clientAddresses: ClientAddresses;
  log?: Logger;
  logError: (message: string, error: unknown) => void;
}): RequestListener {
  const app = getRequestListener((request, env) => options.fetch(request, env as HttpBindings));
  return (incoming, outgoing) => {
    const url = incoming.url ?? '';
    const length = incoming.headers['content-length'];
    if (
      incoming.method !== 'PUT' ||
      !url.startsWith(`${mountPath}/v1/polls/`) ||
      !url.endsWith('/vote') ||
      length === undefined ||
      !(Number(length) <= maxBodyBytes)
    ) {
      return app(incoming, outgoing);
    }
    const started = performance.now();
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      vote(options, incoming, outgoing, body, started).catch((error: unknown) => {
        options.logError(`parvis-server: PUT ${url} failed`, error);
        if (!outgoing.headersSent) outgoing.writeHead(500, { 'cache-control': 'no-store' });
        outgoing.end();
      });
    });
  };
}

async function vote(
  options: Parameters<typeof listenerWithVoteFastPath>[0],
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  body: Buffer,
  started: number,
): Promise<void> {
  const url = incoming.url!;
  const path = url.slice(mountPath.length);
  const peer = incoming.socket.remoteAddress;
  const forwardedFor = header(incoming, 'x-forwarded-for');
  const answer = options.voteFastPath({
    method: 'PUT',
    path,
    header: (name) => header(incoming, name),
    body: body.toString('utf8'),
    clientAddress: options.clientAddresses.addressOf(peer, forwardedFor),
  });
  if (answer) {
    const { status, headers, body: text } = await answer;
    send(outgoing, status, headers, text);
    if (options.log) logRequest(options.log, 'PUT', url, status, started);
    return;
  }
  // Not the fast path's shape: the app answers, from the body already read.
  const request = new Request(new URL(url, `http://${incoming.headers.host ?? 'localhost'}`), {
    method: 'PUT',
    headers: headersOf(incoming),
    body: new Uint8Array(body),
  });
  const response = await options.fetch(request, { incoming, outgoing });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  send(outgoing, response.status, headers, Buffer.from(await response.arrayBuffer()));
}

function send(
  outgoing: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  outgoing.writeHead(status, {
    ...everyResponseHeaders,
    ...headers,
    'content-length': Buffer.byteLength(body),
  });
  outgoing.end(body);
}

function header(incoming: IncomingMessage, name: string): string | undefined {
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function headersOf(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}
