import type { DependencyMap } from "@/lib/topology";
import type { SignalEvent } from "../signals";
import type { EvalScenario } from "./scenarios";

/**
 * A realistic set written to test whether a diagnosis names the cause rather than the loudest
 * symptom. Each incident is sent as a user would send it: its events (log lines as PostgreSQL, MySQL,
 * Redis, Kafka, RabbitMQ, HAProxy, Envoy, the JVM, Go, Node, Kubernetes and the kernel print them,
 * with their own timestamps), and in its metadata the metrics (value vs baseline, and when the
 * alert started) and the recent changes (deploys, configuration, flags, key rotations).
 *
 * "Hard" cases are those where the loudest symptom, or the most recent change, is not the cause.
 * Most carry red herrings: benign warnings, an unrelated deploy, a flag flipped elsewhere.
 *
 * These cases were written and committed before the engine's causal reasoning was built; the
 * first-run score is recorded in root-cause-first-run.ts and docs/diagnosis.md. They must not be
 * edited to suit the engine.
 */
export type RootCauseCase = EvalScenario & {
  /** The loudest symptom or the most recent change is not the cause. */
  hard: boolean;
  /** What an experienced on-call engineer would name as the cause, in words. */
  rootCause: string;
  /** Signals present in the incident that point elsewhere. */
  redHerrings: string[];
};

/** The incidents happen on this day; event times are given as HH:MM:SS (UTC). */
const DAY = "2026-11-20";

type Row = [time: string, service: string, level: string, message: string];

/** An ISO timestamp on the incident's day. */
export function at(time: string): string {
  return `${DAY}T${time.length === 5 ? `${time}:00` : time}.000Z`;
}

/** Events with their own timestamps, newest first (as intake lists an incident's events). */
function timeline(id: string, rows: Row[]): SignalEvent[] {
  const chronological = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => at(a.r[0]).localeCompare(at(b.r[0])) || a.i - b.i)
    .map(({ r }, n) => ({
      id: `${id}-e${String(n + 1).padStart(2, "0")}`,
      service: r[1],
      level: r[2],
      message: r[3],
      timestamp: at(r[0]),
    }));
  return chronological.reverse();
}

type Spec = {
  service: string;
  title: string;
  description?: string;
  severity?: EvalScenario["incident"]["severity"];
  hard: boolean;
  rootCause: string;
  redHerrings?: string[];
  events: Row[];
  /** `minutes_ago` of deploys, flags and changes counts back from the newest event. */
  metrics?: Record<string, unknown>[];
  deploys?: Record<string, unknown>[];
  flags?: Record<string, unknown>[];
  context?: Record<string, unknown>;
  topology?: DependencyMap;
  expected: EvalScenario["expected"];
};

export function incident(id: string, spec: Spec): RootCauseCase {
  const context: Record<string, unknown> = { ...(spec.context ?? {}) };
  if (spec.deploys) context.recent_deploys = spec.deploys;
  if (spec.flags) context.feature_flags = spec.flags;
  const metadata: Record<string, unknown> = {};
  if (spec.metrics) metadata.metrics = spec.metrics;
  if (Object.keys(context).length) metadata.context = context;
  return {
    id: `rc:${id}`,
    source: "simulation",
    incident: { title: spec.title, description: spec.description ?? "", service: spec.service, severity: spec.severity ?? "P2", metadata },
    events: timeline(`rc-${id}`, spec.events),
    ...(spec.topology ? { topology: spec.topology } : {}),
    expected: spec.expected,
    hard: spec.hard,
    rootCause: spec.rootCause,
    redHerrings: spec.redHerrings ?? [],
  };
}

