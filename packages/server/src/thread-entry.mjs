// Entry of the server's worker threads: node 20 does not pass the main thread's tsx loader on
// to a worker, so each one registers it before importing its TypeScript module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
