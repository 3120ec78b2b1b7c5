import { describe, expect, it } from "vitest";
import { at, incident } from "../eval/root-cause-set";
import { diagnosisOutputSchema } from "../schema";
import { buildSignals } from "../signals";
import { reasonCausally } from "./causal";
import { causalLinks, changeKinds } from "./causal-knowledge";
import { analyzeIncident } from "./engine";
import { failureModes } from "./knowledge-base";
import { contextFor, finish, type Ev, type Scored } from "./scoring";

type Case = ReturnType<typeof incident>;
const diagnose = (c: Case) => analyzeIncident(buildSignals(c.incident, c.events, c.topology));
const expected = { category: "other" as const, causes: [], actions: [] };
const top = (c: Case) => diagnose(c).hypotheses[0];
const chainText = (c: Case) => (top(c).causal_chain ?? []).map((s) => `${s.role}: ${s.description}`).join("\n");
const rank = (c: Case, cause: string) => diagnose(c).hypotheses.findIndex((h) => h.cause === cause);

describe("causal links as data", () => {
  it("name failure modes that exist, once per pair", () => {
    const causes = new Set(failureModes.map((m) => m.cause));
    const pairs = new Set<string>();
    for (const l of causalLinks) {
      expect(causes.has(l.from), l.from).toBe(true);
      expect(causes.has(l.to), l.to).toBe(true);
      expect(l.from).not.toBe(l.to);
      expect(pairs.has(`${l.from}>${l.to}`), `${l.from}>${l.to}`).toBe(false);
      pairs.add(`${l.from}>${l.to}`);
    }
    for (const k of changeKinds) {
      expect(causes.has(k.blame), k.id).toBe(true);
      for (const p of k.produces) expect(causes.has(p), `${k.id}: ${p}`).toBe(true);
    }
  });

  // Every link, on two bare hypotheses: the cause first (with its signs) explains the effect; the effect
  // first is never explained by what came after it.
  const signLines = [
    "retrying request to upstream (attempt 2 of 3)",
    "GC pause (G1 Evacuation Pause) 1.2s",
    "Request joining group due to: group is already rebalancing",
    "Liveness probe failed: context deadline exceeded",
  ];
  const ctx = contextFor(
    buildSignals(
      { title: "bare", service: "svc" },
      signLines.map((message, i) => ({ id: `sign-${i}`, service: "svc", level: "INFO", message, timestamp: at(`12:0${i}`) })),
      { svc: [] },
    ),
  );
  const hypothesis = (cause: string, onset: string, eventIds: string[]): Scored => {
    const ev: Ev = {
      source: "event",
      ref: `db_cpu_${cause}`,
      // One detail that satisfies every link's `effect` reading (database CPU, broker memory, timeouts, OOM kills).
      detail: `${cause}: db_cpu_usage_percent rabbitmq broker memory, client timed out, OOMKilled 137`,
      strength: 0.85,
      primary: true,
      at: Date.parse(at(onset)),
      eventIds,
    };
    const mode = failureModes.find((m) => m.cause === cause)!;
    return finish({ mode, evidence: [ev], score: 0.85, raw: 0.85, anomaly: 0.5, vars: {}, services: [] });
  };

  it.each(causalLinks.map((l) => [`${l.from} → ${l.to}`, l] as const))("%s fires when the cause comes first, and not the other way round", (_name, link) => {
    const cause = hypothesis(link.from, "13:00", ["shared"]);
    const effect = hypothesis(link.to, "13:10", ["shared"]);
    reasonCausally([cause, effect], ctx, { dismissed: [], candidates: [] }, undefined);
    expect(effect.explainedBy?.by).toBe(cause);
    expect(effect.explainedBy?.mechanism).toBe(link.mechanism);
    expect(effect.score).toBeLessThan(cause.score);

    const late = hypothesis(link.from, "13:20", ["shared"]);
    const early = hypothesis(link.to, "13:10", ["shared"]);
    reasonCausally([late, early], ctx, { dismissed: [], candidates: [] }, undefined);
    expect(early.explainedBy?.by).not.toBe(late);
  });

  it("needs the signs of a mechanism: retries do not explain CPU without any retry", () => {
    const bare = contextFor(buildSignals({ title: "bare", service: "svc" }, [], { svc: [] }));
    const provider = hypothesis("external_dependency_failure", "13:00", []);
    const cpu = hypothesis("cpu_saturation", "13:10", []);
    reasonCausally([provider, cpu], bare, { dismissed: [], candidates: [] }, undefined);
    expect(cpu.explainedBy).toBeUndefined();
  });
});