export const rootCauseSet: RootCauseCase[] = [
  // ── simpler: the loudest signal is the cause ───────────────────────────────────────────────
  incident("mysql-max-conn", {
    service: "shop-web",
    title: "shop-web returning 500 on product pages",
    hard: false,
    rootCause: "MySQL max_connections reached; PHP workers cannot open connections",
    redHerrings: ["MySQL reverse-DNS warning", "php-fpm pm.max_children warning (a consequence)"],
    events: [
      ["14:01:12", "mysql", "WARNING", "2026-11-20T14:01:12.118732Z 0 [Warning] [MY-010055] [Server] IP address '10.0.4.22' could not be resolved: Name or service not known"],
      ["14:01:58", "shop-web", "ERROR", "PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [1040] Too many connections in /var/www/shop/vendor/doctrine/dbal/src/Driver/PDO/Connection.php:38"],
      ["14:02:03", "shop-web", "ERROR", "PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [1040] Too many connections in /var/www/shop/vendor/doctrine/dbal/src/Driver/PDO/Connection.php:38"],
      ["14:02:04", "shop-web", "WARNING", "[20-Nov-2026 14:02:04] WARNING: [pool www] server reached pm.max_children setting (50), consider raising it"],
      ["14:02:09", "shop-web", "ERROR", "10.0.1.12 - - [20/Nov/2026:14:02:09 +0000] \"GET /product/8812 HTTP/1.1\" 500 1320 \"-\" \"Mozilla/5.0\""],
    ],
    metrics: [
      { name: "mysql_global_status_threads_connected", value: 151, baseline: 62, started_at: at("14:01:40") },
      { name: "mysql_global_variables_max_connections", value: 151, baseline: 151 },
      { name: "nginx_http_requests_total_rate", value: 220, baseline: 210, unit: "req/s" },
    ],
    expected: { category: "database", causes: ["connection_pool_exhaustion"], actions: ["kill_connections", "connection_pool_tuning"] },
  }),
  incident("kafka-poll-timeout", {
    service: "invoice-consumer",
    title: "Invoices delayed by over an hour",
    hard: false,
    rootCause: "Consumers exceed max.poll.interval.ms processing large batches, get kicked from the group, lag grows",
    events: [
      ["13:41:12", "invoice-consumer", "WARNING", "[Consumer clientId=consumer-invoices-1, groupId=invoices] consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records."],
      ["13:41:12", "invoice-consumer", "INFO", "[Consumer clientId=consumer-invoices-1, groupId=invoices] Member consumer-invoices-1-5f0c2a sending LeaveGroup request to coordinator kafka-2:9092 (id: 2147483645 rack: null) due to consumer poll timeout has expired."],
      ["13:41:40", "invoice-consumer", "INFO", "[Consumer clientId=consumer-invoices-1, groupId=invoices] Request joining group due to: need to re-join with the given member-id"],
      ["13:44:02", "invoice-consumer", "ERROR", "org.apache.kafka.clients.consumer.CommitFailedException: Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group."],
      ["13:52:30", "invoice-consumer", "ERROR", "org.apache.kafka.clients.consumer.CommitFailedException: Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group."],
      ["14:00:05", "invoice-consumer", "INFO", "Processed batch of 500 records in 312044 ms"],
    ],
    metrics: [
      { name: "kafka_consumergroup_lag", value: 184000, baseline: 1200, started_at: at("13:40") },
      { name: "invoice_pdf_render_seconds_p95", value: 610, baseline: 0.9, started_at: at("13:38") },
    ],
    expected: { category: "queue/backlog", causes: ["queue_backlog"], actions: ["scale", "restart"] },
  }),
  incident("rabbit-memory-alarm", {
    service: "notifications-api",
    title: "Push notifications not being queued",
    hard: false,
    rootCause: "No consumers on push.send; the queue grew until RabbitMQ's memory alarm blocked publishers",
    events: [
      ["12:10:02", "rabbitmq", "INFO", "2026-11-20 12:10:02.004 [info] <0.1021.0> accepting AMQP connection <0.1021.0> (10.0.6.21:51234 -> 10.0.2.9:5672)"],
      ["13:58:40", "rabbitmq", "WARNING", "2026-11-20 13:58:40.221 [warning] <0.517.0> memory resource limit alarm set on node 'rabbit@mq-1'.\n\n**********************************************************\n*** Publishers will be blocked until this alarm clears ***\n**********************************************************"],
      ["13:58:41", "notifications-api", "WARNING", "amqp connection blocked by broker: low on memory"],
      ["13:59:46", "notifications-api", "ERROR", "Error: Timed out publishing to exchange 'notifications' after 5000ms"],
      ["14:01:10", "notifications-api", "ERROR", "Error: Timed out publishing to exchange 'notifications' after 5000ms"],
    ],
    metrics: [
      { name: "rabbitmq_queue_messages_ready", value: 2_100_000, baseline: 2000, started_at: at("12:55") },
      { name: "rabbitmq_queue_consumers", value: 0, baseline: 8, started_at: at("12:54") },
      { name: "rabbitmq_process_resident_memory_bytes", value: 6.3e9, baseline: 1.1e9, started_at: at("13:20") },
    ],
    expected: { category: "queue/backlog", causes: ["queue_backlog", "message_broker_failure"], actions: ["scale", "restart"] },
  }),
  incident("jvm-metaspace", {
    service: "rules-engine",
    title: "rules-engine failing requests",
    hard: false,
    rootCause: "Class-loader leak (a Groovy script compiled per request) exhausts Metaspace",
    events: [
      ["13:52:11", "rules-engine", "ERROR", "Exception in thread \"http-nio-8080-exec-12\" java.lang.OutOfMemoryError: Metaspace"],
      ["13:55:02", "rules-engine", "ERROR", "java.lang.OutOfMemoryError: Metaspace\n\tat java.base/java.lang.ClassLoader.defineClass1(Native Method)\n\tat groovy.lang.GroovyClassLoader$InnerLoader.defineClass(GroovyClassLoader.java:904)"],
      ["13:58:40", "rules-engine", "ERROR", "o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() for servlet [dispatcherServlet] threw exception [Handler dispatch failed: java.lang.OutOfMemoryError: Metaspace]"],
    ],
    metrics: [{ name: "jvm_memory_used_bytes_metaspace", value: 512e6, baseline: 140e6, started_at: at("09:30") }],
    expected: { category: "memory", causes: ["memory_leak"], actions: ["restart"] },
  }),
  incident("go-ephemeral-ports", {
    service: "pricing-sync",
    title: "FX rate sync failing",
    hard: false,
    rootCause: "Ephemeral ports exhausted by connections left in TIME_WAIT (a new HTTP client per request)",
    events: [
      ["13:58:02", "pricing-sync", "ERROR", "level=error msg=\"fetch rates\" err=\"Get \\\"https://rates.internal/v1/fx?base=EUR\\\": dial tcp 10.0.8.14:443: connect: cannot assign requested address\""],
      ["14:00:02", "pricing-sync", "ERROR", "level=error msg=\"fetch rates\" err=\"Get \\\"https://rates.internal/v1/fx?base=USD\\\": dial tcp 10.0.8.14:443: connect: cannot assign requested address\""],
      ["14:02:02", "pricing-sync", "ERROR", "level=error msg=\"fetch rates\" err=\"Get \\\"https://rates.internal/v1/fx?base=GBP\\\": dial tcp 10.0.8.14:443: connect: cannot assign requested address\""],
    ],
    metrics: [{ name: "node_sockstat_TCP_tw", value: 28200, baseline: 1500, started_at: at("13:50") }],
    expected: { category: "cpu/capacity", alsoAccepted: ["network"], causes: ["resource_exhaustion"], actions: ["restart", "config_change"] },
  }),
  incident("stripe-outage", {
    service: "billing-api",
    title: "Subscription sign-ups failing",
    hard: false,
    rootCause: "Stripe API degraded; calls time out",
    events: [
      ["13:48:21", "billing-api", "ERROR", "StripeConnectionError: An error occurred with our connection to Stripe. Request was retried 2 times."],
      ["13:53:02", "billing-api", "ERROR", "POST /v1/subscriptions 502 30012ms"],
      ["13:59:40", "billing-api", "ERROR", "StripeConnectionError: An error occurred with our connection to Stripe. Request was retried 2 times."],
    ],
    metrics: [{ name: "stripe_api_request_duration_seconds_p95", value: 28, baseline: 0.6, started_at: at("13:47") }],
    context: { vendor_status: "status.stripe.com: Elevated API error rates (investigating) since 13:47 UTC" },
    expected: { category: "dependency/external", causes: ["external_dependency_failure"], actions: ["circuit_breaker", "fallback"] },
  }),
  incident("go-panic-deploy", {
    service: "geo-api",
    title: "geo-api down after release",
    hard: false,
    rootCause: "geo-api 3.8.0 panics on start (write to a nil map)",
    events: [
      ["13:55:31", "geo-api", "FATAL", "panic: assignment to entry in nil map\n\ngoroutine 41 [running]:\nmain.(*regionCache).Put(...)\n\t/src/geo/cache.go:57\nmain.main()\n\t/src/geo/main.go:88 +0x2a5"],
      ["13:56:10", "geo-api", "WARNING", "Back-off restarting failed container geo-api in pod geo-api-6f7c9d-x2x8p_prod(4c1f7e2a-9b0d-4d8e-a2a1-0f6c3b7d9e21)"],
      ["13:57:02", "ingress-envoy", "ERROR", "[2026-11-20T13:57:02.118Z] \"GET /v1/regions?lat=48.1 HTTP/1.1\" 503 UH 0 19 0 - \"10.0.1.7\" \"okhttp/4.12.0\" \"7b1c2e\" \"geo-api:8080\" \"-\""],
    ],
    metrics: [{ name: "kube_pod_container_status_restarts_total", value: 14, baseline: 0, started_at: at("13:55") }],
    deploys: [{ version: "geo-api@3.8.0", service: "geo-api", minutes_ago: 7, description: "Cache region lookups in memory" }],
    expected: { category: "deployment", causes: ["deployment_issue"], actions: ["rollback"] },
  }),
  incident("kernel-nvme-timeout", {
    service: "search-indexer",
    title: "Indexing stalled on search-indexer-2",
    hard: false,
    rootCause: "The NVMe device is timing out I/O (failing disk)",
    events: [
      ["13:51:02", "kernel", "ERROR", "nvme nvme1: I/O 842 QID 5 timeout, aborting"],
      ["13:51:02", "kernel", "ERROR", "nvme nvme1: Abort status: 0x371"],
      ["13:51:33", "kernel", "ERROR", "blk_update_request: I/O error, dev nvme1n1, sector 419430400 op 0x1:(WRITE) flags 0x800 phys_seg 32 prio class 0"],
      ["13:53:10", "kernel", "WARNING", "INFO: task java:18234 blocked for more than 120 seconds."],
      ["13:55:40", "search-indexer", "WARNING", "[2026-11-20T13:55:40,112][WARN ][o.e.m.f.FsHealthService] health check of [/var/lib/search/nodes/0] took [31422ms] which is above the warn threshold of [5s]"],
    ],
    metrics: [{ name: "node_cpu_iowait_percent", value: 48, baseline: 3, unit: "%", started_at: at("13:51") }],
    expected: { category: "disk", causes: ["disk_io_saturation"], actions: ["failover", "expand_capacity"] },
  }),
  incident("envoy-partner-cert", {
    service: "ledger-gateway",
    title: "Transfers to partner bank rejected",
    hard: false,
    rootCause: "The partner's TLS certificate has expired; handshakes fail",
    events: [
      ["13:00:12", "ledger-gateway", "ERROR", "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED"],
      ["13:00:12", "ledger-gateway", "ERROR", "[2026-11-20T13:00:12.441Z] \"POST /v2/transfers HTTP/1.1\" 503 UF 1204 190 12 - \"10.0.5.4\" \"ledger/2.3\" \"9e7d1a\" \"api.partnerbank.example:443\" \"-\""],
      ["13:40:31", "ledger-gateway", "ERROR", "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED"],
    ],
    metrics: [{ name: "envoy_cluster_ssl_connection_error", value: 420, baseline: 0, started_at: at("13:00") }],
    context: { partner_certificate_not_after: "2026-11-20T13:00:00Z" },
    expected: { category: "auth/security", causes: ["certificate_expiry"], actions: ["renew_certificate"] },
  }),
  incident("pg-migration-lock", {
    service: "accounts-api",
    title: "accounts-api requests hanging",
    hard: false,
    rootCause: "A migration's non-concurrent CREATE INDEX holds a lock on accounts; writes queue behind it",
    events: [
      ["13:50:00", "accounts-migrate", "INFO", "== 20261120134900 AddEmailLowerIndexToAccounts: migrating =================="],
      ["13:50:00", "accounts-migrate", "INFO", "-- add_index(:accounts, \"lower(email)\", {:name=>\"index_accounts_on_lower_email\"})"],
      ["13:50:02", "postgres", "INFO", "2026-11-20 13:50:02.441 UTC [8812] app@accounts LOG:  process 8812 still waiting for ShareLock on relation 16402 of database 16384 after 1000.082 ms\nDETAIL:  Process holding the lock: 8790. Wait queue: 8812, 8815, 8820.\nSTATEMENT:  UPDATE accounts SET last_seen_at = now() WHERE id = $1"],
      ["13:50:32", "accounts-api", "ERROR", "ActiveRecord::QueryCanceled: PG::QueryCanceled: ERROR:  canceling statement due to statement timeout"],
      ["13:51:05", "accounts-api", "WARNING", "Completed 500 Internal Server Error in 30011ms (ActiveRecord: 30002.6ms | Allocations: 1822)"],
    ],
    metrics: [{ name: "pg_locks_waiting", value: 214, baseline: 0, started_at: at("13:50") }],
    deploys: [{ version: "accounts@2026.11.20-1", service: "accounts-api", minutes_ago: 14, description: "Case-insensitive email lookup (migration adds index on lower(email))" }],
    expected: { category: "database", alsoAccepted: ["deployment"], causes: ["database_locking", "schema_migration_mismatch", "deployment_issue"], actions: ["kill_connections", "rollback"] },
  }),
  incident("mysql-replica-lag", {
    service: "catalog-read",
    title: "Product edits not showing for 30 minutes",
    hard: false,
    rootCause: "The read replica is 30 minutes behind the source",
    events: [
      ["13:31:40", "mysql-replica-2", "WARNING", "2026-11-20T13:31:40.112044Z 12 [Warning] [MY-010584] [Repl] Replica SQL for channel '': Worker 1 failed executing transaction 'ANONYMOUS' at source log binlog.004211, end_log_pos 8812311; Could not execute Update_rows event on table catalog.products; Lock wait timeout exceeded; try restarting transaction, Error_code: MY-001205; the event's source log binlog.004211, end_log_pos 8812311, Error_code: MY-001205"],
      ["14:01:02", "catalog-read", "WARNING", "stale read detected: product 88121 updated_at 13:31:02 on source, replica returns 13:01:40"],
      ["14:02:00", "orchestrator", "WARNING", "Replica mysql-replica-2:3306 Seconds_Behind_Source: 1840"],
    ],
    metrics: [{ name: "mysql_slave_status_seconds_behind_master", value: 1840, baseline: 0.5, started_at: at("13:31") }],
    expected: { category: "database", causes: ["replication_lag"], actions: ["fallback"] },
  }),
  incident("aws-expired-token", {
    service: "export-worker",
    title: "Nightly exports failing to upload",
    hard: false,
    rootCause: "The worker's AWS session credentials expired and are not refreshed",
    events: [
      ["13:40:12", "export-worker", "ERROR", "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the PutObject operation: The provided token has expired."],
      ["13:50:12", "export-worker", "ERROR", "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the PutObject operation: The provided token has expired."],
      ["14:00:12", "export-worker", "ERROR", "upload failed for export-2026-11-20T14.csv.gz after 3 attempts"],
    ],
    expected: { category: "auth/security", causes: ["auth_failure"], actions: ["rotate_credentials"] },
  }),
  incident("push-campaign-surge", {
    service: "frontend",
    title: "Shop slow and shedding requests",
    description: "Push notification campaign went out at 13:55.",
    hard: false,
    rootCause: "Traffic surge from a push campaign beyond the frontend's capacity",
    events: [
      ["13:57:40", "frontend", "WARNING", "[2026-11-20T13:57:40.201Z] \"GET /api/products HTTP/1.1\" 503 UO 0 81 0 - \"10.0.9.1\" \"Mozilla/5.0\" \"51d0e2\" \"frontend:8080\" \"-\""],
      ["13:58:12", "frontend", "WARNING", "upstream connect error or disconnect/reset before headers. reset reason: overflow"],
    ],
    metrics: [
      { name: "http_requests_per_second", value: 2400, baseline: 400, started_at: at("13:55") },
      { name: "cpu_usage_percent", value: 94, baseline: 38, unit: "%", started_at: at("13:56") },
      { name: "http_request_duration_seconds_p95", value: 3.1, baseline: 0.25, started_at: at("13:56") },
    ],
    expected: { category: "cpu/capacity", causes: ["traffic_surge"], actions: ["scale", "rate_limit"] },
  }),
  incident("pg-reserved-slots", {
    service: "orders",
    title: "orders cannot connect to its database",
    hard: false,
    rootCause: "Sessions left idle in transaction hold every connection slot",
    events: [
      ["13:44:18", "postgres", "ERROR", "2026-11-20 13:44:18.002 UTC [30112] orders@orders FATAL:  remaining connection slots are reserved for non-replication superuser connections"],
      ["13:44:18", "orders", "ERROR", "failed to connect to `host=orders-db.internal user=orders database=orders`: server error (FATAL: remaining connection slots are reserved for non-replication superuser connections (SQLSTATE 53300))"],
      ["13:58:51", "orders", "ERROR", "failed to connect to `host=orders-db.internal user=orders database=orders`: server error (FATAL: remaining connection slots are reserved for non-replication superuser connections (SQLSTATE 53300))"],
    ],
    metrics: [{ name: "pg_stat_activity_count_idle_in_transaction", value: 160, baseline: 4, started_at: at("13:30") }],
    expected: { category: "database", causes: ["connection_pool_exhaustion"], actions: ["kill_connections"] },
  }),
  incident("kafka-not-enough-replicas", {
    service: "order-events",
    title: "Order events rejected by Kafka",
    hard: false,
    rootCause: "Two of three brokers are down; min.insync.replicas cannot be met",
    events: [
      ["13:57:40", "kafka-1", "INFO", "[2026-11-20 13:57:40,004] INFO [Partition orders-7 broker=1] Shrinking ISR from 1,2,3 to 1. Leader: (highWatermark: 88123412, endOffset: 88123790). Out of sync replicas: (brokerId: 2, endOffset: 88123401) (brokerId: 3, endOffset: 88123399). (kafka.cluster.Partition)"],
      ["13:58:01", "order-events", "ERROR", "org.apache.kafka.common.errors.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required."],
      ["13:59:30", "order-events", "ERROR", "org.apache.kafka.common.errors.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required."],
    ],
    metrics: [
      { name: "kafka_server_replicamanager_underreplicatedpartitions", value: 96, baseline: 0, started_at: at("13:57") },
      { name: "kafka_brokers", value: 1, baseline: 3, started_at: at("13:57") },
    ],
    expected: { category: "queue/backlog", causes: ["message_broker_failure"], actions: ["restart"] },
  }),
  incident("node-missing-module", {
    service: "checkout-web",
    title: "checkout-web pods crash-looping",
    hard: false,
    rootCause: "Release 5.1.0 ships without its build output; the process cannot start",
    events: [
      ["13:58:02", "checkout-web", "ERROR", "node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '/app/dist/server.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15) {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}"],
      ["13:58:40", "checkout-web", "WARNING", "Back-off restarting failed container checkout-web in pod checkout-web-7d4b9c-q8w2n_prod(1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901)"],
      ["13:59:10", "ingress-envoy", "ERROR", "[2026-11-20T13:59:10.012Z] \"GET /checkout HTTP/1.1\" 503 UH 0 19 0 - \"10.0.1.7\" \"Mozilla/5.0\" \"0c1d2e\" \"checkout-web:3000\" \"-\" no healthy upstream"],
    ],
    deploys: [{ version: "checkout-web@5.1.0", service: "checkout-web", minutes_ago: 5, description: "Switch bundler to esbuild" }],
    expected: { category: "deployment", causes: ["deployment_issue"], actions: ["rollback"] },
  }),
  incident("node-heap-growth", {
    service: "render-svc",
    title: "render-svc restarting every few hours",
    hard: false,
    rootCause: "Heap grows steadily until V8 aborts (memory leak)",
    events: [
      ["13:40:11", "render-svc", "ERROR", "<--- Last few GCs --->\n\n[1:0x5a3c7e0]  9209876 ms: Mark-sweep (reduce) 2046.9 (2081.4) -> 2045.8 (2082.1) MB, 1824.3 / 0.0 ms  (average mu = 0.112, current mu = 0.013) allocation failure; scavenge might not succeed"],
      ["13:40:12", "render-svc", "FATAL", "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory"],
      ["13:40:13", "render-svc", "WARNING", "Container render-svc in pod render-svc-5b8f-2kq9 exited with code 134, restarting"],
    ],
    metrics: [{ name: "nodejs_heap_size_used_bytes", value: 2.0e9, baseline: 6.0e8, started_at: at("11:00") }],
    expected: { category: "memory", causes: ["memory_leak"], actions: ["restart"] },
  }),
  incident("hikari-leak", {
    service: "claims-api",
    title: "claims-api timeouts",
    hard: false,
    rootCause: "A code path leaks JDBC connections; the Hikari pool runs dry",
    events: [
      ["13:20:44", "claims-api", "WARNING", "2026-11-20 13:20:44.118  WARN 1 --- [ool-1 housekeeper] com.zaxxer.hikari.pool.ProxyLeakTask : Connection leak detection triggered for org.postgresql.jdbc.PgConnection@5a2f1c3e on thread http-nio-8080-exec-42, stack trace follows\njava.lang.Exception: Apparent connection leak detected\n\tat com.acme.claims.export.ClaimExportService.export(ClaimExportService.java:118)"],
      ["13:48:02", "claims-api", "ERROR", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30001ms."],
      ["13:58:30", "claims-api", "ERROR", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms."],
    ],
    metrics: [
      { name: "hikaricp_connections_pending", value: 180, baseline: 0, started_at: at("13:46") },
      { name: "hikaricp_connections_active", value: 20, baseline: 6, started_at: at("13:21") },
    ],
    expected: { category: "database", causes: ["connection_pool_exhaustion"], actions: ["restart", "connection_pool_tuning"] },
  }),
  incident("maps-quota", {
    service: "delivery-eta",
    title: "Delivery ETAs missing at checkout",
    hard: false,
    rootCause: "Google Maps API quota / rate limit exceeded",
    events: [
      ["13:30:02", "delivery-eta", "ERROR", "googlemaps.exceptions._OverQueryLimit: OVER_QUERY_LIMIT (You have exceeded your rate-limit for this API.)"],
      ["13:45:12", "delivery-eta", "ERROR", "DistanceMatrix request failed: status=OVER_QUERY_LIMIT error_message=\"You have exceeded your rate-limit for this API.\""],
      ["14:00:40", "delivery-eta", "ERROR", "googlemaps.exceptions._OverQueryLimit: OVER_QUERY_LIMIT (You have exceeded your rate-limit for this API.)"],
    ],
    expected: { category: "dependency/external", causes: ["upstream_rate_limit"], actions: ["rate_limit", "fallback"] },
  }),
  incident("redis-clusterdown", {
    service: "session-api",
    title: "Logins failing",
    hard: false,
    rootCause: "Redis Cluster lost a primary without a replica to promote; the cluster is down",
    events: [
      ["13:50:12", "redis-cluster", "WARNING", "1:M 20 Nov 2026 13:50:12.004 * FAIL message received from 7f3c2a91d04e about 9a1bd2c4e8f7"],
      ["13:50:12", "redis-cluster", "WARNING", "1:M 20 Nov 2026 13:50:12.005 # Cluster state changed: fail"],
      ["13:50:13", "session-api", "ERROR", "io.lettuce.core.RedisCommandExecutionException: CLUSTERDOWN The cluster is down"],
      ["13:59:02", "session-api", "ERROR", "io.lettuce.core.RedisCommandExecutionException: CLUSTERDOWN The cluster is down"],
    ],
    expected: { category: "cache", causes: ["cache_failure"], actions: ["restart", "failover"] },
  }),
  incident("dns-record-deleted", {
    service: "payouts",
    title: "Payouts job cannot reach the ledger database",
    hard: false,
    rootCause: "A Terraform zone clean-up deleted the ledger-db DNS record",
    events: [
      ["13:42:02", "payouts", "ERROR", "failed to connect to `host=ledger-db.prod.internal user=payouts database=ledger`: hostname resolving error (lookup ledger-db.prod.internal on 10.0.0.2:53: no such host)"],
      ["13:52:02", "payouts", "ERROR", "failed to connect to `host=ledger-db.prod.internal user=payouts database=ledger`: hostname resolving error (lookup ledger-db.prod.internal on 10.0.0.2:53: no such host)"],
    ],
    context: { config_changes: [{ what: "terraform apply: prod.internal zone clean-up (12 records removed)", minutes_ago: 24 }] },
    expected: { category: "network", alsoAccepted: ["configuration"], causes: ["dns_failure", "configuration_error"], actions: ["config_change"] },
  }),

  // ── hard: the loudest symptom or the latest change is not the cause ────────────────────────
  incident("pgbouncer-pool-size", {
    service: "orders-api",
    title: "orders-api timing out; gateway 504s",
    hard: true,
    rootCause: "A templated PgBouncer pool_size change (50 → 5 per database) starves orders-api of server connections",
    redHerrings: ["gateway 504s blaming orders-api", "a web-gateway deploy 3 minutes ago", "PostgreSQL checkpoint log line"],
    events: [
      ["13:40:05", "pgbouncer", "INFO", "2026-11-20 13:40:05.114 UTC [1] LOG process up: PgBouncer 1.21.0, libevent 2.1.12-stable (epoll), adns: c-ares 1.19.1, tls: OpenSSL 3.0.11"],
      ["13:42:10", "pgbouncer", "WARNING", "2026-11-20 13:42:10.551 UTC [1] LOG C-0x55d1a2c0: orders/orders_app@10.0.3.14:51822 closing because: query_wait_timeout (age=120s)"],
      ["13:43:10", "orders-api", "ERROR", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms."],
      ["13:44:02", "orders-api", "ERROR", "org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection"],
      ["13:46:00", "postgres", "INFO", "2026-11-20 13:46:00.010 UTC [2211] LOG:  checkpoint complete: wrote 1840 buffers (11.2%); 0 WAL file(s) added, 0 removed, 1 recycled; write=179.804 s, sync=0.004 s, total=179.822 s"],
      ["13:58:40", "web-gateway", "ERROR", "upstream request timeout: GET /api/orders -> orders-api:8080 (30000ms)"],
      ["14:01:12", "web-gateway", "ERROR", "[2026-11-20T14:01:12.004Z] \"GET /api/orders HTTP/1.1\" 504 UT 0 24 30001 - \"10.0.9.4\" \"Mozilla/5.0\" \"a81c2f\" \"orders-api:8080\" \"10.0.3.14:8080\""],
    ],
    metrics: [
      { name: "pgbouncer_pools_client_waiting_connections", value: 420, baseline: 0, started_at: at("13:41") },
      { name: "pgbouncer_pools_server_active_connections", value: 5, baseline: 42, started_at: at("13:40") },
      { name: "pg_stat_statements_mean_exec_time_ms", value: 3.1, baseline: 2.9 },
      { name: "http_server_requests_seconds_p99", value: 30, baseline: 0.4, started_at: at("13:42") },
    ],
    deploys: [{ version: "web-gateway@1.44.0", service: "web-gateway", minutes_ago: 3, description: "Add request id header" }],
    context: {
      config_changes: [
        { service: "pgbouncer", minutes_ago: 22, what: "Helm values: pgbouncer.databases.*.pool_size now templated from {{ .Values.poolSizePerNode }} (50 → 5)" },
      ],
    },
    topology: { "web-gateway": ["orders-api"], "orders-api": ["pgbouncer"], pgbouncer: ["postgres"], postgres: [] },
    expected: { category: "configuration", causes: ["configuration_error"], actions: ["config_change"] },
  }),
  incident("istio-max-requests", {
    service: "checkout",
    title: "checkout failing to reach cart: overflow",
    hard: true,
    rootCause: "A DestinationRule change lowered cart's http2MaxRequests from 1000 to 10; Envoy's circuit breaker overflows at normal traffic",
    redHerrings: ["'overflow' resets that look like overload", "traffic is flat"],
    events: [
      ["13:35:02", "checkout", "ERROR", "[2026-11-20T13:35:02.114Z] \"POST /oteldemo.CartService/GetCart HTTP/2\" 503 UO 0 0 0 - \"-\" \"grpc-go/1.58.3\" \"c1a2b3\" \"cart:7070\" \"-\""],
      ["13:35:02", "checkout", "ERROR", "failed to get user cart during checkout: rpc error: code = Unavailable desc = upstream connect error or disconnect/reset before headers. reset reason: overflow"],
      ["13:50:44", "checkout", "ERROR", "failed to get user cart during checkout: rpc error: code = Unavailable desc = upstream connect error or disconnect/reset before headers. reset reason: overflow"],
      ["13:59:10", "checkout", "ERROR", "[2026-11-20T13:59:10.772Z] \"POST /oteldemo.CartService/GetCart HTTP/2\" 503 UO 0 0 0 - \"-\" \"grpc-go/1.58.3\" \"d4e5f6\" \"cart:7070\" \"-\""],
    ],
    metrics: [
      { name: "envoy_cluster_upstream_rq_pending_overflow", value: 920, baseline: 0, started_at: at("13:35") },
      { name: "http_requests_per_second", value: 41, baseline: 40 },
      { name: "cpu_usage_percent", value: 31, baseline: 30, unit: "%" },
    ],
    context: {
      config_changes: [
        { service: "cart", minutes_ago: 28, what: "DestinationRule cart: trafficPolicy.connectionPool.http.http2MaxRequests 1000 → 10 (tighten limits before canary)" },
      ],
    },
    expected: { category: "configuration", causes: ["configuration_error"], actions: ["config_change"] },
  }),
  incident("node-event-loop-blocked", {
    service: "auth-api",
    title: "auth-api: Redis command timeouts, pods restarting",
    hard: true,
    rootCause: "Release 9.4.0 hashes passwords with synchronous pbkdf2 on the event loop; the loop blocks, so Redis calls and probes time out though Redis is healthy",
    redHerrings: ["Redis 'Command timed out' errors", "Redis background-save log lines"],
    events: [
      ["13:29:40", "auth-api", "WARNING", "{\"level\":40,\"time\":1763645380112,\"msg\":\"event loop blocked for 2840ms\"}"],
      ["13:31:02", "auth-api", "ERROR", "[ioredis] Unhandled error event: Error: Command timed out\n    at Timeout._onTimeout (/app/node_modules/ioredis/built/Redis.js:339:33)"],
      ["13:36:12", "auth-api", "WARNING", "Liveness probe failed: Get \"http://10.244.2.17:3000/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"],
      ["13:36:42", "auth-api", "INFO", "Container auth-api failed liveness probe, will be restarted"],
      ["13:50:00", "session-redis", "INFO", "1:M 20 Nov 2026 13:50:00.001 * 100 changes in 300 seconds. Saving..."],
      ["13:50:00", "session-redis", "INFO", "1:M 20 Nov 2026 13:50:00.412 * Background saving terminated with success"],
      ["13:58:31", "auth-api", "ERROR", "[ioredis] Unhandled error event: Error: Command timed out\n    at Timeout._onTimeout (/app/node_modules/ioredis/built/Redis.js:339:33)"],
    ],
    metrics: [
      { name: "nodejs_eventloop_lag_p99_seconds", value: 2.9, baseline: 0.004, started_at: at("13:29") },
      { name: "process_cpu_usage_percent", value: 100, baseline: 35, unit: "%", started_at: at("13:28") },
      { name: "redis_commands_duration_seconds_p99", value: 0.0008, baseline: 0.0007 },
      { name: "http_requests_per_second", value: 120, baseline: 118 },
    ],
    deploys: [{ version: "auth-api@9.4.0", service: "auth-api", minutes_ago: 35, description: "Password hashing: pbkdf2Sync with 600k iterations (OWASP)" }],
    topology: { "auth-api": ["session-redis", "users-db"], "session-redis": [], "users-db": [] },
    expected: { category: "cpu/capacity", alsoAccepted: ["deployment"], causes: ["cpu_saturation", "deployment_issue"], actions: ["rollback", "scale"] },
  }),
  incident("hpa-ceiling", {
    service: "storefront",
    title: "Storefront timeouts right after email-worker release",
    hard: true,
    rootCause: "Traffic quadrupled; the HPA hit maxReplicas 12 and cannot add capacity",
    redHerrings: ["email-worker deploy 6 minutes ago (another service)"],
    events: [
      ["13:33:12", "storefront", "INFO", "Normal  SuccessfulRescale  horizontalpodautoscaler/storefront  New size: 12; reason: cpu resource utilization (percentage of request) above target"],
      ["13:36:40", "storefront", "WARNING", "horizontalpodautoscaler/storefront  ScalingLimited  True  TooManyReplicas  the desired replica count is more than the maximum replica count"],
      ["13:41:02", "ingress-nginx", "ERROR", "2026/11/20 13:41:02 [error] 31#31: *8812311 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.9.12, server: shop.example.com, request: \"GET /products/winter-jacket HTTP/2.0\", upstream: \"http://10.244.5.12:8080/products/winter-jacket\""],
      ["13:56:10", "email-worker", "INFO", "email-worker 4.2.0 started, 3 replicas ready"],
      ["14:01:30", "ingress-nginx", "ERROR", "2026/11/20 14:01:30 [error] 31#31: *8911022 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.9.40, server: shop.example.com, request: \"GET /cart HTTP/2.0\", upstream: \"http://10.244.5.19:8080/cart\""],
    ],
    metrics: [
      { name: "nginx_ingress_controller_requests_per_second", value: 3900, baseline: 950, started_at: at("13:31") },
      { name: "container_cpu_usage_percent", value: 97, baseline: 45, unit: "%", started_at: at("13:33") },
      { name: "kube_horizontalpodautoscaler_status_desired_replicas", value: 31, baseline: 6, started_at: at("13:34") },
      { name: "kube_horizontalpodautoscaler_status_current_replicas", value: 12, baseline: 6 },
    ],
    deploys: [{ version: "email-worker@4.2.0", service: "email-worker", minutes_ago: 6, description: "Retry template rendering on failure" }],
    expected: { category: "cpu/capacity", causes: ["traffic_surge"], actions: ["scale", "rate_limit"] },
  }),
  incident("jvm-gc-cpu", {
    service: "quote-engine",
    title: "HighCPU: quote-engine at 96%",
    hard: true,
    rootCause: "Heap grows (a leak) until the JVM spends its time in full GCs, which is what burns the CPU",
    redHerrings: ["the CPU alert itself", "JVM illegal-reflective-access warning"],
    events: [
      ["11:30:02", "quote-engine", "WARNING", "WARNING: An illegal reflective access operation has occurred\nWARNING: Illegal reflective access by com.google.inject.internal.cglib.core.$ReflectUtils$1 to method java.lang.ClassLoader.defineClass"],
      ["13:22:40", "quote-engine", "INFO", "[2026-11-20T13:22:40.118+0000][info][gc] GC(8790) Pause Young (Normal) (G1 Evacuation Pause) 3950M->3921M(4096M) 412.512ms"],
      ["13:41:02", "quote-engine", "WARNING", "[2026-11-20T13:41:02.118+0000][info][gc] GC(8812) Pause Full (G1 Compaction Pause) 3891M->3874M(4096M) 2987.211ms"],
      ["13:41:05", "quote-engine", "WARNING", "[2026-11-20T13:41:05.902+0000][info][gc] GC(8813) To-space exhausted"],
      ["13:42:00", "alertmanager", "CRITICAL", "[FIRING:1] HighCPU quote-engine (container_cpu_usage_percent 96 > 90 for 5m)"],
    ],
    metrics: [
      { name: "container_cpu_usage_percent", value: 96, baseline: 40, unit: "%", started_at: at("13:38") },
      { name: "jvm_gc_pause_seconds_rate", value: 0.72, baseline: 0.02, started_at: at("13:20") },
      { name: "jvm_memory_used_bytes_heap", value: 3.9e9, baseline: 1.8e9, started_at: at("11:30") },
      { name: "http_requests_per_second", value: 310, baseline: 300 },
    ],
    expected: { category: "memory", causes: ["memory_leak", "gc_pressure"], actions: ["restart", "config_change"] },
  }),
  incident("retry-storm", {
    service: "payment",
    title: "payment CPU saturated, checkout failing",
    hard: true,
    rootCause: "Braintree is slow; payment's retries without backoff multiply outbound calls, which saturates payment's CPU",
    redHerrings: ["payment's CPU alert", "the outbound request surge (retries, not users)"],
    events: [
      ["13:44:20", "payment", "ERROR", "POST https://api.braintreegateway.com/merchants/m_81/transactions timed out after 10000ms"],
      ["13:45:02", "payment", "WARNING", "retrying charge txn=8812 (attempt 4 of 5) after 0ms"],
      ["13:47:10", "checkout", "ERROR", "failed to charge card: rpc error: code = DeadlineExceeded desc = context deadline exceeded (attempt 3/3)"],
      ["13:52:40", "payment", "WARNING", "retrying charge txn=9120 (attempt 5 of 5) after 0ms"],
      ["13:58:12", "payment", "ERROR", "POST https://api.braintreegateway.com/merchants/m_81/transactions timed out after 10000ms"],
    ],
    metrics: [
      { name: "cpu_usage_percent", value: 95, baseline: 45, unit: "%", started_at: at("13:46") },
      { name: "payment_outbound_requests_per_second", value: 1900, baseline: 380, started_at: at("13:45") },
      { name: "braintree_request_duration_seconds_p95", value: 9.8, baseline: 0.4, started_at: at("13:44") },
      { name: "frontend_http_requests_per_second", value: 402, baseline: 400 },
    ],
    expected: { category: "dependency/external", causes: ["external_dependency_failure"], actions: ["circuit_breaker", "config_change"] },
  }),
  incident("pg-lock-queue", {
    service: "api",
    title: "API p99 at 30 s, carts not updating",
    hard: true,
    rootCause: "A backfill job's long transaction holds row locks on carts; updates queue behind it",
    redHerrings: ["web deploy 8 minutes ago", "latency alert"],
    events: [
      ["13:12:00", "backfill", "INFO", "[backfill-cart-totals] BEGIN; UPDATE carts SET total_cents = ... WHERE updated_at < '2026-11-01' (single transaction, est. 2.4M rows)"],
      ["13:14:31", "postgres", "INFO", "2026-11-20 13:14:31.220 UTC [22811] api@shop LOG:  process 22811 still waiting for ShareLock on transaction 9912044 after 1000.114 ms\nDETAIL:  Process holding the lock: 21002. Wait queue: 22811, 22814, 22830.\nCONTEXT:  while updating tuple (1822,14) in relation \"carts\""],
      ["13:15:10", "api", "ERROR", "ActiveRecord::QueryCanceled: PG::QueryCanceled: ERROR:  canceling statement due to statement timeout"],
      ["13:40:02", "api", "WARNING", "Completed 500 Internal Server Error in 30012ms (ActiveRecord: 30004.2ms | Allocations: 2210)"],
      ["13:54:12", "web", "INFO", "web 2026.11.20.3 deployed (3/3 pods ready)"],
      ["14:01:44", "api", "ERROR", "ActiveRecord::QueryCanceled: PG::QueryCanceled: ERROR:  canceling statement due to statement timeout"],
    ],
    metrics: [
      { name: "pg_locks_waiting", value: 312, baseline: 0, started_at: at("13:14") },
      { name: "pg_stat_activity_max_tx_duration_seconds", value: 3000, baseline: 2, started_at: at("13:12") },
      { name: "http_request_duration_seconds_p99", value: 30, baseline: 0.3, started_at: at("13:15") },
    ],
    deploys: [{ version: "web@2026.11.20.3", service: "web", minutes_ago: 8, description: "Footer and CSS tweaks" }],
    expected: { category: "database", causes: ["database_locking"], actions: ["kill_connections"] },
  }),
  incident("conntrack-full", {
    service: "edge-gateway",
    title: "504s from edge-gateway to feed",
    hard: true,
    rootCause: "The node's conntrack table is full; the kernel drops new connections",
    redHerrings: ["Envoy upstream timeouts that look like the feed service failing"],
    events: [
      ["13:50:12", "kernel", "WARNING", "nf_conntrack: nf_conntrack: table full, dropping packet"],
      ["13:50:40", "edge-gateway", "ERROR", "upstream connect error or disconnect/reset before headers. reset reason: connection timeout"],
      ["13:52:02", "edge-gateway", "ERROR", "[2026-11-20T13:52:02.331Z] \"GET /api/v1/feed HTTP/1.1\" 504 UT 0 24 15001 - \"10.0.9.8\" \"okhttp/4.12.0\" \"77aa01\" \"feed:8080\" \"-\""],
      ["13:55:12", "kernel", "WARNING", "nf_conntrack: nf_conntrack: table full, dropping packet"],
      ["14:00:02", "edge-gateway", "ERROR", "[2026-11-20T14:00:02.008Z] \"GET /api/v1/feed HTTP/1.1\" 504 UT 0 24 15000 - \"10.0.9.8\" \"okhttp/4.12.0\" \"77aa9c\" \"feed:8080\" \"-\""],
    ],
    metrics: [
      { name: "node_nf_conntrack_entries", value: 262144, baseline: 90000, started_at: at("13:49") },
      { name: "envoy_cluster_upstream_cx_connect_timeout", value: 880, baseline: 0, started_at: at("13:50") },
      { name: "feed_http_request_duration_seconds_p95", value: 0.09, baseline: 0.08 },
    ],
    topology: { "edge-gateway": ["feed"], feed: [] },
    expected: { category: "network", causes: ["network_connectivity"], actions: ["failover", "config_change"] },
  }),
  incident("redis-maxmemory-db-load", {
    service: "product-catalog",
    title: "product-catalog slow: PostgreSQL CPU 98 %",
    hard: true,
    rootCause: "Redis maxmemory was cut by a values typo; keys are evicted, the hit ratio collapses and every read falls through to PostgreSQL",
    redHerrings: ["PostgreSQL slow-query log lines (a consequence)", "statement timeouts"],
    events: [
      ["13:46:40", "postgresql", "INFO", "2026-11-20 13:46:40.118 UTC [9921] catalog@catalog LOG:  duration: 2841.114 ms  execute <unnamed>: SELECT p.id, p.name, p.price_units FROM products p JOIN categories c ON c.id = p.category_id WHERE c.slug = $1"],
      ["13:48:02", "product-catalog", "ERROR", "failed to list products: pq: canceling statement due to statement timeout"],
      ["13:55:12", "postgresql", "INFO", "2026-11-20 13:55:12.004 UTC [9980] catalog@catalog LOG:  duration: 3120.441 ms  execute <unnamed>: SELECT p.id, p.name, p.price_units FROM products p WHERE p.id = $1"],
      ["14:00:31", "product-catalog", "ERROR", "failed to get product: pq: canceling statement due to statement timeout"],
    ],
    metrics: [
      { name: "redis_evicted_keys_rate", value: 5200, baseline: 0, started_at: at("13:44") },
      { name: "redis_keyspace_hit_ratio", value: 0.18, baseline: 0.96, started_at: at("13:45") },
      { name: "postgresql_cpu_usage_percent", value: 98, baseline: 30, unit: "%", started_at: at("13:46") },
      { name: "db_query_duration_seconds_p95", value: 2.8, baseline: 0.02, started_at: at("13:46") },
    ],
    context: { config_changes: [{ service: "redis", minutes_ago: 19, what: "Helm values: redis maxmemory 8gb → 800mb" }] },
    expected: { category: "cache", alsoAccepted: ["configuration"], causes: ["cache_memory_full", "cache_failure", "configuration_error"], actions: ["config_change", "clear_cache"] },
  }),
  incident("kafka-lag-mysql-locks", {
    service: "ledger-consumer",
    title: "Kafka lag alarm on ledger-consumer",
    hard: true,
    rootCause: "A month-end reconciliation UPDATE holds InnoDB row locks; the consumer's writes wait and time out, so lag grows",
    redHerrings: ["the consumer lag alarm", "offset seek log lines"],
    events: [
      ["13:30:02", "mysql", "WARNING", "# Time: 2026-11-20T13:30:02.118822Z\n# User@Host: recon[recon] @ 10.0.7.3 []  Id: 88121\n# Query_time: 1840.221442  Lock_time: 0.000212 Rows_sent: 0  Rows_examined: 38120442\nUPDATE ledger_entries SET reconciled = 1 WHERE period = '2026-10';"],
      ["13:32:40", "ledger-consumer", "ERROR", "com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Lock wait timeout exceeded; try restarting transaction"],
      ["13:32:41", "ledger-consumer", "WARNING", "[Consumer clientId=ledger-1, groupId=ledger] Seeking to offset 88123011 for partition ledger-4 after processing failure"],
      ["13:50:12", "ledger-consumer", "ERROR", "com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Lock wait timeout exceeded; try restarting transaction"],
      ["14:00:00", "alertmanager", "CRITICAL", "[FIRING:1] KafkaConsumerLagHigh group=ledger lag=420000"],
    ],
    metrics: [
      { name: "kafka_consumergroup_lag", value: 420000, baseline: 800, started_at: at("13:32") },
      { name: "mysql_innodb_row_lock_current_waits", value: 42, baseline: 0, started_at: at("13:30") },
    ],
    topology: { "ledger-consumer": ["kafka", "mysql"], kafka: [], mysql: [] },
    expected: { category: "database", causes: ["database_locking"], actions: ["kill_connections"] },
  }),
  incident("kafka-broker-disk", {
    service: "order-events",
    title: "Order events producer timeouts",
    hard: true,
    rootCause: "A broker's log volume filled up (retention raised to 30 days); it stopped serving its partitions",
    redHerrings: ["producer TimeoutExceptions", "ISR shrink messages"],
    events: [
      ["13:51:40", "kafka-2", "ERROR", "[2026-11-20 13:51:40,118] ERROR Error while appending records to orders-3 in dir /var/lib/kafka/data (kafka.server.LogDirFailureChannel)\njava.io.IOException: No space left on device"],
      ["13:51:40", "kafka-2", "WARNING", "[2026-11-20 13:51:40,120] WARN [ReplicaManager broker=2] Stopping serving replicas in dir /var/lib/kafka/data (kafka.server.ReplicaManager)"],
      ["13:51:41", "kafka-1", "INFO", "[2026-11-20 13:51:41,004] INFO [Partition orders-3 broker=1] Shrinking ISR from 1,2,3 to 1,3. Leader: (highWatermark: 55120441, endOffset: 55120502). Out of sync replicas: (brokerId: 2, endOffset: 55120388). (kafka.cluster.Partition)"],
      ["13:53:45", "order-events", "ERROR", "org.apache.kafka.common.errors.TimeoutException: Expiring 48 record(s) for orders-3:120001 ms has passed since batch creation"],
      ["13:59:02", "order-events", "ERROR", "org.apache.kafka.common.errors.TimeoutException: Expiring 112 record(s) for orders-3:120000 ms has passed since batch creation"],
    ],
    metrics: [
      { name: "node_filesystem_avail_bytes_kafka_data", value: 0, baseline: 4.0e11, started_at: at("13:51") },
      { name: "kafka_server_replicamanager_underreplicatedpartitions", value: 60, baseline: 0, started_at: at("13:51") },
    ],
    context: { config_changes: [{ service: "kafka", minutes_ago: 2890, what: "topic orders: retention.ms 3 days → 30 days" }] },
    expected: { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk", "expand_capacity"] },
  }),
  incident("haproxy-backend-oom", {
    service: "web",
    title: "HAProxy: web backends going DOWN",
    hard: true,
    rootCause: "web's memory grows until pods are OOM-killed; HAProxy marks them down while they restart",
    redHerrings: ["HAProxy connection-refused health checks (a consequence)"],
    events: [
      ["13:42:10", "haproxy", "WARNING", "Server be_web/web-2 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 2 active and 0 backup servers left. 14 sessions active, 0 requeued, 0 remaining in queue."],
      ["13:42:11", "web", "WARNING", "Last State: Terminated, Reason: OOMKilled, Exit Code: 137 (pod web-5c9f7d-2xk8l)"],
      ["13:43:02", "haproxy", "INFO", "Server be_web/web-2 is UP, reason: Layer7 check passed, code: 200, check duration: 3ms. 3 active and 0 backup servers up."],
      ["13:55:40", "haproxy", "WARNING", "Server be_web/web-1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 2 active and 0 backup servers left. 21 sessions active, 0 requeued, 0 remaining in queue."],
      ["13:58:10", "haproxy", "WARNING", "Server be_web/web-3 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 1 active and 0 backup servers left. 18 sessions active, 0 requeued, 0 remaining in queue."],
    ],
    metrics: [{ name: "container_memory_working_set_bytes", value: 1.95e9, baseline: 0.9e9, started_at: at("10:00") }],
    expected: { category: "memory", causes: ["memory_leak"], actions: ["restart"] },
  }),
  incident("mesh-cert-expired", {
    service: "checkout",
    title: "checkout cannot reach payment",
    hard: true,
    rootCause: "payment's mTLS certificate expired because cert-manager could not renew it (Vault permission denied)",
    redHerrings: ["503s that look like payment being down", "a payment deploy 90 minutes ago"],
    events: [
      ["13:38:00", "cert-manager", "ERROR", "E1120 13:38:00.112233       1 controller.go:167] cert-manager/certificates-issuing \"msg\"=\"error issuing certificate\" \"error\"=\"failed to sign certificate: vault: permission denied\" \"resource_name\"=\"payment-mtls\" \"resource_namespace\"=\"prod\""],
      ["13:40:02", "checkout", "ERROR", "failed to charge card: rpc error: code = Unavailable desc = upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268436502:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED"],
      ["13:52:12", "checkout", "ERROR", "failed to charge card: rpc error: code = Unavailable desc = upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268436502:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED"],
    ],
    metrics: [{ name: "envoy_cluster_ssl_connection_error", value: 1200, baseline: 0, started_at: at("13:40") }],
    deploys: [{ version: "payment@2.9.1", service: "payment", minutes_ago: 92, description: "Add 3-D Secure fallback" }],
    expected: { category: "auth/security", causes: ["certificate_expiry"], actions: ["renew_certificate"] },
  }),
  incident("sendgrid-before-deploy", {
    service: "notify",
    title: "Emails failing after notify 2.14.0",
    hard: true,
    rootCause: "SendGrid's Mail Send API returns 503; the errors began 28 minutes before the deploy",
    redHerrings: ["notify 2.14.0 deploy (SendGrid client upgrade) 12 minutes ago"],
    events: [
      ["13:22:10", "notify", "ERROR", "ResponseError: Service Unavailable\n    at node_modules/@sendgrid/client/src/classes/client.js:146:29 { code: 503 }"],
      ["13:35:44", "notify", "ERROR", "POST https://api.sendgrid.com/v3/mail/send 503 in 10021ms"],
      ["13:50:20", "notify", "INFO", "notify 2.14.0 ready (3/3)"],
      ["13:55:02", "notify", "ERROR", "ResponseError: Service Unavailable\n    at node_modules/@sendgrid/client/src/classes/client.js:146:29 { code: 503 }"],
      ["14:02:01", "notify", "ERROR", "POST https://api.sendgrid.com/v3/mail/send 503 in 10004ms"],
    ],
    metrics: [{ name: "sendgrid_send_errors_rate", value: 38, baseline: 0.1, started_at: at("13:21") }],
    deploys: [{ version: "notify@2.14.0", service: "notify", minutes_ago: 12, description: "Upgrade @sendgrid/mail 7 → 8" }],
    expected: { category: "dependency/external", causes: ["external_dependency_failure"], actions: ["circuit_breaker", "fallback"] },
  }),
  incident("flag-herring-disk", {
    service: "recommendation",
    title: "Recommendations empty after carousel flag",
    hard: true,
    rootCause: "The model cache filled the pod's ephemeral disk; workers fail writing to /tmp",
    redHerrings: ["new-carousel-layout flag enabled 4 minutes ago (frontend only)", "gunicorn worker timeouts"],
    events: [
      ["13:41:02", "recommendation", "ERROR", "OSError: [Errno 28] No space left on device: '/tmp/model-cache/embeddings-2026-11-20.npy'"],
      ["13:47:30", "recommendation", "CRITICAL", "[2026-11-20 13:47:30 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:81)"],
      ["13:52:11", "recommendation", "ERROR", "OSError: [Errno 28] No space left on device: '/tmp/model-cache/embeddings-2026-11-20.npy'"],
      ["13:58:00", "frontend", "INFO", "flag new-carousel-layout evaluated: on (100%)"],
      ["14:01:40", "recommendation", "WARNING", "eviction manager: attempting to reclaim ephemeral-storage"],
    ],
    metrics: [{ name: "container_fs_usage_bytes", value: 19.8e9, baseline: 6e9, started_at: at("12:40") }],
    flags: [{ name: "new-carousel-layout", enabled: true, minutes_ago: 4, description: "New product carousel on the home page (frontend)" }],
    expected: { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk"] },
  }),
  incident("inventory-n-plus-one", {
    service: "checkout-api",
    title: "checkout-api timeouts calling inventory",
    hard: true,
    rootCause: "inventory 4.7.0 issues one query per warehouse (N+1); inventory-db saturates and inventory slows, so checkout times out",
    redHerrings: ["checkout-api's own timeouts"],
    events: [
      ["13:38:12", "inventory-db", "INFO", "2026-11-20 13:38:12.551 UTC [4410] inventory@inventory LOG:  duration: 1204.557 ms  execute S_3: SELECT quantity FROM stock_levels WHERE warehouse_id = $1 AND sku = $2"],
      ["13:40:02", "checkout-api", "ERROR", "GET http://inventory.prod.svc.cluster.local/v1/stock?sku=JKT-881 failed: timeout of 5000ms exceeded"],
      ["13:49:40", "inventory-db", "INFO", "2026-11-20 13:49:40.004 UTC [4470] inventory@inventory LOG:  duration: 1877.102 ms  execute S_3: SELECT quantity FROM stock_levels WHERE warehouse_id = $1 AND sku = $2"],
      ["13:58:22", "checkout-api", "ERROR", "GET http://inventory.prod.svc.cluster.local/v1/stock?sku=BAG-120 failed: timeout of 5000ms exceeded"],
    ],
    metrics: [
      { name: "pg_stat_statements_calls_rate", value: 48000, baseline: 1800, started_at: at("13:37") },
      { name: "inventory_db_cpu_usage_percent", value: 97, baseline: 35, unit: "%", started_at: at("13:38") },
      { name: "checkout_api_http_request_duration_seconds_p95", value: 5.0, baseline: 0.3, started_at: at("13:40") },
    ],
    deploys: [{ version: "inventory@4.7.0", service: "inventory", minutes_ago: 26, description: "Show per-warehouse stock on product detail" }],
    topology: { "checkout-api": ["inventory", "payments"], inventory: ["inventory-db"], "inventory-db": [], payments: [] },
    expected: { category: "database", alsoAccepted: ["deployment"], causes: ["database_performance", "deployment_issue"], actions: ["rollback", "database_optimization"] },
  }),
  incident("catalog-db-cascade", {
    service: "frontend",
    title: "Frontend 500s on product pages",
    hard: true,
    rootCause: "PostgreSQL ran out of connections; product-catalog cannot query, so the frontend fails",
    redHerrings: ["frontend's gRPC errors", "an ad service deploy 3 minutes ago"],
    events: [
      ["13:40:08", "postgresql", "ERROR", "2026-11-20 13:40:08.771 UTC [31022] catalog@catalog FATAL:  sorry, too many clients already"],
      ["13:40:09", "product-catalog", "ERROR", "failed to query products: FATAL: sorry, too many clients already (SQLSTATE 53300)"],
      ["13:40:10", "frontend", "ERROR", "Error: 13 INTERNAL: failed to list products\n    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:31:19) { code: 13, details: 'failed to list products' }"],
      ["13:51:20", "frontend", "ERROR", "GET /api/products 500 in 41ms"],
      ["13:58:00", "ad", "INFO", "ad 1.9.2 rollout complete"],
      ["14:00:10", "frontend", "ERROR", "Error: 13 INTERNAL: failed to list products\n    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:31:19) { code: 13, details: 'failed to list products' }"],
    ],
    metrics: [
      { name: "pg_stat_activity_count", value: 100, baseline: 35, started_at: at("13:39") },
      { name: "frontend_http_5xx_rate", value: 42, baseline: 0.2, started_at: at("13:40") },
    ],
    deploys: [{ version: "ad@1.9.2", service: "ad", minutes_ago: 4, description: "New ad targeting rules" }],
    expected: { category: "database", causes: ["connection_pool_exhaustion"], actions: ["kill_connections", "connection_pool_tuning"] },
  }),
  incident("valkey-volume-attach", {
    service: "checkout",
    title: "Checkout failing right after checkout deploy",
    hard: true,
    rootCause: "The cart's Valkey pod cannot start (its volume fails to attach); cart cannot reach its store",
    redHerrings: ["checkout deploy 3 minutes ago, after the errors began"],
    events: [
      ["13:41:02", "valkey-cart", "WARNING", "Warning  FailedAttachVolume  pod/valkey-cart-0  AttachVolume.Attach failed for volume \"pvc-8f1c2d3e\" : rpc error: code = Internal desc = Could not attach volume \"vol-0a1b2c3d\" to node \"i-0c2d4e6f\": VolumeInUse"],
      ["13:42:10", "cart", "ERROR", "StackExchange.Redis.RedisConnectionException: No connection is active/available to service this operation: HGET 8a1f2c; UnableToConnect on valkey-cart:6379/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync"],
      ["13:42:11", "checkout", "ERROR", "failed to get user cart during checkout: rpc error: code = FailedPrecondition desc = Can't access cart storage. System.ApplicationException: Wasn't able to connect to redis"],
      ["13:58:40", "checkout", "INFO", "checkout 1.12.0 ready (3/3)"],
      ["14:00:31", "checkout", "ERROR", "failed to get user cart during checkout: rpc error: code = FailedPrecondition desc = Can't access cart storage. System.ApplicationException: Wasn't able to connect to redis"],
    ],
    deploys: [{ version: "checkout@1.12.0", service: "checkout", minutes_ago: 3, description: "Currency rounding fix" }],
    topology: { checkout: ["cart", "payment", "currency"], cart: ["valkey-cart"], "valkey-cart": [], payment: [], currency: [] },
    expected: { category: "cache", causes: ["cache_failure"], actions: ["restart"] },
  }),
  incident("pg-oom-killer", {
    service: "reports-api",
    title: "reports-api: database in recovery mode",
    hard: true,
    rootCause: "A huge reporting query made PostgreSQL use all the host's memory; the kernel OOM killer killed it and the database restarted",
    redHerrings: ["'the database system is in recovery mode' errors (a consequence)"],
    events: [
      ["13:24:51", "kernel", "ERROR", "Out of memory: Killed process 30122 (postgres) total-vm:18234112kB, anon-rss:15901236kB, file-rss:0kB, shmem-rss:2101232kB, UID:999 pgtables:33120kB oom_score_adj:0"],
      ["13:24:51", "postgres", "INFO", "2026-11-20 13:24:51.220 UTC [1] LOG:  server process (PID 30122) was terminated by signal 9: Killed\nDETAIL:  Failed process was running: SELECT s.user_id, count(*) FROM events e JOIN sessions s USING (session_id) GROUP BY 1 ORDER BY 2 DESC"],
      ["13:24:51", "postgres", "INFO", "2026-11-20 13:24:51.221 UTC [1] LOG:  terminating any other active server processes"],
      ["13:24:52", "reports-api", "ERROR", "psycopg2.OperationalError: FATAL:  the database system is in recovery mode"],
      ["13:25:20", "reports-api", "ERROR", "psycopg2.OperationalError: FATAL:  the database system is in recovery mode"],
      ["13:25:40", "reports-api", "ERROR", "psycopg2.OperationalError: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request."],
    ],
    metrics: [{ name: "node_memory_MemAvailable_bytes", value: 1.2e8, baseline: 9e9, started_at: at("13:20") }],
    expected: { category: "memory", alsoAccepted: ["database"], causes: ["memory_leak", "database_unavailable"], actions: ["restart", "failover"] },
  }),
  incident("backup-io-saturation", {
    service: "orders-db",
    title: "Orders API slow: MySQL slow queries",
    hard: true,
    rootCause: "A physical backup (xtrabackup) saturates the database's disk; even primary-key lookups wait for I/O",
    redHerrings: ["slow-query log lines", "InnoDB page_cleaner warning"],
    events: [
      ["13:30:00", "xtrabackup", "INFO", "2026-11-20T13:30:00.118 xtrabackup: Starting 4 threads for parallel data files transfer"],
      ["13:31:10", "xtrabackup", "INFO", "[01] Copying ./orders/order_items.ibd to /backups/2026-11-20/orders/order_items.ibd"],
      ["13:32:40", "orders-db", "WARNING", "2026-11-20T13:32:40.551203Z 0 [Note] [MY-011953] [InnoDB] Page cleaner took 8221ms to flush 200 and evict 0 pages"],
      ["13:35:02", "orders-db", "WARNING", "# Time: 2026-11-20T13:35:02.004412Z\n# User@Host: orders[orders] @ 10.0.4.11 []  Id: 77120\n# Query_time: 8.221055  Lock_time: 0.000031 Rows_sent: 1  Rows_examined: 1\nSELECT * FROM orders WHERE id = 99812231;"],
      ["13:36:20", "kernel", "WARNING", "INFO: task mysqld:2211 blocked for more than 120 seconds."],
      ["13:50:12", "orders-db", "WARNING", "# Time: 2026-11-20T13:50:12.771040Z\n# User@Host: orders[orders] @ 10.0.4.12 []  Id: 77433\n# Query_time: 11.402118  Lock_time: 0.000022 Rows_sent: 1  Rows_examined: 1\nSELECT * FROM order_items WHERE order_id = 99812290;"],
    ],
    metrics: [
      { name: "node_disk_io_time_percent", value: 100, baseline: 30, unit: "%", started_at: at("13:31") },
      { name: "node_cpu_iowait_percent", value: 55, baseline: 2, unit: "%", started_at: at("13:31") },
      { name: "mysql_global_status_slow_queries_rate", value: 40, baseline: 0.2, started_at: at("13:33") },
    ],
    expected: { category: "disk", causes: ["disk_io_saturation"], actions: ["failover", "expand_capacity"] },
  }),
  incident("egress-network-policy", {
    service: "billing",
    title: "billing cannot connect to PostgreSQL",
    hard: true,
    rootCause: "A default-deny egress NetworkPolicy applied to the billing namespace blocks traffic to the database",
    redHerrings: ["connection timeouts that look like the database being down", "PostgreSQL checkpoint log line"],
    events: [
      ["13:46:12", "billing", "ERROR", "failed to connect to `host=billing-db.data.svc.cluster.local user=billing database=billing`: dial error (dial tcp 10.96.44.12:5432: connect: connection timed out)"],
      ["13:50:00", "billing-db", "INFO", "2026-11-20 13:50:00.002 UTC [61] LOG:  checkpoint starting: time"],
      ["13:52:12", "billing", "ERROR", "failed to connect to `host=billing-db.data.svc.cluster.local user=billing database=billing`: dial error (dial tcp 10.96.44.12:5432: connect: connection timed out)"],
      ["14:00:40", "billing", "ERROR", "context deadline exceeded"],
    ],
    metrics: [
      { name: "pg_up", value: 1, baseline: 1 },
      { name: "pg_stat_activity_count", value: 31, baseline: 34 },
    ],
    context: { config_changes: [{ service: "billing", minutes_ago: 17, what: "NetworkPolicy default-deny-egress applied to namespace billing (platform security baseline)" }] },
    topology: { billing: ["billing-db"], "billing-db": [] },
    expected: { category: "network", alsoAccepted: ["configuration"], causes: ["network_connectivity", "configuration_error"], actions: ["config_change"] },
  }),
  incident("jvm-native-threads", {
    service: "crawler",
    title: "crawler: OutOfMemoryError",
    hard: true,
    rootCause: "A thread leak: the JVM hits the process thread limit ('unable to create native thread'); memory is fine",
    redHerrings: ["the word OutOfMemoryError"],
    events: [
      ["13:40:02", "crawler", "WARNING", "[2026-11-20T13:40:02.118+0000][warning][os,thread] Failed to start thread \"Unknown thread\" - pthread_create failed (EAGAIN) for attributes: stacksize: 1024k, guardsize: 0k, detached."],
      ["13:40:02", "crawler", "ERROR", "Exception in thread \"fetch-scheduler\" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached"],
      ["13:55:30", "crawler", "ERROR", "java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached\n\tat java.base/java.lang.Thread.start0(Native Method)"],
    ],
    metrics: [
      { name: "jvm_threads_live", value: 4090, baseline: 220, started_at: at("09:00") },
      { name: "container_memory_usage_percent", value: 48, baseline: 45, unit: "%" },
    ],
    expected: { category: "cpu/capacity", causes: ["resource_exhaustion"], actions: ["restart", "config_change"] },
  }),
  incident("rabbit-consumer-crash", {
    service: "order-api",
    title: "order-api cannot publish: RabbitMQ blocking",
    hard: true,
    rootCause: "fulfilment-worker 3.0.0 crashes on every message (KeyError); the queue grows until RabbitMQ blocks publishers",
    redHerrings: ["order-api's own deploy 8 minutes ago", "RabbitMQ memory alarm (a consequence)"],
    events: [
      ["13:12:20", "fulfilment-worker", "ERROR", "Traceback (most recent call last):\n  File \"/app/worker/handlers.py\", line 88, in on_message\n    tier = body[\"shipping_tier\"]\nKeyError: 'shipping_tier'"],
      ["13:13:02", "fulfilment-worker", "WARNING", "Back-off restarting failed container worker in pod fulfilment-worker-58d7c-9xk2p_prod(aa12bb34-cc56-dd78-ee90-ff1122334455)"],
      ["13:54:10", "order-api", "INFO", "order-api 8.3.1 ready (4/4)"],
      ["13:57:40", "rabbitmq", "WARNING", "2026-11-20 13:57:40.118 [warning] <0.517.0> memory resource limit alarm set on node 'rabbit@mq-0'.\n*** Publishers will be blocked until this alarm clears ***"],
      ["13:57:41", "order-api", "ERROR", "amqp connection blocked: low on memory"],
      ["14:01:02", "order-api", "ERROR", "Timed out waiting for publisher confirm on exchange 'orders' after 10000ms"],
    ],
    metrics: [
      { name: "rabbitmq_queue_messages_ready", value: 1.6e6, baseline: 300, started_at: at("13:13") },
      { name: "rabbitmq_queue_consumers", value: 0, baseline: 6, started_at: at("13:12") },
    ],
    deploys: [
      { version: "fulfilment-worker@3.0.0", service: "fulfilment-worker", minutes_ago: 51, description: "Read shipping tier from the message" },
      { version: "order-api@8.3.1", service: "order-api", minutes_ago: 8, description: "Admin: order notes" },
    ],
    topology: { "order-api": ["rabbitmq"], rabbitmq: [], "fulfilment-worker": ["rabbitmq"] },
    expected: { category: "deployment", causes: ["deployment_issue"], actions: ["rollback"] },
  }),
  incident("haproxy-healthcheck-path", {
    service: "api",
    title: "All API backends DOWN in HAProxy",
    hard: true,
    rootCause: "A config-management run changed HAProxy's health-check path to /health, which the API does not serve",
    redHerrings: ["backend DOWN / no server available (looks like the API is down)"],
    events: [
      ["13:55:12", "haproxy", "WARNING", "Health check for server be_api/api-1 failed, reason: Layer7 wrong status, code: 404, info: \"Not Found\", check duration: 1ms, status: 0/2 DOWN."],
      ["13:55:12", "haproxy", "WARNING", "Health check for server be_api/api-2 failed, reason: Layer7 wrong status, code: 404, info: \"Not Found\", check duration: 1ms, status: 0/2 DOWN."],
      ["13:55:13", "haproxy", "WARNING", "Health check for server be_api/api-3 failed, reason: Layer7 wrong status, code: 404, info: \"Not Found\", check duration: 2ms, status: 0/2 DOWN."],
      ["13:55:13", "haproxy", "CRITICAL", "backend be_api has no server available!"],
      ["13:56:02", "haproxy", "ERROR", "10.0.9.12:51234 [20/Nov/2026:13:56:02.118] fe_https~ be_api/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 412/412/0/0/0 0/0 \"GET /v1/orders HTTP/1.1\""],
      ["13:56:05", "api", "INFO", "GET /healthz 200 0.8ms"],
      ["13:56:05", "api", "INFO", "GET /health 404 0.4ms"],
    ],
    context: { config_changes: [{ service: "haproxy", minutes_ago: 7, what: "haproxy.cfg: option httpchk GET /health (was GET /healthz), config-management run #4412" }] },
    expected: { category: "configuration", causes: ["configuration_error"], actions: ["config_change"] },
  }),
  incident("debug-logging-disk", {
    service: "payments-api",
    title: "payments-api failing health checks",
    hard: true,
    rootCause: "LOG_LEVEL=debug (set to investigate a ticket) made logs fill the log volume",
    redHerrings: ["liveness probe failures"],
    events: [
      ["12:27:00", "payments-api", "DEBUG", "DEBUG c.a.p.PaymentController - request body: {\"amount\":1200,\"currency\":\"EUR\"}"],
      ["13:55:12", "payments-api", "ERROR", "java.io.IOException: No space left on device\n\tat java.base/java.io.FileOutputStream.writeBytes(Native Method)\n\tat ch.qos.logback.core.recovery.ResilientOutputStreamBase.write(ResilientOutputStreamBase.java:45)"],
      ["13:57:40", "payments-api", "WARNING", "Liveness probe failed: HTTP probe failed with statuscode: 500"],
      ["14:00:12", "payments-api", "ERROR", "java.io.IOException: No space left on device"],
    ],
    metrics: [
      { name: "node_filesystem_avail_bytes_var_log", value: 0, baseline: 4e10, started_at: at("13:54") },
      { name: "log_lines_per_second", value: 42000, baseline: 900, started_at: at("12:27") },
    ],
    context: { config_changes: [{ service: "payments-api", minutes_ago: 96, what: "LOG_LEVEL=debug to investigate ticket PAY-2231" }] },
    expected: { category: "disk", alsoAccepted: ["configuration"], causes: ["disk_full", "configuration_error"], actions: ["cleanup_disk", "config_change"] },
  }),
  incident("redis-warnings-mysql-scan", {
    service: "search-api",
    title: "search-api slow; Redis restarted this morning",
    hard: true,
    rootCause: "search-api 6.2.0 added a leading-wildcard LIKE search; MySQL scans ten million rows per query",
    redHerrings: ["Redis overcommit / somaxconn warnings", "Redis restart for kernel patching"],
    events: [
      ["13:10:00", "redis", "WARNING", "1:C 20 Nov 2026 13:10:00.118 # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition."],
      ["13:10:00", "redis", "WARNING", "1:M 20 Nov 2026 13:10:00.120 # WARNING: The TCP backlog setting of 511 cannot be enforced because /proc/sys/net/core/somaxconn is set to the lower value of 128."],
      ["13:10:00", "redis", "INFO", "1:M 20 Nov 2026 13:10:00.121 * Ready to accept connections tcp"],
      ["13:25:12", "mysql", "WARNING", "# Time: 2026-11-20T13:25:12.004412Z\n# User@Host: search[search] @ 10.0.4.31 []  Id: 99120\n# Query_time: 14.882104  Lock_time: 0.000041 Rows_sent: 20  Rows_examined: 9812231\nSELECT id, title FROM listings WHERE title LIKE '%cabin%' ORDER BY created_at DESC LIMIT 20;"],
      ["13:40:44", "search-api", "ERROR", "SQLSTATE[HY000]: General error: 3024 Query execution was interrupted, maximum statement execution time exceeded"],
      ["13:58:02", "mysql", "WARNING", "# Time: 2026-11-20T13:58:02.771040Z\n# User@Host: search[search] @ 10.0.4.32 []  Id: 99411\n# Query_time: 16.104220  Lock_time: 0.000038 Rows_sent: 20  Rows_examined: 9812240\nSELECT id, title FROM listings WHERE title LIKE '%lake%' ORDER BY created_at DESC LIMIT 20;"],
    ],
    metrics: [
      { name: "mysql_global_status_slow_queries_rate", value: 22, baseline: 0.1, started_at: at("13:24") },
      { name: "http_request_duration_seconds_p95", value: 15, baseline: 0.2, started_at: at("13:24") },
    ],
    deploys: [{ version: "search-api@6.2.0", service: "search-api", minutes_ago: 40, description: "Substring search on listing titles" }],
    expected: { category: "database", alsoAccepted: ["deployment"], causes: ["database_performance", "deployment_issue"], actions: ["database_optimization", "rollback"] },
  }),
  incident("kafka-rebalance-oom", {
    service: "fraud-detection",
    title: "fraud-detection consumer group rebalancing constantly",
    hard: true,
    rootCause: "fraud-detection's memory climbs to its limit; each OOM kill triggers a rebalance, so the group never settles and lag grows",
    redHerrings: ["rebalance log lines", "consumer lag"],
    events: [
      ["13:35:02", "fraud-detection", "INFO", "[Consumer clientId=consumer-fraud-detection-1, groupId=fraud-detection] Request joining group due to: group is already rebalancing"],
      ["13:35:03", "fraud-detection", "INFO", "[Consumer clientId=consumer-fraud-detection-1, groupId=fraud-detection] Revoke previously assigned partitions orders-0, orders-1"],
      ["13:36:40", "fraud-detection", "WARNING", "Last State: Terminated, Reason: OOMKilled, Exit Code: 137 (pod fraud-detection-7f8c-l2m4n)"],
      ["13:48:11", "fraud-detection", "INFO", "[Consumer clientId=consumer-fraud-detection-2, groupId=fraud-detection] Request joining group due to: group is already rebalancing"],
      ["13:49:30", "fraud-detection", "WARNING", "Last State: Terminated, Reason: OOMKilled, Exit Code: 137 (pod fraud-detection-7f8c-p9q8r)"],
      ["14:00:02", "fraud-detection", "INFO", "[Consumer clientId=consumer-fraud-detection-1, groupId=fraud-detection] Request joining group due to: group is already rebalancing"],
    ],
    metrics: [
      { name: "kafka_consumergroup_lag", value: 90000, baseline: 200, started_at: at("13:35") },
      { name: "container_memory_working_set_bytes", value: 1.02e9, baseline: 6e8, started_at: at("13:10") },
    ],
    expected: { category: "memory", causes: ["memory_leak"], actions: ["restart"] },
  }),
  incident("idle-in-transaction", {
    service: "subscriptions",
    title: "subscriptions: connection pool timeouts",
    hard: true,
    rootCause: "subscriptions 2.3.0 wraps the renewal job in a transaction that stays open while calling out; sessions sit idle in transaction and exhaust connections",
    redHerrings: ["autovacuum log lines"],
    events: [
      ["12:58:40", "subscriptions-db", "INFO", "2026-11-20 12:58:40.331 UTC [7712] LOG:  automatic vacuum of table \"subs.public.renewals\": index scans: 1\n\tpages: 0 removed, 1203 remain, 0 skipped due to pins, 0 skipped frozen\n\ttuples: 2211 removed, 88120 remain, 0 are dead but not yet removable"],
      ["13:22:12", "subscriptions", "ERROR", "sqlalchemy.exc.TimeoutError: QueuePool limit of size 10 overflow 20 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)"],
      ["13:40:02", "subscriptions-db", "ERROR", "2026-11-20 13:40:02.118 UTC [8120] subs@subs FATAL:  remaining connection slots are reserved for non-replication superuser connections"],
      ["13:55:12", "subscriptions", "ERROR", "sqlalchemy.exc.TimeoutError: QueuePool limit of size 10 overflow 20 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)"],
    ],
    metrics: [{ name: "pg_stat_activity_count_idle_in_transaction", value: 88, baseline: 2, started_at: at("12:58") }],
    deploys: [{ version: "subscriptions@2.3.0", service: "subscriptions", minutes_ago: 70, description: "Wrap renewal job in a transaction" }],
    expected: { category: "database", alsoAccepted: ["deployment"], causes: ["connection_pool_exhaustion", "deployment_issue"], actions: ["kill_connections", "rollback"] },
  }),
  incident("ephemeral-storage-eviction", {
    service: "image-resizer",
    title: "image-resizer: replicas lost, 503s",
    hard: true,
    rootCause: "The resizer fills node ephemeral storage with temp files; kubelet evicts its pods",
    redHerrings: ["503s and lost replicas that look like a crash or node failure"],
    events: [
      ["13:44:12", "image-resizer", "WARNING", "Warning  Evicted  pod/image-resizer-6d9f-8k2lm  The node was low on resource: ephemeral-storage. Threshold quantity: 10%, available: 3%. Container resizer was using 38Gi, request is 0, has larger consumption of ephemeral-storage."],
      ["13:51:40", "image-resizer", "WARNING", "Warning  Evicted  pod/image-resizer-6d9f-p0q1r  The node was low on resource: ephemeral-storage. Threshold quantity: 10%, available: 2%. Container resizer was using 41Gi, request is 0, has larger consumption of ephemeral-storage."],
      ["13:58:02", "ingress-nginx", "ERROR", "10.0.9.31 - - [20/Nov/2026:13:58:02 +0000] \"GET /img/w_640/8812.jpg HTTP/2.0\" 503 190 \"-\" \"Mozilla/5.0\" 88 0.000 [prod-image-resizer-80] [] - - - - 1d2e3f"],
    ],
    metrics: [{ name: "kube_deployment_status_replicas_available", value: 2, baseline: 10, started_at: at("13:44") }],
    expected: { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk"] },
  }),
  incident("github-403-rate-limit", {
    service: "ci-bot",
    title: "CI bot: 403 from GitHub",
    hard: true,
    rootCause: "The GitHub App installation exhausted its API rate limit (GitHub answers 403 with x-ratelimit-remaining 0)",
    redHerrings: ["403 that looks like a permission problem", "certificate expiry warning 19 days out"],
    events: [
      ["13:40:00", "ci-bot", "WARNING", "certificate for hooks.acme.dev expires in 19 days (2026-12-09T00:00:00Z)"],
      ["13:45:12", "ci-bot", "ERROR", "HTTP 403: API rate limit exceeded for installation ID 88121. (https://api.github.com/repos/acme/web/statuses/ab12cd)"],
      ["13:45:12", "ci-bot", "INFO", "github response headers: x-ratelimit-limit=5000 x-ratelimit-remaining=0 x-ratelimit-reset=1763650800"],
      ["13:58:40", "ci-bot", "ERROR", "HTTP 403: API rate limit exceeded for installation ID 88121. (https://api.github.com/repos/acme/api/check-runs)"],
    ],
    expected: { category: "dependency/external", causes: ["upstream_rate_limit"], actions: ["rate_limit"] },
  }),
  incident("vault-password-rotation", {
    service: "orders-worker",
    title: "orders-worker: database errors",
    hard: true,
    rootCause: "Vault rotated the orders_app database password; the worker still uses the old one",
    redHerrings: ["PostgreSQL FATAL lines that look like a database failure"],
    events: [
      ["13:51:12", "postgres", "ERROR", "2026-11-20 13:51:12.004 UTC [9912] orders_app@orders FATAL:  password authentication failed for user \"orders_app\"\nDETAIL:  Connection matched pg_hba.conf line 98: \"host all all 10.0.0.0/8 scram-sha-256\""],
      ["13:51:12", "orders-worker", "ERROR", "psycopg.OperationalError: connection failed: FATAL:  password authentication failed for user \"orders_app\""],
      ["14:00:02", "orders-worker", "ERROR", "psycopg.OperationalError: connection failed: FATAL:  password authentication failed for user \"orders_app\""],
    ],
    context: { key_rotations: [{ what: "Vault rotated database/static-creds/orders_app", minutes_ago: 11 }] },
    expected: { category: "auth/security", causes: ["auth_failure"], actions: ["rotate_credentials"] },
  }),
  incident("pg-wal-disk", {
    service: "accounts-api",
    title: "accounts-api: database connections failing",
    hard: true,
    rootCause: "An inactive replication slot retained WAL until the PostgreSQL volume filled; PostgreSQL PANICked and restarted",
    redHerrings: ["'recovery mode' and connection errors in the app"],
    events: [
      ["13:47:02", "postgres", "CRITICAL", "2026-11-20 13:47:02.118 UTC [3312] PANIC:  could not write to file \"pg_wal/xlogtemp.3312\": No space left on device"],
      ["13:47:02", "postgres", "INFO", "2026-11-20 13:47:02.231 UTC [1] LOG:  server process (PID 3312) was terminated by signal 6: Aborted"],
      ["13:47:03", "accounts-api", "ERROR", "org.postgresql.util.PSQLException: FATAL: the database system is in recovery mode"],
      ["13:52:40", "accounts-api", "ERROR", "org.postgresql.util.PSQLException: FATAL: the database system is in recovery mode"],
      ["13:58:10", "accounts-api", "ERROR", "org.postgresql.util.PSQLException: The connection attempt failed."],
    ],
    metrics: [
      { name: "pg_replication_slot_wal_retained_bytes", value: 9.8e10, baseline: 1e9, started_at: "2026-11-19T22:00:00.000Z" },
      { name: "node_filesystem_avail_bytes_pgdata", value: 0, baseline: 1.2e11, started_at: at("13:46") },
    ],
    expected: { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk", "expand_capacity"] },
  }),
  incident("coredns-timeouts", {
    service: "checkout-api",
    title: "Card payments failing: Stripe connection errors",
    hard: true,
    rootCause: "CoreDNS upstream lookups time out; names (api.stripe.com among them) do not resolve",
    redHerrings: ["StripeConnectionError that looks like a Stripe outage"],
    events: [
      ["13:49:40", "coredns", "ERROR", "[ERROR] plugin/errors: 2 api.stripe.com. A: read udp 10.244.3.7:52341->10.0.0.2:53: i/o timeout"],
      ["13:49:41", "checkout-api", "ERROR", "Error: getaddrinfo EAI_AGAIN api.stripe.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)"],
      ["13:49:42", "checkout-api", "ERROR", "StripeConnectionError: An error occurred with our connection to Stripe. Request was retried 2 times."],
      ["13:52:10", "coredns", "ERROR", "[ERROR] plugin/errors: 2 orders-db.internal. AAAA: read udp 10.244.3.7:40112->10.0.0.2:53: i/o timeout"],
      ["13:59:02", "checkout-api", "ERROR", "StripeConnectionError: An error occurred with our connection to Stripe. Request was retried 2 times."],
    ],
    metrics: [{ name: "coredns_forward_request_duration_seconds_p99", value: 5.0, baseline: 0.01, started_at: at("13:49") }],
    expected: { category: "network", causes: ["dns_failure"], actions: ["restart", "config_change"] },
  }),
];
