import { Worker } from 'node:worker_threads';
import type { NewVote } from '@parvis/api';
import type { ThreadReply, ThreadRequest } from './sqlite-vote-thread.js';
import { errorFields, fromErrorFields, type Settled, type VoteWriter } from './vote-batch.js';
import { fromWireResults, toWireVotes } from './vote-wire.js';

/**
 * Writes SQLite vote batches on a thread of their own, with its own connection to the database
 * file: better-sqlite3 is synchronous, so a batch's COMMIT (its fsync included) would otherwise
 * stop the event loop while it reaches the disk. The 2xx still waits for that commit: `write`
 * resolves once the batch committed. (docs/decisions/0012-vote-writer-thread-and-fast-path.md)
 */
export class SqliteVoteWriter implements VoteWriter {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ThreadReply) => void>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ThreadReply) => {
      if ('ready' in reply) return;
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      resolve?.(reply);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const resolve of this.waiting.values()) resolve({ id: 0, error: errorFields(error) });
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite vote writer stopped (exit ${code})`)));
  }

  /** Starts the thread on a migrated database file; resolves once its connection is open. */
  static start(file: string): Promise<SqliteVoteWriter> {
    const workerData = { role: 'sqlite-vote-writer', file };
    // Installed from npm this file is compiled JavaScript and the thread's module runs as is; in
    // the repository it is TypeScript, which the thread loads through tsx (thread-entry.mjs).
    const compiled = import.meta.url.endsWith('.js');
    const worker = compiled
      ? new Worker(new URL('./sqlite-vote-thread.js', import.meta.url), { workerData })
      : new Worker(new URL('./thread-entry.mjs', import.meta.url), {
          workerData: {
            ...workerData,
            module: new URL('./sqlite-vote-thread.ts', import.meta.url).href,
          },
        });
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) => reject(new Error(`the SQLite vote writer exited (${code})`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(new SqliteVoteWriter(worker));
      });
    });
  }

  async write(votes: NewVote[]): Promise<Settled[]> {
    const reply = await this.send({ id: this.nextId++, votes: toWireVotes(votes) });
    if ('error' in reply) throw fromErrorFields(reply.error);
    if (!('results' in reply)) throw new Error('the SQLite vote writer answered out of turn');
    return fromWireResults(votes, reply);
  }

  /** Waits for the batches already sent, then closes the thread's connection. */
  async close(): Promise<void> {
    if (this.failure) return;
    // Listened to first: the thread may exit before its answer to `close` is delivered here.
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    await this.send({ id: this.nextId++, close: true });
    await exited;
  }

  private send(request: ThreadRequest): Promise<ThreadReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      this.worker.postMessage(request);
    });
  }
}