/** Minimal incidents, each proving one chain, with a twin in which it must not fire. */
describe("causal chains on minimal incidents", () => {
  const retries = (withRetries: boolean) =>
    incident("t-retries", {
      service: "payment",
      title: "payment CPU high",
      hard: true,
      rootCause: "",
      events: [
        ["13:44:20", "payment", "ERROR", "POST https://api.cardprocessor.com/v1/charges timed out after 10000ms"],
        ...(withRetries ? ([["13:45:02", "payment", "WARNING", "retrying charge txn=8812 (attempt 4 of 5) after 0ms"]] as const) : []),
        ["13:58:12", "payment", "ERROR", "POST https://api.cardprocessor.com/v1/charges timed out after 10000ms"],
      ].map((r) => [...r] as [string, string, string, string]),
      metrics: [
        { name: "cpu_usage_percent", value: 95, baseline: 45, unit: "%", started_at: at("13:46") },
        { name: "cardprocessor_request_duration_seconds_p95", value: 9.8, baseline: 0.4, started_at: at("13:44") },
      ],
      topology: { payment: [] },
      expected,
    });

  it("retries → CPU: a slow provider retried without backoff is the cause of the CPU alarm", () => {
    const c = retries(true);
    expect(top(c).cause).toBe("external_dependency_failure");
    expect(chainText(c)).toMatch(/retried.*CPU/);
    expect(rank(c, "cpu_saturation")).toBeGreaterThan(0);
  });

  it("retries → CPU must not fire without a sign of retries", () => {
    const d = diagnose(retries(false));
    expect(d.hypotheses.map((h) => h.cause)).toEqual(expect.arrayContaining(["external_dependency_failure", "cpu_saturation"]));
    expect(d.hypotheses.find((h) => h.cause === "cpu_saturation")!.explanation).not.toMatch(/retried/);
    expect(chainText(retries(false))).not.toMatch(/retried/);
  });

  const locks = (lockFirst: boolean) =>
    incident("t-locks", {
      service: "api",
      title: "API slow",
      hard: true,
      rootCause: "",
      events: [
        [lockFirst ? "13:10:00" : "13:40:00", "postgres", "INFO", "LOG:  process 22811 still waiting for ShareLock on transaction 9912044 after 1000.114 ms"],
        ["13:20:00", "api", "ERROR", "PG::QueryCanceled: ERROR:  canceling statement due to statement timeout"],
        ["13:50:00", "api", "ERROR", "PG::QueryCanceled: ERROR:  canceling statement due to statement timeout"],
      ],
      topology: { api: ["postgres"], postgres: [] },
      expected,
    });

  it("lock queue → slow queries: statements waiting behind a lock holder", () => {
    const c = locks(true);
    expect(top(c).cause).toBe("database_locking");
    expect(chainText(c)).toMatch(/queue behind/);
  });

  it("lock queue → slow queries must not fire when the lock waits come after the slow queries", () => {
    const d = diagnose(locks(false));
    const slow = d.hypotheses.find((h) => h.cause === "database_performance");
    expect(slow).toBeDefined();
    expect(slow!.explanation).not.toMatch(/Ranked lower: explained by lock/i);
    expect(d.hypotheses[0].cause).not.toBe("database_locking");
  });

  const heap = (heapFirst: boolean) =>
    incident("t-heap", {
      service: "quotes",
      title: "quotes CPU at 96 %",
      hard: true,
      rootCause: "",
      events: [["13:41:02", "quotes", "WARNING", "[gc] GC(8812) Pause Full (G1 Compaction Pause) 3891M->3874M(4096M) 2987.211ms"]],
      metrics: [
        { name: "container_cpu_usage_percent", value: 96, baseline: 40, unit: "%", started_at: at(heapFirst ? "13:38" : "09:00") },
        { name: "jvm_memory_used_bytes_heap", value: 3.9e9, baseline: 1.8e9, started_at: at("11:30") },
      ],
      expected,
    });

  it("memory pressure → GC → CPU: the heap filled first, the collector burns the CPU", () => {
    const c = heap(true);
    expect(top(c).category).toBe("memory");
    expect(chainText(c)).toMatch(/collect|garbage/i);
  });

  it("memory pressure → CPU must not fire when the CPU was high before the heap grew", () => {
    const d = diagnose(heap(false));
    const cpu = d.hypotheses.find((h) => h.cause === "cpu_saturation");
    expect(cpu).toBeDefined();
    expect(cpu!.explanation).not.toMatch(/Ranked lower: explained by memory/i);
  });

  const evictions = (cacheFirst: boolean) =>
    incident("t-evict", {
      service: "catalog",
      title: "catalog slow: database CPU 98 %",
      hard: true,
      rootCause: "",
      events: [["13:50:00", "catalog", "ERROR", "failed to list products: pq: canceling statement due to statement timeout"]],
      metrics: [
        { name: "redis_evicted_keys_rate", value: 5200, baseline: 0, started_at: at("13:44") },
        { name: "redis_keyspace_hit_ratio", value: 0.18, baseline: 0.96, started_at: at("13:45") },
        { name: "db_query_duration_seconds_p95", value: 2.8, baseline: 0.02, started_at: at(cacheFirst ? "13:46" : "12:00") },
      ],
      expected,
    });

  it("evictions → misses → database load: the cache is the cause of the slow database", () => {
    const c = evictions(true);
    expect(top(c).category).toBe("cache");
    expect(chainText(c)).toMatch(/evict|miss/i);
    expect(chainText(c)).toMatch(/symptom/);
  });

  it("evictions → database load must not fire when the database was slow before the evictions", () => {
    expect(top(evictions(false)).category).toBe("database");
  });

  const fullDisk = (diskFirst: boolean) =>
    incident("t-disk", {
      service: "accounts",
      title: "accounts: database errors",
      hard: true,
      rootCause: "",
      events: [
        [diskFirst ? "13:47:02" : "13:55:00", "postgres", "CRITICAL", "PANIC:  could not write to file \"pg_wal/xlogtemp.3312\": No space left on device"],
        ["13:47:30", "accounts", "ERROR", "org.postgresql.util.PSQLException: FATAL: the database system is in recovery mode"],
      ],
      expected,
    });

  it("full disk → database down: the database stopped because it could not write", () => {
    const c = fullDisk(true);
    expect(top(c).category).toBe("disk");
    expect(chainText(c)).toMatch(/cannot write/);
  });

  it("full disk → database down must not fire when the database was down first", () => {
    const down = diagnose(fullDisk(false)).hypotheses.find((h) => h.cause === "database_unavailable");
    expect(down).toBeDefined();
    expect(down!.explanation).not.toMatch(/explained by disk/i);
  });

  const dns = (dnsFirst: boolean) =>
    incident("t-dns", {
      service: "checkout-api",
      title: "Card payments failing",
      hard: true,
      rootCause: "",
      events: [
        [dnsFirst ? "13:49:40" : "13:58:00", "checkout-api", "ERROR", "Error: getaddrinfo EAI_AGAIN api.stripe.com"],
        ["13:50:10", "checkout-api", "ERROR", "StripeConnectionError: An error occurred with our connection to Stripe. Request was retried 2 times."],
      ],
      expected,
    });

  it("DNS → external dependency: names do not resolve, so the provider looks down", () => {
    const c = dns(true);
    expect(top(c).cause).toBe("dns_failure");
    expect(chainText(c)).toMatch(/do not resolve/);
  });

  it("DNS → external dependency must not fire when the provider failed long before any lookup did", () => {
    const d = diagnose(dns(false));
    expect(d.hypotheses.map((h) => h.cause)).toEqual(expect.arrayContaining(["dns_failure", "external_dependency_failure"]));
    expect(d.hypotheses.find((h) => h.cause === "external_dependency_failure")!.explanation).not.toMatch(/explained by DNS/i);
  });

  const poolChange = (what: string, minutesAgo: number) =>
    incident("t-pool", {
      service: "orders-api",
      title: "orders-api timing out",
      hard: true,
      rootCause: "",
      events: [
        ["13:43:10", "orders-api", "ERROR", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms."],
        ["14:00:00", "orders-api", "ERROR", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms."],
      ],
      context: { config_changes: [{ service: "pgbouncer", minutes_ago: minutesAgo, what }] },
      topology: { "orders-api": ["pgbouncer"], pgbouncer: [] },
      expected,
    });

  it("a lowered limit → exhaustion: the configuration change is the cause", () => {
    const c = poolChange("pgbouncer pool_size 50 → 5", 22);
    expect(top(c).cause).toBe("configuration_error");
    expect(top(c).causal_chain?.[0]).toMatchObject({ role: "cause", description: expect.stringMatching(/pool_size 50 → 5/) });
  });

  it("a raised limit, or one changed after the failure began, is not blamed", () => {
    expect(top(poolChange("pgbouncer pool_size 5 → 50", 22)).cause).toBe("connection_pool_exhaustion");
    const late = diagnose(poolChange("pgbouncer pool_size 50 → 5", 3));
    expect(late.hypotheses[0].cause).toBe("connection_pool_exhaustion");
    expect(late.dismissed?.map((x) => x.reason).join("\n")).toMatch(/after the first anomaly/);
  });
});

describe("time and topology", () => {
  const crash = (deployMinutesAgo: number, service = "geo-api") =>
    incident("t-deploy", {
      service: "geo-api",
      title: "geo-api down",
      hard: false,
      rootCause: "",
      events: [
        ["13:55:31", "geo-api", "FATAL", "panic: assignment to entry in nil map"],
        ["13:56:10", "geo-api", "WARNING", "Back-off restarting failed container geo-api in pod geo-api-6f7c9d-x2x8p_prod"],
        ["14:02:00", "geo-api", "FATAL", "panic: assignment to entry in nil map"],
      ],
      deploys: [{ version: "v9", service, minutes_ago: deployMinutesAgo, description: "release" }],
      topology: { "geo-api": [], "email-worker": [] },
      expected,
    });

  it("a deploy just before the first anomaly is the chain's cause", () => {
    const d = diagnose(crash(10));
    expect(d.hypotheses[0].cause).toBe("deployment_issue");
    expect(d.hypotheses[0].causal_chain?.[0]).toMatchObject({ role: "cause", evidence: [expect.objectContaining({ source: "deploy", ref: "v9" })] });
  });

  it("a deploy after the first anomaly, or of an unrelated service, is named as dismissed", () => {
    const late = diagnose(crash(2));
    expect(late.dismissed).toEqual(expect.arrayContaining([expect.objectContaining({ source: "deploy", ref: "v9", reason: expect.stringMatching(/after the first anomaly/) })]));
    expect(late.hypotheses[0].causal_chain?.[0].evidence.some((e) => e.source === "deploy")).toBe(false);
    const elsewhere = diagnose(crash(10, "email-worker"));
    expect(elsewhere.dismissed).toEqual(expect.arrayContaining([expect.objectContaining({ ref: "v9", reason: expect.stringMatching(/neither calls nor is called/) })]));
  });

  const cascade = (cacheFirst: boolean) =>
    incident("t-topology", {
      service: "checkout",
      title: "checkout failing",
      hard: true,
      rootCause: "",
      events: [
        [cacheFirst ? "13:41:00" : "13:59:00", "cart", "ERROR", "StackExchange.Redis.RedisConnectionException: No connection is active/available to service this operation: HGET 8a1f; UnableToConnect on valkey-cart:6379"],
        ["13:45:00", "checkout", "ERROR", "failed to get user cart during checkout: rpc error: code = Unavailable desc = cart unavailable"],
        ["14:00:00", "checkout", "ERROR", "failed to get user cart during checkout: rpc error: code = Unavailable desc = cart unavailable"],
      ],
      topology: { checkout: ["cart"], cart: ["valkey-cart"], "valkey-cart": [] },
      expected,
    });

  it("a dependency's trouble that started first explains its caller's failure", () => {
    const d = diagnose(cascade(true));
    expect(d.hypotheses[0].category).toBe("cache");
    expect(d.hypotheses[0].causal_chain?.map((s) => s.description).join(" ")).toMatch(/checkout calls/i);
  });

  it("callers' errors are the service's own failure seen from upstream", () => {
    const d = diagnose(
      incident("t-callers", {
        service: "orders-api",
        title: "orders-api failing",
        hard: true,
        rootCause: "",
        events: [
          ["13:43:10", "orders-api", "ERROR", "java.io.IOException: No space left on device"],
          ["13:50:10", "orders-api", "ERROR", "java.io.IOException: No space left on device"],
          ["13:58:40", "web-gateway", "ERROR", "upstream request timeout: GET /api/orders -> orders-api:8080 (30000ms)"],
          ["14:01:12", "web-gateway", "ERROR", "upstream request timeout: GET /api/orders -> orders-api:8080 (30000ms)"],
        ],
        topology: { "web-gateway": ["orders-api"], "orders-api": [] },
        expected,
      }),
    );
    expect(d.hypotheses[0].cause).toBe("disk_full");
    expect(d.hypotheses.find((h) => h.cause === "external_dependency_failure")?.explanation).toMatch(/web-gateway calls orders-api; what web-gateway reports is orders-api's failure seen from upstream/);
  });
});

describe("discounting", () => {
  it("a symptom another hypothesis explains ranks below it", () => {
    const d = diagnose(
      incident("t-rank", {
        service: "ledger-consumer",
        title: "Kafka lag alarm",
        hard: true,
        rootCause: "",
        events: [["13:32:40", "ledger-consumer", "ERROR", "MySQLTransactionRollbackException: Lock wait timeout exceeded; try restarting transaction"]],
        metrics: [
          { name: "kafka_consumergroup_lag", value: 420000, baseline: 800, started_at: at("13:33") },
          { name: "mysql_innodb_row_lock_current_waits", value: 42, baseline: 0, started_at: at("13:30") },
        ],
        expected,
      }),
    );
    const causes = d.hypotheses.map((h) => h.cause);
    expect(causes[0]).toBe("database_locking");
    expect(causes.indexOf("queue_backlog")).toBeGreaterThan(0);
  });

  it("a cause whose own defining metric stayed at its baseline is refuted and named", () => {
    const d = diagnose(
      incident("t-refute", {
        service: "auth-api",
        title: "auth-api slow",
        hard: true,
        rootCause: "",
        events: [["13:31:02", "auth-api", "ERROR", "[ioredis] Unhandled error event: Error: Command timed out"]],
        metrics: [
          { name: "process_cpu_usage_percent", value: 100, baseline: 35, unit: "%", started_at: at("13:28") },
          { name: "redis_commands_duration_seconds_p99", value: 0.0008, baseline: 0.0007 },
        ],
        expected,
      }),
    );
    expect(d.hypotheses[0].cause).toBe("cpu_saturation");
    expect(d.dismissed).toEqual(expect.arrayContaining([expect.objectContaining({ source: "metric", ref: "redis_commands_duration_seconds_p99" })]));
  });

  it("routine lines are never evidence, and are named as dismissed", () => {
    const d = diagnose(
      incident("t-benign", {
        service: "shop-web",
        title: "shop-web 500s",
        hard: false,
        rootCause: "",
        events: [
          ["14:01:12", "mysql", "WARNING", "[Warning] [MY-010055] [Server] IP address '10.0.4.22' could not be resolved: Name or service not known"],
          ["14:01:58", "shop-web", "ERROR", "PDOException: SQLSTATE[HY000] [1040] Too many connections"],
        ],
        expected,
      }),
    );
    expect(d.hypotheses.map((h) => h.cause)).not.toContain("dns_failure");
    expect(d.dismissed?.find((x) => x.source === "event")?.reason).toMatch(/Routine line.*reverse-DNS/);
  });
});

describe("the causal output", () => {
  it("is schema-valid for providers, with the chain from a cause to a symptom in the top hypothesis", () => {
    const d = diagnose(
      incident("t-schema", {
        service: "notify",
        title: "Emails failing",
        hard: true,
        rootCause: "",
        events: [["13:22:10", "notify", "ERROR", "POST https://api.sendgrid.com/v3/mail/send 503 in 10021ms"]],
        deploys: [{ version: "notify@2.14.0", service: "notify", minutes_ago: 3, description: "Upgrade @sendgrid/mail" }],
        expected,
      }),
    );
    expect(diagnosisOutputSchema.parse(d)).toEqual(d);
    const roles = d.hypotheses[0].causal_chain!.map((s) => s.role);
    expect(roles[0]).toBe("cause");
    expect(roles.at(-1)).toBe("symptom");
    expect(d.hypotheses.slice(1).every((h) => h.causal_chain?.length === 0)).toBe(true);
  });
});
