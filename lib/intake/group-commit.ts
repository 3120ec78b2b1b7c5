/**
 * Group commit for intake writes. Concurrent calls that share a key (same database, workspace and
 * caller) are written together: while one flush is in the database, the calls that arrive queue up,
 * and the next flush writes all of them in one transaction. Under load a flush carries dozens of
 * requests for the round trips of one; a lone call is written at once, with no added wait.
 *
 * If a flush of several jobs fails, each job is retried on its own, so one job's failure never
 * becomes another caller's error.
 */

type Pending<J, R> = { job: J; weight: number; resolve: (r: R) => void; reject: (e: unknown) => void };
type Queue<J, R> = { pending: Pending<J, R>[]; workers: number };

export type GroupCommitOptions<J, R> = {
  /** Writes the jobs together; returns one outcome per job, in the order given. */
  writeMany: (jobs: J[]) => Promise<R[]>;
  /** A flush takes queued jobs until their weights (events, alerts) would pass this. */
  maxWeight: number;
  /** Flushes of one key in flight at once (default 1). */
  concurrency?: number;
};

export type GroupCommit<J, R> = {
  submit(key: string, job: J, weight?: number): Promise<R>;
  /** Keys with queued or running flushes (for tests). */
  busyKeys(): string[];
};

export function createGroupCommit<J, R>({ writeMany, maxWeight, concurrency = 1 }: GroupCommitOptions<J, R>): GroupCommit<J, R> {
  const queues = new Map<string, Queue<J, R>>();

  async function flush(batch: Pending<J, R>[]): Promise<void> {
    try {
      const results = await writeMany(batch.map((p) => p.job));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (e) {
      if (batch.length === 1) {
        batch[0].reject(e);
        return;
      }
      for (const p of batch) {
        try {
          p.resolve((await writeMany([p.job]))[0]);
        } catch (alone) {
          p.reject(alone);
        }
      }
    }
  }

  /** One worker: flushes what is queued, in order, until nothing is. */
  async function work(key: string, queue: Queue<J, R>): Promise<void> {
    try {
      while (queue.pending.length > 0) {
        let weight = 0;
        let n = 0;
        while (n < queue.pending.length && (n === 0 || weight + queue.pending[n].weight <= maxWeight)) {
          weight += queue.pending[n].weight;
          n++;
        }
        await flush(queue.pending.splice(0, n));
      }
    } finally {
      queue.workers--;
      if (queue.pending.length > 0) start(key, queue);
      else if (queue.workers === 0) queues.delete(key);
    }
  }

  function start(key: string, queue: Queue<J, R>): void {
    queue.workers++;
    // A microtask later, so calls made in the same turn (Promise.all, one event loop tick) share the flush.
    queueMicrotask(() => void work(key, queue));
  }

  return {
    submit(key, job, weight = 1) {
      return new Promise<R>((resolve, reject) => {
        let queue = queues.get(key);
        if (!queue) {
          queue = { pending: [], workers: 0 };
          queues.set(key, queue);
        }
        queue.pending.push({ job, weight: Math.max(1, weight), resolve, reject });
        // A second worker lets the next flush be prepared (and its rows inserted) while the
        // previous one commits; more would only queue on the same rows' locks.
        if (queue.workers < concurrency && queue.pending.length > queue.workers) start(key, queue);
      });
    },
    busyKeys: () => [...queues.keys()],
  };
}

/**
 * One group commit per database handle (`handle` is the Database). The registry is the module's
 * own: a dev reload starts fresh queues that run the new code, while flushes already in flight
 * finish on the old ones.
 */
export function groupCommitPerHandle<H extends object, J, R>(options: (handle: H) => GroupCommitOptions<J, R>): (handle: H) => GroupCommit<J, R> {
  const byHandle = new WeakMap<H, GroupCommit<J, R>>();
  return (handle) => {
    let commits = byHandle.get(handle);
    if (!commits) {
      commits = createGroupCommit(options(handle));
      byHandle.set(handle, commits);
    }
    return commits;
  };
}
