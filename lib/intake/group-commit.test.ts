import { describe, expect, it, vi } from "vitest";
import { createGroupCommit } from "@/lib/intake/group-commit";

/** A promise whose settlement the test controls. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending microtask and one macrotask run (workers start a microtask after submit). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A writeMany that records each batch it is given and answers every job with `done:<job>`.
 * Batches containing a job listed in `holds` wait until that job's gate is opened.
 */
function recorder() {
  const calls: string[][] = [];
  const gates = new Map<string, ReturnType<typeof deferred<void>>>();
  let inFlight = 0;
  let maxInFlight = 0;
  const writeMany = vi.fn(async (jobs: string[]) => {
    calls.push([...jobs]);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      for (const job of jobs) {
        const gate = gates.get(job);
        if (gate) await gate.promise;
      }
      return jobs.map((job) => `done:${job}`);
    } finally {
      inFlight--;
    }
  });
  const hold = (job: string) => {
    const gate = deferred();
    gates.set(job, gate);
    return gate;
  };
  return { calls, writeMany, hold, inFlight: () => inFlight, maxInFlight: () => maxInFlight };
}

describe("createGroupCommit", () => {
  it("writes calls made in the same turn in one writeMany call and gives each caller its own result", async () => {
    const w = recorder();
    const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100 });

    const results = await Promise.all([commit.submit("k", "a"), commit.submit("k", "b"), commit.submit("k", "c")]);

    expect(w.writeMany).toHaveBeenCalledTimes(1);
    expect(w.calls).toEqual([["a", "b", "c"]]);
    expect(results).toEqual(["done:a", "done:b", "done:c"]);
  });

  it("matches results to callers by position, not by arrival of the answer", async () => {
    const commit = createGroupCommit<number, number>({
      writeMany: async (jobs) => jobs.map((n) => n * 10),
      maxWeight: 100,
    });

    const [x, y, z] = await Promise.all([commit.submit("k", 3), commit.submit("k", 1), commit.submit("k", 2)]);

    expect([x, y, z]).toEqual([30, 10, 20]);
  });

  it("writes a lone call on its own without waiting for company", async () => {
    const w = recorder();
    const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100 });

    await expect(commit.submit("k", "solo")).resolves.toBe("done:solo");
    expect(w.calls).toEqual([["solo"]]);
  });

  it("queues calls that arrive while a flush is in flight and writes them together in the next flush", async () => {
    const w = recorder();
    const gate = w.hold("a");
    const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100 });

    const first = commit.submit("k", "a");
    await settle();
    expect(w.calls).toEqual([["a"]]);

    const later = [commit.submit("k", "b"), commit.submit("k", "c")];
    await settle();
    const lateComer = commit.submit("k", "d");
    await settle();
    // Nothing else is written while the first flush holds the key.
    expect(w.calls).toEqual([["a"]]);

    gate.resolve();
    await expect(first).resolves.toBe("done:a");
    await expect(Promise.all([...later, lateComer])).resolves.toEqual(["done:b", "done:c", "done:d"]);
    expect(w.calls).toEqual([["a"], ["b", "c", "d"]]);
  });

  describe("maxWeight", () => {
    it("starts a new flush when the next job's weight would pass maxWeight", async () => {
      const w = recorder();
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 5 });

      const results = await Promise.all([commit.submit("k", "a", 3), commit.submit("k", "b", 3), commit.submit("k", "c", 3)]);

      expect(results).toEqual(["done:a", "done:b", "done:c"]);
      expect(w.calls).toEqual([["a"], ["b"], ["c"]]);
    });

    it("fills a flush up to exactly maxWeight, keeping submission order", async () => {
      const w = recorder();
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 5 });

      await Promise.all([
        commit.submit("k", "a", 2),
        commit.submit("k", "b", 3),
        commit.submit("k", "c", 4),
        commit.submit("k", "d", 1),
        commit.submit("k", "e", 1),
      ]);

      expect(w.calls).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    });

    it("still writes a job heavier than maxWeight, alone", async () => {
      const w = recorder();
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 5 });

      const results = await Promise.all([commit.submit("k", "small", 1), commit.submit("k", "huge", 50), commit.submit("k", "tail", 1)]);

      expect(results).toEqual(["done:small", "done:huge", "done:tail"]);
      expect(w.calls).toEqual([["small"], ["huge"], ["tail"]]);
    });

    it("defaults a job's weight to 1 and counts weights below 1 as 1", async () => {
      const w = recorder();
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 2 });

      await Promise.all([commit.submit("k", "a"), commit.submit("k", "b", 0), commit.submit("k", "c", -5), commit.submit("k", "d")]);

      expect(w.calls).toEqual([
        ["a", "b"],
        ["c", "d"],
      ]);
    });
  });

  describe("failures", () => {
    const failingOnBad = () =>
      vi.fn(async (jobs: string[]) => {
        if (jobs.includes("bad")) throw new Error("bad row");
        return jobs.map((job) => `done:${job}`);
      });

    it("gives the error only to the caller whose job failed; the others in the flush still succeed", async () => {
      const writeMany = failingOnBad();
      const commit = createGroupCommit({ writeMany, maxWeight: 100 });

      const [good1, bad, good2] = await Promise.allSettled([commit.submit("k", "good1"), commit.submit("k", "bad"), commit.submit("k", "good2")]);

      expect(good1).toEqual({ status: "fulfilled", value: "done:good1" });
      expect(good2).toEqual({ status: "fulfilled", value: "done:good2" });
      expect(bad.status).toBe("rejected");
      expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      expect((bad as PromiseRejectedResult).reason.message).toBe("bad row");
      // The group was tried once, then each job on its own, in order.
      expect(writeMany.mock.calls.map(([jobs]) => jobs)).toEqual([["good1", "bad", "good2"], ["good1"], ["bad"], ["good2"]]);
    });

    it("rejects a lone failing job with its error without retrying it", async () => {
      const writeMany = failingOnBad();
      const commit = createGroupCommit({ writeMany, maxWeight: 100 });

      await expect(commit.submit("k", "bad")).rejects.toThrow("bad row");
      expect(writeMany).toHaveBeenCalledTimes(1);
    });

    it("keeps serving the key after a failure", async () => {
      const writeMany = failingOnBad();
      const commit = createGroupCommit({ writeMany, maxWeight: 100 });

      await expect(commit.submit("k", "bad")).rejects.toThrow("bad row");
      await expect(Promise.all([commit.submit("k", "x"), commit.submit("k", "y")])).resolves.toEqual(["done:x", "done:y"]);
      await settle();
      expect(commit.busyKeys()).toEqual([]);
    });

    it("isolates a failure in one flush from jobs queued for the next", async () => {
      const gate = deferred();
      const calls: string[][] = [];
      const writeMany = async (jobs: string[]) => {
        calls.push([...jobs]);
        if (jobs.includes("first")) await gate.promise;
        if (jobs.includes("bad")) throw new Error("bad row");
        return jobs.map((job) => `done:${job}`);
      };
      const commit = createGroupCommit({ writeMany, maxWeight: 100 });

      const first = commit.submit("k", "first");
      await settle();
      const queued = Promise.allSettled([commit.submit("k", "ok1"), commit.submit("k", "bad"), commit.submit("k", "ok2")]);
      gate.resolve();

      await expect(first).resolves.toBe("done:first");
      const [ok1, bad, ok2] = await queued;
      expect(ok1).toEqual({ status: "fulfilled", value: "done:ok1" });
      expect(bad.status).toBe("rejected");
      expect(ok2).toEqual({ status: "fulfilled", value: "done:ok2" });
      expect(calls).toEqual([["first"], ["ok1", "bad", "ok2"], ["ok1"], ["bad"], ["ok2"]]);
    });
  });

  describe("keys", () => {
    it("never puts jobs of different keys in the same flush", async () => {
      const w = recorder();
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100 });

      const results = await Promise.all([
        commit.submit("k1", "a1"),
        commit.submit("k2", "a2"),
        commit.submit("k1", "b1"),
        commit.submit("k2", "b2"),
      ]);

      expect(results).toEqual(["done:a1", "done:a2", "done:b1", "done:b2"]);
      expect(w.calls).toHaveLength(2);
      expect(w.calls).toContainEqual(["a1", "b1"]);
      expect(w.calls).toContainEqual(["a2", "b2"]);
    });

    it("does not make one key wait for another key's flush", async () => {
      const w = recorder();
      const gate = w.hold("slow");
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100 });

      const slow = commit.submit("k1", "slow");
      await settle();

      await expect(commit.submit("k2", "fast")).resolves.toBe("done:fast");
      expect(commit.busyKeys()).toEqual(["k1"]);

      gate.resolve();
      await expect(slow).resolves.toBe("done:slow");
    });
  });

  describe("concurrency", () => {
    it("with the default of 1, never has two flushes of a key in flight", async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const commit = createGroupCommit({
        writeMany: async (jobs: string[]) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await settle();
          inFlight--;
          return jobs.map((job) => `done:${job}`);
        },
        maxWeight: 1,
      });

      const jobs = Array.from({ length: 10 }, (_, i) => `j${i}`);
      await expect(Promise.all(jobs.map((j) => commit.submit("k", j)))).resolves.toEqual(jobs.map((j) => `done:${j}`));
      expect(maxInFlight).toBe(1);
    });

    it("with concurrency 2, starts a second flush while the first is still held", async () => {
      const w = recorder();
      const gate = w.hold("a");
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100, concurrency: 2 });

      const first = commit.submit("k", "a");
      await settle();
      expect(w.calls).toEqual([["a"]]);

      // Two queued jobs outnumber the one running worker, so a second worker writes them now.
      const next = Promise.all([commit.submit("k", "b"), commit.submit("k", "c")]);
      await expect(next).resolves.toEqual(["done:b", "done:c"]);
      expect(w.calls).toEqual([["a"], ["b", "c"]]);
      expect(w.inFlight()).toBe(1); // "a" is still held

      gate.resolve();
      await expect(first).resolves.toBe("done:a");
    });

    it("with concurrency 2, does not start a second worker for a single queued job", async () => {
      const w = recorder();
      const gate = w.hold("a");
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100, concurrency: 2 });

      const first = commit.submit("k", "a");
      await settle();
      const second = commit.submit("k", "b");
      await settle();
      expect(w.calls).toEqual([["a"]]);

      gate.resolve();
      await expect(Promise.all([first, second])).resolves.toEqual(["done:a", "done:b"]);
      expect(w.calls).toEqual([["a"], ["b"]]);
    });

    it("with concurrency 2, never has more than two flushes of a key in flight however many jobs queue", async () => {
      const w = recorder();
      const gates = Array.from({ length: 12 }, (_, i) => w.hold(`j${i}`));
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 1, concurrency: 2 });

      const jobs = Array.from({ length: 12 }, (_, i) => `j${i}`);
      const all = Promise.all(jobs.map((j) => commit.submit("k", j)));

      // Release the held flushes one at a time, checking how many are in flight at each step.
      for (const gate of gates) {
        await settle();
        expect(w.inFlight()).toBeLessThanOrEqual(2);
        gate.resolve();
      }

      await expect(all).resolves.toEqual(jobs.map((j) => `done:${j}`));
      expect(w.maxInFlight()).toBe(2);
      expect(w.calls.flat()).toEqual(jobs);
    });
  });

  describe("busyKeys", () => {
    it("lists a key while its work is queued or running, and is empty once everything settles", async () => {
      const w = recorder();
      const gate = w.hold("a");
      const commit = createGroupCommit({ writeMany: w.writeMany, maxWeight: 100 });

      expect(commit.busyKeys()).toEqual([]);
      const pending = [commit.submit("k1", "a"), commit.submit("k2", "b")];
      expect(commit.busyKeys().sort()).toEqual(["k1", "k2"]);

      await pending[1];
      await settle();
      expect(commit.busyKeys()).toEqual(["k1"]);

      gate.resolve();
      await Promise.all(pending);
      await settle();
      expect(commit.busyKeys()).toEqual([]);
    });

    it("is empty after failures and retries settle", async () => {
      const commit = createGroupCommit({
        writeMany: async (jobs: string[]) => {
          if (jobs.includes("bad")) throw new Error("bad row");
          return jobs;
        },
        maxWeight: 100,
        concurrency: 2,
      });

      await Promise.allSettled([commit.submit("k", "bad"), commit.submit("k", "ok"), commit.submit("other", "bad")]);
      await settle();
      expect(commit.busyKeys()).toEqual([]);
    });
  });
});
