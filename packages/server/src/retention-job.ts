import { purgePersonalData, type PurgeReport, type Store } from '@parvis/api';
import type { Logger } from './logger.js';

export const retentionIntervalMs = 60 * 60 * 1000;

export interface RetentionJob {
  /** Runs the purge now (the job also runs at start and every interval). */
  run(): Promise<PurgeReport | null>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * The retention job: `purgePersonalData` at start and every hour, one log line per run with the
 * counts. The timer is unref'd (it never keeps the process alive); a failed run is logged and the
 * next one tries again. Runs never overlap.
 */
export function startRetentionJob(
  store: Store,
  retentionDays: number,
  log: Logger,
  options: { intervalMs?: number; now?: () => Date; purge?: typeof purgePersonalData } = {},
): RetentionJob {
  const now = options.now ?? (() => new Date());
  const purge = options.purge ?? purgePersonalData;
  let running: Promise<PurgeReport | null> | null = null;
  let stopped = false;

  const run = (): Promise<PurgeReport | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= purge(store, now(), retentionDays)
      .then((report) => {
        log.info(
          'retention',
          `retention: ${report.anonymisedVotes} votes anonymised in ${report.anonymisedPolls.length} polls closed over ${retentionDays} days ago, ${report.expiredIdempotencyKeys} expired idempotency records deleted`,
          {
            retentionDays,
            anonymisedPolls: report.anonymisedPolls.length,
            anonymisedVotes: report.anonymisedVotes,
            expiredIdempotencyKeys: report.expiredIdempotencyKeys,
          },
        );
        return report;
      })
      .catch((error: unknown) => {
        log.error('retention', 'retention: the purge failed; it runs again in an hour', error);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void run(), options.intervalMs ?? retentionIntervalMs);
  timer.unref();
  void run();
  return {
    run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
