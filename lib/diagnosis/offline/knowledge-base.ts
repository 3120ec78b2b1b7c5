import type { ActionType, DiagnosisCategory, RecommendedAction } from "../schema";

/**
 * The offline engine's knowledge: failure modes of production systems, each with the log lines,
 * metric movements and context that point to it, and what to do about it. Patterns describe what
 * systems actually print (exception names, error codes, kernel and orchestrator messages), not the
 * titles of the built-in scenarios, so the engine generalises to incidents it has never seen.
 */
export type Pattern = {
  re: RegExp;
  w: number;
  label: string;
  /** A line that also matches this is not evidence for the pattern (a known look-alike). */
  unless?: RegExp;
};
export type MetricRule = { re: RegExp; not?: RegExp; dir: "up" | "down"; w: number };
export type ActionTemplate = {
  step: string;
  kind: RecommendedAction["kind"];
  type: ActionType;
  /** How likely the step helps when the hypothesis is right (0–1). */
  efficacy: number;
  /** Only when a recent deploy / flag change exists. */
  when?: "deploy" | "flag" | "dependency";
};

export type FailureMode = {
  cause: string;
  category: DiagnosisCategory;
  title: string;
  explanation: string;
  /** The category base for hypothesis confidence, as AIRRA (lib/simulation/scenarios/airra.ts) weighs it. */
  base: number;
  /** Matched against event messages, and (weaker) the incident text and context notes. */
  logs: Pattern[];
  /** Phrases that only make sense in human text (incident title/description, context notes). */
  text?: Pattern[];
  metrics: MetricRule[];
  /** Words in a recent deploy's description that tie the deploy to this failure mode. */
  deployKeywords?: RegExp;
  /** Weight of a recent deploy by itself (deployment-type modes only). */
  deployWeight?: number;
  /** Weight of a recently changed feature flag. */
  flagWeight?: number;
  actions: ActionTemplate[];
};

/** AIRRA's what-if risks, mapped to low (≤ .20), medium (≤ .50), high. */
export const riskByActionType: Record<ActionType, RecommendedAction["risk"]> = {
  scale: "low",
  expand_capacity: "low",
  rate_limit: "medium",
  restart: "medium",
  rollback: "medium",
  toggle_feature_flag: "low",
  clear_cache: "low",
  circuit_breaker: "low",
  fallback: "low",
  database_optimization: "medium",
  connection_pool_tuning: "medium",
  kill_connections: "medium",
  vacuum: "medium",
  failover: "high",
  config_change: "medium",
  cleanup_disk: "low",
  rotate_credentials: "medium",
  renew_certificate: "low",
  block_traffic: "medium",
  alert: "low",
  investigate: "low",
  verify: "low",
};

const FAIL = String.raw`(?:refused|ECONNREFUSED|unavailable|UNAVAILABLE|timed? ?out|timeout|ETIMEDOUT|DEADLINE_EXCEEDED|unreachable|down|failed|failure|error|5\d\d|reset|no healthy upstream)`;
const VENDORS = String.raw`(?:stripe|paypal|braintree|adyen|twilio|sendgrid|mailgun|mailchimp|slack|github|gitlab|auth0|okta|s3|amazonaws|aws|googleapis|gcp|azure|cloudflare|fastly|akamai|openai|anthropic|gemini|groq|shopify|salesforce|plaid|segment|zendesk|hubspot|pagerduty|datadog|algolia|firebase|apple|fcm|apns|ups|fedex|dhl|usps)`;

const errorRate: MetricRule = { re: /(^|_)(5\d\d|5xx|error(s)?(_rate|_total|_count|_ratio)?|status_5\d\d|failures?|exceptions?)(_|$)/, dir: "up", w: 0.3 };

export const failureModes: FailureMode[] = [
  // ── memory ───────────────────────────────────────────────────────────────────────────────────
  {
    cause: "memory_leak",
    category: "memory",
    title: "Memory leak exhausting {service}'s memory",
    explanation:
      "Memory keeps growing without being released until the process hits its limit and is OOM-killed; GC works harder and harder and latency rises before each kill.",
    base: 0.7,
    logs: [
      {
        re: /OutOfMemoryError|heap out of memory|JavaScript heap|MemoryError|Cannot allocate memory|ENOMEM|out of memory|OOM[- ]?kill(ed|er)?|oom_kill|exit(ed)?( with)? code:? ?137|signal: killed|memory limit (exceeded|reached)|memory cgroup out of memory|MemoryPressure|evicted.*memory|memory.*evict|Killed process \d+/i,
        w: 0.9,
        label: "out-of-memory",
        // The JVM reports a thread limit with the same exception class; it is not heap memory.
        unless: /unable to create (new )?native thread/i,
      },
      { re: /circuit_breaking_exception|Data too large|java heap space|GC overhead limit exceeded|heap limit/i, w: 0.85, label: "heap exhaustion" },
      { re: /heap (usage|size|growth|is growing)|allocation failure/i, w: 0.6, label: "heap growth" },
      { re: /memory (usage|consumption|footprint) (climbing|growing|rising|increas|keeps|at 9\d)|leak(ing|ed)? memory|memory leak|rss (growing|climbing)/i, w: 0.7, label: "growing memory" },
    ],
    text: [{ re: /\bmemory\b.*\b(leak|climb|grow|ris|increas|exhaust|OOM|9\d ?%)|\bOOM\b|\bleak\b/i, w: 0.6, label: "memory growth reported" }],
    metrics: [
      { re: /mem(ory)?(_|$)|heap|rss|working_set|resident/, not: /cache|redis|memcache|valkey|free|available|gc_pause|gc_time/, dir: "up", w: 0.85 },
      { re: /(^|_)gc(_|$)|garbage_collect/, not: /pause|duration|time_seconds/, dir: "up", w: 0.5 },
      { re: /oom/, dir: "up", w: 0.9 },
      { re: /restart/, dir: "up", w: 0.2 },
    ],
    deployKeywords: /pool|cache|buffer|memory|allocat|batch|stream|upgrade|library|dependency|client/i,
    actions: [
      { step: "Restart the {service} pods one at a time to reclaim memory (rolling restart)", kind: "mitigation", type: "restart", efficacy: 0.8 },
      { step: "Scale {service} out so the remaining pods absorb traffic while leaking pods are recycled", kind: "mitigation", type: "scale", efficacy: 0.55 },
      { step: "Roll back {version} if memory started climbing after it", kind: "fix", type: "rollback", efficacy: 0.7, when: "deploy" },
      { step: "Take a heap profile of one pod and fix the unreleased allocations (pools, caches, listeners)", kind: "fix", type: "investigate", efficacy: 0.6 },
      { step: "Verify memory stays flat and no OOM kills occur over the next 30 minutes", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "gc_pressure",
    category: "memory",
    title: "Garbage-collection pressure stalling {service}",
    explanation:
      "The heap is too small for the live set or allocation rate, so the runtime spends much of its time in stop-the-world collections; requests stall during pauses.",
    base: 0.7,
    logs: [
      { re: /GC overhead limit exceeded|long GC pause|gc pause|stop-the-world|Full GC|GC \(Allocation Failure\)|pause (young|full|mixed)|G1 Evacuation Pause|to-space exhausted|promotion failed|concurrent mode failure/i, w: 0.85, label: "GC pause" },
    ],
    text: [{ re: /\bGC\b|garbage collect/i, w: 0.6, label: "GC mentioned" }],
    metrics: [
      { re: /gc_(pause|time|duration|seconds)|garbage_collection_(time|duration|pause|seconds)|gc_cpu/, dir: "up", w: 0.85 },
      { re: /heap/, dir: "up", w: 0.4 },
      { re: /latency|duration|p9[59]/, not: /gc|db|database|query|external/, dir: "up", w: 0.2 },
    ],
    actions: [
      { step: "Restart the worst {service} pods to clear fragmented heaps", kind: "mitigation", type: "restart", efficacy: 0.5 },
      { step: "Raise {service}'s heap / memory limit (and pod memory request) to fit the live set", kind: "fix", type: "config_change", efficacy: 0.7 },
      { step: "Scale {service} out to cut per-pod allocation rate", kind: "mitigation", type: "scale", efficacy: 0.55 },
      { step: "Verify GC pause time and p95 latency return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── cpu / capacity ───────────────────────────────────────────────────────────────────────────
  {
    cause: "traffic_surge",
    category: "cpu/capacity",
    title: "Traffic surge beyond {service}'s capacity",
    explanation:
      "Request volume rose far above normal; CPU saturates, work queues fill and latency climbs. Without autoscaling, capacity stays fixed while demand grows.",
    base: 0.8,
    logs: [
      { re: /RejectedExecutionException|thread ?pool (is )?(exhausted|full|saturated)|too many concurrent requests|request queue (is )?full|worker(s| pool)? (exhausted|saturated|busy)|server (is )?(overloaded|too busy)|backpressure|accept queue (full|overflow)|listen queue overflow|max (clients|workers) reached|all workers busy|reset reason: overflow|pending requests overflow|upstream_rq_pending_overflow/i, w: 0.65, label: "overload" },
    ],
    text: [
      { re: /traffic (surge|spike|increase|burst)|(surge|spike|influx|burst) (of|in) (traffic|users|requests|load)|flash sale|marketing (campaign|email|push)|campaign (launch|went out|started)|load (spike|surge)|went viral|black friday|promo(tion)? launch|request volume|bot traffic|flood(ed|ing)?\b|load test/i, w: 0.65, label: "traffic surge reported" },
      { re: /autoscal\w*[^.,;]{0,20}(off|disabled|false|not enabled|maxed|at max)|hpa (at )?max/i, w: 0.4, label: "autoscaling unavailable" },
    ],
    metrics: [
      { re: /(^|_)(http_)?(requests?|rq)(_per_(second|sec|minute)|_total|_rate|_count|_rps)*$|(^|_)(rps|qps|tps|throughput|request_rate|traffic|concurrent_(users|requests|connections)|active_(users|sessions|requests))(_|$)/, not: /rate_limit|throttl|reject|error|fail|429|5\d\d|retr(y|ies)|timeout|outbound|egress|upstream|downstream|external|client|calls?(_|$)|statements?|quer(y|ies)/, dir: "up", w: 0.75 },
      { re: /hpa|(current|desired)_replicas|autoscal/, dir: "up", w: 0.35 },
      { re: /cpu/, dir: "up", w: 0.35 },
      { re: /thread_pool|queue_size|pending_requests|in_flight|inflight|concurrency/, not: /consumer|kafka|message/, dir: "up", w: 0.35 },
      { re: /latency|duration|p9[59]|response_time/, not: /db|database|query|external|gc/, dir: "up", w: 0.15 },
    ],
    actions: [
      { step: "Scale {service} out now (add replicas / raise the autoscaler's max)", kind: "mitigation", type: "scale", efficacy: 0.85 },
      { step: "Apply rate limiting or shed non-critical traffic at the edge for {service}", kind: "mitigation", type: "rate_limit", efficacy: 0.7 },
      { step: "Enable autoscaling on CPU and request rate, sized for the observed peak", kind: "fix", type: "config_change", efficacy: 0.7 },
      { step: "Verify CPU, queue depth and p95 latency fall back under their baselines at current traffic", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "cpu_saturation",
    category: "cpu/capacity",
    title: "CPU saturation in {service}",
    explanation:
      "The service is CPU-bound without a matching rise in traffic: a hot code path (expensive regex, serialisation loop, busy-wait) or CPU throttling by its container limit.",
    base: 0.75,
    logs: [
      { re: /high cpu|cpu (usage|utili[sz]ation|load)\D{0,12}(9\d|100)|cpu (spike|saturat\w*|throttl\w*|pegged|starv\w*)|CPU throttling|throttled for|hot loop|infinite loop|busy[- ]loop|catastrophic backtracking|ReDoS|load average|high load|soft lockup|event ?loop (is )?(blocked|lag|delay)/i, w: 0.75, label: "CPU saturation" },
    ],
    text: [{ re: /\bcpu\b/i, w: 0.45, label: "CPU mentioned" }],
    metrics: [
      { re: /cpu/, not: /gc/, dir: "up", w: 0.8 },
      { re: /load_?avg|load(1|5|15)$|cpu\w*throttl|cfs_throttl|throttled_(periods|seconds)/, dir: "up", w: 0.75 },
      { re: /event_?loop_(lag|delay|block|utili)/, dir: "up", w: 0.75 },
      { re: /latency|duration|p9[59]/, not: /db|database|query|external/, dir: "up", w: 0.15 },
    ],
    deployKeywords: /regex|parser|serial|algorithm|loop|encrypt|compress|render|search|hash|bcrypt|pbkdf|scrypt|argon|crypto/i,
    actions: [
      { step: "Scale {service} out to relieve the CPU-bound pods", kind: "mitigation", type: "scale", efficacy: 0.7 },
      { step: "Roll back {version} if the CPU rise started with it", kind: "fix", type: "rollback", efficacy: 0.65, when: "deploy" },
      { step: "Profile one hot pod (CPU flame graph) and fix the hot path; raise the CPU limit if throttled", kind: "fix", type: "investigate", efficacy: 0.6 },
      { step: "Verify CPU drops below 70 % and latency returns to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "resource_exhaustion",
    category: "cpu/capacity",
    title: "{service} ran out of file descriptors, threads or ports",
    explanation:
      "A per-process limit (open files, threads, ephemeral ports) is exhausted, usually by leaked connections or a limit set too low; new work fails until handles are freed.",
    base: 0.75,
    logs: [
      { re: /Too many open files|EMFILE|ENFILE|file descriptor|ulimit|unable to create (new )?native thread|pthread_create failed|can't start new thread|EADDRNOTAVAIL|Cannot assign requested address|ephemeral port|port exhaustion/i, w: 0.9, label: "resource limit" },
    ],
    metrics: [{ re: /open_fds|file_descriptors|fd_usage|threads|sockets|time_wait/, dir: "up", w: 0.7 }],
    actions: [
      { step: "Restart the affected {service} pods to release leaked handles", kind: "mitigation", type: "restart", efficacy: 0.7 },
      { step: "Raise the limit (ulimit -n / thread pool / ip_local_port_range) and fix the leak (close connections, reuse clients)", kind: "fix", type: "config_change", efficacy: 0.65 },
      { step: "Verify open handles stay well under the limit", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "node_failure",
    category: "cpu/capacity",
    title: "Lost nodes reduced {service}'s capacity",
    explanation: "One or more hosts became unhealthy or were terminated; pods on them were evicted and the rest carry the load.",
    base: 0.6,
    logs: [
      { re: /NodeNotReady|node \S+ (is )?(NotReady|not ready|lost|down|unreachable)|kubelet (stopped|not responding)|instance (terminated|retired|unhealthy|impaired)|spot (instance )?interruption|hardware failure|host (is )?down|node (pressure|failure)|Evicted pod|pod evicted/i, w: 0.85, label: "node failure" },
    ],
    metrics: [{ re: /nodes?_(ready|available)|healthy_hosts|instances_(healthy|in_service)/, dir: "down", w: 0.8 }],
    actions: [
      { step: "Cordon and drain the failing node(s) so pods reschedule onto healthy ones", kind: "mitigation", type: "failover", efficacy: 0.7 },
      { step: "Scale the node group / {service} to restore capacity", kind: "mitigation", type: "scale", efficacy: 0.7 },
      { step: "Verify all {service} replicas are ready on healthy nodes", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── database ─────────────────────────────────────────────────────────────────────────────────
  {
    cause: "database_performance",
    category: "database",
    title: "Slow database queries behind {service}'s latency",
    explanation:
      "Queries take far longer than usual (a new expensive query, a missing index, a plan change or lock waits); requests hold connections while they wait, so the pool fills and API latency follows the database.",
    base: 0.6,
    logs: [
      { re: /slow query|query took \d|long[- ]running (query|transaction|statement)|statement timeout|canceling statement due to statement timeout|query (timed? ?out|timeout)|Query execution was interrupted|execution time exceeded|seq(uential)? scan|full table scan|missing index|N\+1 quer|query plan (changed|regression)|duration: \d{4,}(\.\d+)? ms\s+(statement|execute)/i, w: 0.85, label: "slow query" },
      { re: /(database|\bdb\b|postgres\w*|mysql|mariadb|mongo\w*|sql|cassandra|scylla|cockroach\w*|clickhouse|dynamo\w*|oracle)\b.{0,40}\b(slow|latency|timeout|timed out)|(slow|latency|timeout).{0,40}\b(database|\bdb\b|postgres\w*|mysql|cassandra|query|queries)|consistency (LOCAL_|EACH_)?(QUORUM|ONE|ALL)|replicas? responded|WriteTimeoutException|UnavailableException: Cannot achieve consistency/i, w: 0.75, label: "database slowness" },
    ],
    metrics: [
      { re: /(db|database|query|queries|sql|postgres|pg|mysql|mongo)\w*_(duration|latency|time|seconds)|slow_quer/, dir: "up", w: 0.9 },
      { re: /(db|database|pg|mysql)\w*_connections|connections_active|pool_(active|in_use|used)/, dir: "up", w: 0.5 },
      { re: /lock_wait|locks_waiting|blocked_queries/, dir: "up", w: 0.5 },
      { re: /latency|duration|p9[59]/, not: /db|database|query|external|gc/, dir: "up", w: 0.15 },
    ],
    deployKeywords: /quer|join|index|sql|orm|migration|schema|report|search|filter|order history/i,
    actions: [
      { step: "Find and cancel the longest-running queries (pg_stat_activity) to free connections", kind: "mitigation", type: "kill_connections", efficacy: 0.6 },
      { step: "Roll back {version} if the new queries arrived with it", kind: "mitigation", type: "rollback", efficacy: 0.7, when: "deploy" },
      { step: "EXPLAIN the slowest statements and add the missing index / rewrite the query", kind: "fix", type: "database_optimization", efficacy: 0.75 },
      { step: "Size the connection pool and statement timeout so slow queries cannot starve the service", kind: "fix", type: "connection_pool_tuning", efficacy: 0.5 },
      { step: "Verify query duration and API p95 return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "connection_pool_exhaustion",
    category: "database",
    title: "Database connection pool exhausted",
    explanation:
      "All database connections are taken — by leaked or idle-in-transaction sessions, or too many clients for max_connections — so new requests wait for a connection and time out.",
    base: 0.6,
    logs: [
      { re: /too many (connections|clients)|remaining connection slots are reserved|connection pool (is )?(exhausted|full|timeout)|(timeout|timed out) waiting for (a |an )?(idle )?(connection|object)|Connection is not available, request timed out|HikariPool\S* .*(timeout|not available)|QueuePool limit|pool exhausted|(cannot|could not|unable to) (acquire|obtain|get) (a )?(database )?connection|max_connections|ER_CON_COUNT_ERROR|sorry, too many clients|idle in transaction/i, w: 0.9, label: "pool exhaustion" },
      { re: /idle connections?|connections? (are |were )?idle|connection leak|leaked connection/i, w: 0.7, label: "idle/leaked connections" },
    ],
    text: [{ re: /connection (pool|slots|limit)|connections? (exhausted|maxed)/i, w: 0.6, label: "connections reported" }],
    metrics: [
      { re: /pool_(wait|pending|exhaust|waiting)|connections_(waiting|idle|pending)|idle_connections|idle_in_transaction/, dir: "up", w: 0.85 },
      { re: /(db|database|pg|postgres|mysql)\w*_connections|connections_(active|used|total)|pool_(active|in_use|used)/, dir: "up", w: 0.55 },
      { re: /(postgres|pg|db|database)\w*_health|connection_health/, dir: "down", w: 0.6 },
    ],
    deployKeywords: /pool|connection|transaction|orm|driver/i,
    actions: [
      { step: "Terminate idle and idle-in-transaction sessions (pg_terminate_backend) to free connections", kind: "mitigation", type: "kill_connections", efficacy: 0.75 },
      { step: "Restart the clients holding leaked connections", kind: "mitigation", type: "restart", efficacy: 0.5 },
      { step: "Tune pool size, idle timeout and idle_in_transaction_session_timeout; put a pooler (PgBouncer) in front if clients outnumber max_connections", kind: "fix", type: "connection_pool_tuning", efficacy: 0.7 },
      { step: "Verify active + idle connections stay below 80 % of max_connections", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "database_locking",
    category: "database",
    title: "Lock contention / deadlocks in the database",
    explanation: "Transactions block each other on row or table locks (or deadlock and abort); throughput collapses while waits pile up.",
    base: 0.6,
    logs: [
      { re: /deadlock (detected|found)|Deadlock found when trying to get lock|lock wait timeout|could not obtain lock|LockNotAvailable|lock contention|blocked by process|waiting for (Share|Exclusive|AccessExclusive|RowExclusive)Lock|could not serialize access|serialization failure|40P01|ER_LOCK_DEADLOCK|ER_LOCK_WAIT_TIMEOUT/i, w: 0.9, label: "locking" },
    ],
    metrics: [{ re: /deadlock|lock_wait|locks_(waiting|held)|blocked/, dir: "up", w: 0.8 }],
    deployKeywords: /migration|transaction|batch|lock|index|alter/i,
    actions: [
      { step: "Identify the blocking session (pg_locks / SHOW ENGINE INNODB STATUS) and terminate it", kind: "mitigation", type: "kill_connections", efficacy: 0.7 },
      { step: "Pause the batch job or migration taking heavy locks; roll back {version} if it introduced them", kind: "mitigation", type: "rollback", efficacy: 0.6, when: "deploy" },
      { step: "Make transactions short and take locks in a consistent order; add retries for serialization failures", kind: "fix", type: "database_optimization", efficacy: 0.6 },
      { step: "Verify lock waits and deadlock counts return to zero", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "database_unavailable",
    category: "database",
    title: "Database unavailable to {service}",
    explanation: "The database refuses or drops connections (down, restarting, failing over, or out of resources), so every query path fails.",
    base: 0.6,
    logs: [
      { re: /could not connect to (server|database)|connection to (server|database)\b.{0,60}(refused|failed)|\b(postgres\w*|pg|mysql|mariadb|mongo\w*|database|\bdb)\b.{0,40}(connection refused|ECONNREFUSED|unreachable|is down|unavailable|not available)|ECONNREFUSED\s+\S*:(5432|3306|27017|1433|1521)|:(5432|3306|27017)\b.{0,30}(refused|timeout|timed out)|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command|server closed the connection unexpectedly|Communications link failure|MongoNetworkError|MongoServerSelectionError|failover in progress|primary (is )?(down|unavailable)|PSQLException: The connection attempt failed/i, w: 0.85, label: "database unreachable" },
    ],
    metrics: [{ re: /(db|database|postgres|mysql|pg)\w*_(up|available|health)/, not: /bloat|connection|idle|table|vacuum/, dir: "down", w: 0.8 }],
    actions: [
      { step: "Check the database's health and fail over to the replica if the primary is down", kind: "mitigation", type: "failover", efficacy: 0.7 },
      { step: "Restart the database process if it is hung and no failover target exists", kind: "mitigation", type: "restart", efficacy: 0.5 },
      { step: "Find why it went down (disk, memory, crash logs) and fix that", kind: "fix", type: "investigate", efficacy: 0.6 },
      { step: "Verify {service} reconnects and error rate returns to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "table_bloat",
    category: "database",
    title: "Table bloat from dead tuples slowing the database",
    explanation: "Heavy updates/deletes left dead tuples that (auto)vacuum has not reclaimed; scans read mostly garbage and queries slow down.",
    base: 0.6,
    logs: [
      { re: /dead tuples|table bloat|\bbloat(ed)?\b|autovacuum|\bvacuum\b|transaction ID wraparound|xid wraparound|n_dead_tup/i, w: 0.85, label: "bloat" },
    ],
    metrics: [
      { re: /dead_tup|bloat|dead_rows/, dir: "up", w: 0.9 },
      { re: /bloat_health|vacuum_health|table_health/, dir: "down", w: 0.8 },
    ],
    actions: [
      { step: "Run VACUUM (ANALYZE) on the bloated tables", kind: "mitigation", type: "vacuum", efficacy: 0.85 },
      { step: "Re-enable / tune autovacuum for these tables (scale factor, cost limit)", kind: "fix", type: "config_change", efficacy: 0.7 },
      { step: "Verify the dead/live tuple ratio and query times drop", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "replication_lag",
    category: "database",
    title: "Database replication lag",
    explanation: "Replicas fall behind the primary (heavy writes, long queries on the replica, network), so reads return stale data or fail health checks.",
    base: 0.6,
    logs: [{ re: /replication lag|replica(tion)? (is )?(behind|lagging|delay)|seconds behind (master|primary|source)|standby\b.{0,30}(behind|delay)|read replica\b.{0,30}(stale|lag)|wal (receiver|sender)\b.{0,30}(lag|behind)/i, w: 0.85, label: "replication lag" }],
    metrics: [{ re: /replication_lag|replica_lag|seconds_behind|wal_lag/, dir: "up", w: 0.9 }],
    actions: [
      { step: "Route reads to the primary (or healthy replicas) until lag recovers", kind: "mitigation", type: "fallback", efficacy: 0.7 },
      { step: "Find the write burst or long replica query causing the lag and throttle it", kind: "fix", type: "investigate", efficacy: 0.6 },
      { step: "Verify replica lag is back under a few seconds", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "schema_migration_mismatch",
    category: "database",
    title: "Schema and code out of step (migration)",
    explanation: "The code expects columns or tables the database does not have (or constraints it violates) — typically a migration that failed, ran late, or was not backward compatible.",
    base: 0.6,
    logs: [
      { re: /(column|relation|table)\s+"?[\w.]+"?\s+(of relation "?\w+"? )?does not exist|Unknown column|no such (table|column)|migration (failed|error)|pending migrations?|schema (mismatch|version)|duplicate key value violates unique constraint|violates (foreign key|not-null) constraint|ER_NO_SUCH_TABLE|ER_BAD_FIELD_ERROR|SQLSTATE\[42|UndefinedColumn|UndefinedTable/i, w: 0.85, label: "schema error" },
    ],
    metrics: [],
    deployWeight: 0.35,
    deployKeywords: /migration|schema|column|table|model|orm/i,
    actions: [
      { step: "Roll back {version} (or apply the missing migration) so code and schema match", kind: "mitigation", type: "rollback", efficacy: 0.75, when: "deploy" },
      { step: "Make migrations backward compatible (expand, deploy, contract) and run them before the code that needs them", kind: "fix", type: "config_change", efficacy: 0.6 },
      { step: "Verify the failing statements succeed and error rate returns to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── deployment / configuration ───────────────────────────────────────────────────────────────
  {
    cause: "deployment_issue",
    category: "deployment",
    title: "Faulty deploy {version} of {service}",
    explanation:
      "A recent release introduced a defect: new pods crash or fail health checks, or the new code throws on a common path. The timing relative to the deploy is the strongest clue; rolling back is the fastest mitigation.",
    base: 0.8,
    logs: [
      { re: /CrashLoopBackOff|Back-off restarting failed container|crash ?loop|container (exited|terminated|died)|exit(ed)? (with )?(code|status) [1-9]\d*(?!\d)|ImagePullBackOff|ErrImagePull|manifest unknown|Readiness probe failed|Liveness probe failed|Startup probe failed|failed to start|rollout (failed|stuck)|progress deadline exceeded|\bpanic:|segmentation fault|SIGSEGV|SIGABRT|core dumped|unhandled (exception|promise rejection)|uncaught exception|fatal error:/i, w: 0.75, label: "crash / failed rollout" },
      { re: /NullPointerException|TypeError: |undefined is not a function|is not a function|AttributeError:|KeyError:|NameError:|ImportError|ModuleNotFoundError|ClassNotFoundException|NoSuchMethodError|NoClassDefFoundError|Cannot find module|ReferenceError|IndexError|ArgumentError|nil pointer dereference|invalid memory address|IllegalStateException|IllegalArgumentException|ClassCastException|unrecognized field|UnrecognizedPropertyException/i, w: 0.45, label: "code exception" },
    ],
    text: [
      { re: /(bad|broken|faulty|failed|botched) (deploy|release|rollout|build)|after (the |a |today's )?(deploy|release|rollout|upgrade)|since (the )?(deploy|release|rollout)|new (version|release|build)|regression|(just )?rolled out|crash(ing|es)? on start/i, w: 0.55, label: "deploy correlation reported" },
    ],
    metrics: [
      { re: /restart|crash/, dir: "up", w: 0.8 },
      { re: /(pods?|replicas?|instances?)_(ready|available|running)|ready_(count|pods|replicas)|available_replicas/, dir: "down", w: 0.7 },
      { re: /(^|_)(http_)?requests?(_per_second|_total|_rate)?$|throughput|rps/, dir: "down", w: 0.3 },
      errorRate,
    ],
    deployWeight: 0.6,
    actions: [
      { step: "Roll back {service} to the version before {version}", kind: "mitigation", type: "rollback", efficacy: 0.85, when: "deploy" },
      { step: "Restart {service} pods that are stuck (only helps for transient start-up failures)", kind: "mitigation", type: "restart", efficacy: 0.35 },
      { step: "Read the failing pods' logs from the crash, fix the defect and redeploy behind a canary", kind: "fix", type: "investigate", efficacy: 0.6 },
      { step: "Verify all replicas are ready, restarts stop and error rate/throughput return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "bad_feature_flag",
    category: "configuration",
    title: "Feature flag {flag} change broke {service}",
    explanation: "A flag flipped shortly before the errors started turns on a code path that fails; turning it off is instant and safe.",
    base: 0.8,
    logs: [],
    text: [{ re: /feature[- ]?flag|flag (was )?(enabled|toggled|flipped|turned on|rolled out)|experiment (enabled|launched|rolled out)|kill[- ]?switch/i, w: 0.5, label: "flag change reported" }],
    metrics: [errorRate],
    flagWeight: 0.6,
    actions: [
      { step: "Turn feature flag {flag} back off", kind: "mitigation", type: "toggle_feature_flag", efficacy: 0.85, when: "flag" },
      { step: "Fix the code path behind {flag} and re-enable it gradually (1 %, 10 %, 50 %)", kind: "fix", type: "investigate", efficacy: 0.6, when: "flag" },
      { step: "Verify the errors stop within a minute of turning the flag off", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "configuration_error",
    category: "configuration",
    title: "Configuration error in {service}",
    explanation: "A missing or invalid setting (environment variable, config file, secret, limit) makes the service fail at start-up or on the paths that read it.",
    base: 0.6,
    logs: [
      { re: /(invalid|bad|malformed|missing|unknown) (config(uration)?|setting|env(ironment)? var\w*|parameter|property|option)|config(uration)?\b.{0,20}(error|invalid|not found|missing|failed to load|parse error)|(environment variable|env var)\S*.{0,40}(not set|missing|undefined|required)|\bis not set\b|must be set|required (setting|variable|config)|failed to (parse|load|read) (config|yaml|json|toml|settings)|yaml: (line|unmarshal)|unknown (field|key|option)|no such file or directory.{0,40}\.(ya?ml|json|conf|ini|env|properties|toml)|configmap\b.{0,30}not found|secret\b.{0,30}not found|invalid value for|misconfigur\w*|ValidationError: .*(config|setting)|unknown directive|\[emerg\]|config(uration)? (file )?\S*\s*test failed|invalid (directive|parameter|syntax) in/i, w: 0.8, label: "configuration error" },
    ],
    text: [{ re: /config(uration)? (change|push|update|rollout)|changed (the )?(config|setting|timeout|limit|env)|misconfigur/i, w: 0.55, label: "config change reported" }],
    metrics: [],
    deployWeight: 0.2,
    deployKeywords: /config|env|setting|secret|timeout|limit|variable/i,
    actions: [
      { step: "Revert the last configuration change for {service} (or restore the missing setting)", kind: "mitigation", type: "config_change", efficacy: 0.8 },
      { step: "Roll back {version} if the setting changed with it", kind: "mitigation", type: "rollback", efficacy: 0.6, when: "deploy" },
      { step: "Validate configuration at start-up and in CI so a bad value fails the deploy, not production", kind: "fix", type: "config_change", efficacy: 0.6 },
      { step: "Verify {service} starts cleanly and the errors stop", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── dependencies ─────────────────────────────────────────────────────────────────────────────
  {
    cause: "external_dependency_failure",
    category: "dependency/external",
    title: "External dependency failing or timing out",
    explanation:
      "A third-party API the service calls is slow or erroring; calls wait up to their timeout, tie up workers and surface as 5xx. Retries can add load (request count rises) until a circuit breaker opens.",
    base: 0.85,
    logs: [
      { re: new RegExp(String.raw`\b${VENDORS}\b.{0,80}${FAIL}|${FAIL}.{0,80}\b${VENDORS}\b`, "i"), w: 0.85, label: "third-party failure" },
      // A failed call to a public HTTPS host (not a cluster or internal name) is a call to a third party.
      { re: /https:\/\/(?![^\/\s]*\.(svc|internal|local|lan|corp)\b)[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|io|org|co|dev|app|cloud|ai)\b\S*.{0,60}(timed? ?out|timeout|refused|\b5\d\d\b|failed|unavailable|reset)/i, w: 0.75, label: "third-party call failing" },
      { re: /upstream (connect error|request timeout|timed out|error|unavailable)|\b(502|503|504)\b.{0,20}(Bad Gateway|Service Unavailable|Gateway Time-?out)|Bad Gateway|Gateway Time-?out|circuit[- ]?breaker\b.{0,20}(open|tripped)|CircuitBreakerOpen|BrokenCircuitException|fallback (activated|triggered|used)|ReadTimeout|read timed out|SocketTimeoutException|ESOCKETTIMEDOUT|request to https?:\/\/\S+ failed|third[- ]party|external (api|service|provider|dependency)|payment (gateway|provider|processor)/i, w: 0.7, label: "upstream failure" },
    ],
    text: [{ re: new RegExp(String.raw`\b${VENDORS}\b|third[- ]party|external (api|service|provider)|vendor|provider (outage|down)|status page`, "i"), w: 0.5, label: "external provider named" }],
    metrics: [
      { re: /(external|third_party|upstream|vendor|api_call|gateway|outbound|downstream|client_request)\w*_(duration|latency|time|seconds)/, dir: "up", w: 0.85 },
      { re: new RegExp(String.raw`(^|_)${VENDORS}\w*_(duration|latency|time|seconds|errors?|failures?|timeouts?)`), dir: "up", w: 0.85 },
      { re: /(external|third_party|upstream|vendor|api|outbound|downstream)\w*_(errors?|failures?|timeouts?)/, dir: "up", w: 0.85 },
      { re: /circuit_breaker/, dir: "up", w: 0.75 },
      errorRate,
    ],
    actions: [
      { step: "Open the circuit breaker on calls to the failing provider and serve the fallback (queue the work, degrade the feature)", kind: "mitigation", type: "circuit_breaker", efficacy: 0.8 },
      { step: "Lower the call timeout and cap retries so workers are not tied up waiting", kind: "mitigation", type: "config_change", efficacy: 0.6 },
      { step: "Check the provider's status page and open a ticket with them", kind: "fix", type: "alert", efficacy: 0.5 },
      { step: "Add a fallback provider or asynchronous retry path for this dependency", kind: "fix", type: "fallback", efficacy: 0.6 },
      { step: "Verify upstream error rate and call duration return to baseline before closing the breaker", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "upstream_rate_limit",
    category: "dependency/external",
    title: "Rate-limited by an upstream API",
    explanation: "A provider is rejecting calls with 429 / quota errors because the service exceeds its rate limit or quota.",
    base: 0.85,
    logs: [
      { re: /\b429\b|Too Many Requests|rate[- ]?limit(ed| exceeded| reached| hit)?|quota (exceeded|exhausted|limit)|RESOURCE_EXHAUSTED|Throttl(ing|ed)Exception|\bSlowDown\b|Request limit exceeded|exceeded your current quota|TooManyRequests|tokens per minute|requests per minute/i, w: 0.85, label: "rate limited" },
    ],
    metrics: [{ re: /429|rate_limit|throttl|quota/, not: /cpu|cfs|container/, dir: "up", w: 0.8 }],
    actions: [
      { step: "Back off: retry with exponential backoff and jitter, and cap concurrency towards the provider", kind: "mitigation", type: "rate_limit", efficacy: 0.7 },
      { step: "Serve cached or degraded responses while rate-limited", kind: "mitigation", type: "fallback", efficacy: 0.6 },
      { step: "Request a higher quota or spread load across keys/regions; cache repeated calls", kind: "fix", type: "expand_capacity", efficacy: 0.6 },
      { step: "Verify the 429 rate falls to zero", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "internal_dependency_failure",
    category: "dependency/external",
    title: "{dep} failing; {service} depends on it",
    explanation:
      "A service this one calls is down or erroring, so the failure propagates to everything upstream of it. The fix belongs in the failing dependency; callers should fail fast and degrade.",
    base: 0.85,
    logs: [],
    metrics: [],
    actions: [
      { step: "Restore {dep}: check its pods, recent changes and logs; restart or roll it back", kind: "mitigation", type: "restart", efficacy: 0.7, when: "dependency" },
      { step: "Make callers of {dep} fail fast (circuit breaker, short timeouts) and degrade gracefully", kind: "mitigation", type: "circuit_breaker", efficacy: 0.6, when: "dependency" },
      { step: "Fix the root cause in {dep} and add a fallback path for its callers", kind: "fix", type: "fallback", efficacy: 0.5, when: "dependency" },
      { step: "Verify {dep} is healthy and errors in {service} stop", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "llm_quality_regression",
    category: "dependency/external",
    title: "LLM responses degraded (inaccurate output)",
    explanation: "The model behind the feature returns wrong or low-quality answers (a model/prompt change, a provider regression, or poisoned cached responses); nothing errors, so detection relies on evaluations and user reports.",
    base: 0.5,
    logs: [
      { re: /hallucinat\w*|inaccurate (response|answer|summar\w*|output)|wrong (answer|summary|response|output)|incorrect (answer|summary|response|output)|low[- ]quality (response|output|answer)|(model|llm|ai) (output|quality|answers?)\b.{0,20}(degraded|regress\w*|wrong|worse)|eval(uation)? score\b.{0,20}(drop|fell|regress)|relevance score\b.{0,20}(drop|fell)|nonsens\w* (answers|output)|garbled (output|text)/i, w: 0.8, label: "bad model output" },
    ],
    metrics: [
      { re: /(eval|quality|accuracy|relevance|faithfulness|groundedness)\w*(_score|_rate)?$/, dir: "down", w: 0.8 },
      { re: /thumbs_down|negative_feedback|user_reports/, dir: "up", w: 0.6 },
    ],
    flagWeight: 0.3,
    actions: [
      { step: "Clear the response cache so bad answers stop being served", kind: "mitigation", type: "clear_cache", efficacy: 0.6 },
      { step: "Pin the previous model/prompt version (or switch provider) for the feature", kind: "mitigation", type: "rollback", efficacy: 0.7 },
      { step: "Add evaluation gates on model/prompt changes and sample outputs continuously", kind: "fix", type: "investigate", efficacy: 0.5 },
      { step: "Verify evaluation scores and user feedback return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── network ──────────────────────────────────────────────────────────────────────────────────
  {
    cause: "dns_failure",
    category: "network",
    title: "DNS resolution failing",
    explanation: "Names do not resolve (resolver down or overloaded, a deleted record, a bad search path), so connections to the affected hosts fail before they start.",
    base: 0.55,
    logs: [
      { re: /getaddrinfo (ENOTFOUND|EAI_AGAIN)|\bENOTFOUND\b|NXDOMAIN|SERVFAIL|Temporary failure in name resolution|Name or service not known|no such host|UnknownHostException|could not resolve host|(dns|name) (resolution|lookup)\b.{0,20}(failed|error|timeout|timed out)|nodename nor servname|\bEAI_AGAIN\b|lookup \S+ on \S+: (server misbehaving|no such host|i\/o timeout)/i, w: 0.9, label: "DNS failure" },
    ],
    text: [{ re: /\bdns\b/i, w: 0.55, label: "DNS mentioned" }],
    metrics: [{ re: /dns\w*_(errors?|failures?|latency|timeouts?)|nxdomain|servfail/, dir: "up", w: 0.85 }],
    deployKeywords: /dns|host|endpoint|address|url|service name/i,
    actions: [
      { step: "Check the resolvers (CoreDNS/kube-dns pods, VPC resolver) and restart or scale them", kind: "mitigation", type: "restart", efficacy: 0.6 },
      { step: "Restore the missing/changed DNS record or revert the endpoint change", kind: "fix", type: "config_change", efficacy: 0.7 },
      { step: "Verify the hostnames resolve from inside {service}'s pods", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "network_connectivity",
    category: "network",
    title: "Network connectivity problems (resets, timeouts, packet loss)",
    explanation: "Connections are reset or time out between hosts — packet loss, a saturated link, a security-group or network-policy change, or a partition.",
    base: 0.55,
    logs: [
      { re: /connection reset( by peer)?|ECONNRESET|broken pipe|\bEPIPE\b|no route to host|EHOSTUNREACH|ENETUNREACH|network is unreachable|host (is )?unreachable|packet loss|packets? (dropped|lost)|i\/o timeout|connect(ion)? timed out|TLS handshake timeout|socket hang up|network partition|split[- ]brain|upstream prematurely closed|connection (aborted|closed) by (peer|remote)|MTU|retransmi|nf_conntrack: table full|dropping packet/i, w: 0.7, label: "network error" },
    ],
    text: [{ re: /\bnetwork\b|packet loss|connectivity|firewall|security group|network polic|partition/i, w: 0.5, label: "network reported" }],
    metrics: [{ re: /packet_loss|packets_dropped|retransmi|tcp_(errors|resets|retrans)|network_(errors|drops)|conntrack|interface_errors/, dir: "up", w: 0.85 }],
    deployKeywords: /network|firewall|security group|policy|ingress|mesh|istio|envoy|proxy|load balancer/i,
    actions: [
      { step: "Fail traffic over to a healthy zone/path if the loss is local", kind: "mitigation", type: "failover", efficacy: 0.55 },
      { step: "Revert recent network, firewall or service-mesh policy changes", kind: "fix", type: "config_change", efficacy: 0.6 },
      { step: "Check interface errors and packet loss between the hosts (mtr, tcpdump)", kind: "fix", type: "investigate", efficacy: 0.5 },
      { step: "Verify resets/timeouts stop and retransmits return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── auth / security ──────────────────────────────────────────────────────────────────────────
  {
    cause: "certificate_expiry",
    category: "auth/security",
    title: "Expired or invalid TLS certificate",
    explanation: "A certificate in the chain expired or no longer validates, so TLS handshakes fail and every call over that connection is refused.",
    base: 0.55,
    logs: [
      { re: /certificate[_ ](has[_ ])?expired|x509: certificate|CERT_HAS_EXPIRED|certificate[_ ]verify[_ ]failed|SSL certificate problem|PKIX path building failed|unable to (get local issuer|verify the first) certificate|SSLHandshakeException|ssl\b.{0,30}(expired|handshake failed)|tls: (bad certificate|failed to verify|handshake failure)|self[- ]signed certificate|certificate is not yet valid|ERR_CERT_\w+|certificate (verification|validation) failed|error issuing certificate|failed to (renew|issue|sign) certificate/i, w: 0.9, label: "certificate failure" },
    ],
    text: [{ re: /\bcert(ificate)?s?\b|\btls\b|\bssl\b/i, w: 0.5, label: "certificate mentioned" }],
    metrics: [{ re: /cert\w*_(expiry|days|seconds|validity)/, dir: "down", w: 0.8 }],
    actions: [
      { step: "Renew and deploy the certificate (or roll back to the valid chain)", kind: "mitigation", type: "renew_certificate", efficacy: 0.9 },
      { step: "Automate renewal (cert-manager/ACME) and alert 30 days before expiry", kind: "fix", type: "config_change", efficacy: 0.6 },
      { step: "Verify the handshake succeeds (openssl s_client) and errors stop", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "auth_failure",
    category: "auth/security",
    title: "Authentication/authorization failures",
    explanation: "Credentials, tokens or keys are rejected — expired or rotated secrets, a broken identity provider, or a permission change — so authenticated calls fail.",
    base: 0.55,
    logs: [
      { re: /\b401\b|Unauthorized|invalid (token|credentials|api[- ]?key|signature|client|password)|(token|jwt|session|credentials?) (has |have )?(expired|revoked)|JWT\b.{0,20}(expired|invalid|malformed)|signature verification failed|invalid_grant|invalid_client|authentication (failed|error)|password authentication failed|access denied|AccessDenied|\b403\b|\bForbidden\b|not authori[sz]ed|InvalidAccessKeyId|SignatureDoesNotMatch|ExpiredToken|UnrecognizedClientException|secret (rotated|expired)|key rotation/i, w: 0.8, label: "auth failure" },
    ],
    text: [{ re: /\b(auth|login|sign[- ]?in|sso|oauth|credentials?|tokens?|api keys?)\b/i, w: 0.45, label: "auth mentioned" }],
    metrics: [{ re: /(auth|login|signin)\w*_(fail|error)|(^|_)(401|403)(_|$)|unauthori[sz]ed/, dir: "up", w: 0.8 }],
    deployKeywords: /auth|token|secret|key|credential|oauth|sso|permission|role|iam/i,
    actions: [
      { step: "Restore valid credentials: roll back the secret/key rotation or update {service} with the new secret", kind: "mitigation", type: "rotate_credentials", efficacy: 0.75 },
      { step: "Check the identity provider's health and the service account's permissions", kind: "fix", type: "investigate", efficacy: 0.5 },
      { step: "Verify authenticated requests succeed and 401/403 rates return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "security_attack",
    category: "auth/security",
    title: "Malicious traffic (brute force / abuse) against {service}",
    explanation: "Traffic patterns point to an attack: many failed logins, credential stuffing, injection attempts or abusive clients.",
    base: 0.55,
    logs: [
      { re: /brute[- ]force|credential stuffing|failed (login|password|authentication) attempts?|Failed password for|many failed logins|suspicious (login|activity|traffic|requests)|SQL injection|\bXSS\b|WAF\b.{0,20}(block|rule|match)|malicious|\battack\b|intrusion|unauthori[sz]ed access|data (breach|exfiltration)|leaked (key|secret|credential)|compromised|bot (attack|traffic)|scraping/i, w: 0.85, label: "attack indicators" },
    ],
    metrics: [{ re: /failed_logins?|waf_blocks?|blocked_requests|suspicious/, dir: "up", w: 0.8 }],
    actions: [
      { step: "Block the offending IPs/ASNs or enable a WAF challenge for the targeted endpoints", kind: "mitigation", type: "block_traffic", efficacy: 0.75 },
      { step: "Apply strict rate limits on login/auth endpoints", kind: "mitigation", type: "rate_limit", efficacy: 0.7 },
      { step: "Rotate any credentials that may be exposed and review access logs with security", kind: "fix", type: "rotate_credentials", efficacy: 0.6 },
      { step: "Verify failed-login and blocked-request rates return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── disk ─────────────────────────────────────────────────────────────────────────────────────
  {
    cause: "disk_full",
    category: "disk",
    title: "Disk full on {service}'s host/volume",
    explanation: "The volume ran out of space (or inodes) — usually logs, temp files or data growth — so writes fail and the service or database stops accepting work.",
    base: 0.6,
    logs: [
      { re: /No space left on device|ENOSPC|disk (is )?(full|quota exceeded|space (low|exhausted))|(disk|volume|filesystem|partition|storage)\b.{0,30}\b(9[0-9]|100) ?%|out of disk|could not (extend|write to) (file|relation)|write failed\b.{0,30}space|DiskPressure|insufficient (disk|storage)|filesystem (is )?full|inodes? (exhausted|full)|EDQUOT|database or disk is full|low disk space|low on resource: ephemeral-storage|Insufficient ephemeral-storage|reclaim ephemeral-storage/i, w: 0.9, label: "disk full" },
    ],
    text: [{ re: /\bdisk\b|\bvolume\b|\bstorage\b|filesystem/i, w: 0.45, label: "disk mentioned" }],
    metrics: [
      { re: /disk|filesystem|fs_(used|usage)|volume_(used|usage)|inode|storage_(used|usage)/, not: /free|avail|health|io|latency|read|write/, dir: "up", w: 0.9 },
      { re: /(disk|fs|volume|storage)\w*_(free|avail\w*|health)/, dir: "down", w: 0.85 },
    ],
    actions: [
      { step: "Free space now: delete/compress old logs and temp files on the full volume", kind: "mitigation", type: "cleanup_disk", efficacy: 0.8 },
      { step: "Expand the volume if the growth is legitimate data", kind: "mitigation", type: "expand_capacity", efficacy: 0.7 },
      { step: "Add log rotation/retention and alert at 80 % usage", kind: "fix", type: "config_change", efficacy: 0.6 },
      { step: "Verify free space stays above 20 % and writes succeed", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "disk_io_saturation",
    category: "disk",
    title: "Disk I/O saturated or failing",
    explanation: "Storage cannot keep up (I/O wait, throttled IOPS, a failing device), so every read/write is slow or errors.",
    base: 0.6,
    logs: [
      { re: /I\/O error|\biowait\b|disk (latency|slow|io)|\bEIO\b|read-only file system|Input\/output error|fsync\b.{0,20}(slow|took)|IOPS (limit|throttl)|burst balance|I\/O \d+ QID \d+ timeout|blocked for more than \d+ seconds|hung_task|Page cleaner took \d+ ?ms|page_cleaner: \d+ ?ms intended loop took/i, w: 0.75, label: "disk I/O" },
    ],
    metrics: [{ re: /iowait|disk_(io|await|latency|queue)|io_util|iops/, dir: "up", w: 0.8 }],
    actions: [
      { step: "Move hot load off the device or fail over to a healthy replica", kind: "mitigation", type: "failover", efficacy: 0.5 },
      { step: "Raise provisioned IOPS / replace the failing device", kind: "fix", type: "expand_capacity", efficacy: 0.6 },
      { step: "Verify I/O wait and disk latency return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── cache ────────────────────────────────────────────────────────────────────────────────────
  {
    cause: "cache_failure",
    category: "cache",
    title: "Cache unavailable; requests fall through to the backing store",
    explanation: "The cache is down, unreachable or was flushed, so hit ratio collapses and every request hits the slower backend (its load multiplies) and latency rises.",
    base: 0.6,
    logs: [
      { re: /\b(redis|ioredis|jedis|lettuce|memcached?|valkey|cache|elasticache)\b.{0,60}(connection refused|ECONNREFUSED|timeout|timed out|unavailable|down|connection (lost|reset|closed)|error|failed|unreachable|no connection is (active|available))|(unable|not able|wasn't able|could not|can't|cannot) (to )?connect to (the )?(redis|valkey|memcached?|cache)|ECONNREFUSED\s+\S*:(6379|11211)|:(6379|11211)\b.{0,30}(refused|timeout)|READONLY You can't write|LOADING Redis is loading|CLUSTERDOWN|cache (miss(es)?|misses) (spike|storm|rate|surge)|cache (is )?(cold|empty|flushed|disabled)|cache stampede|thundering herd/i, w: 0.8, label: "cache failure" },
    ],
    text: [{ re: /\bcache\b|\bredis\b|memcache|valkey/i, w: 0.5, label: "cache mentioned" }],
    metrics: [
      { re: /cache_hit|hit_(ratio|rate)/, dir: "down", w: 0.85 },
      { re: /cache_miss|miss_(ratio|rate)/, dir: "up", w: 0.75 },
      { re: /(redis|cache|memcache|valkey)\w*_(errors?|timeouts?|failures?)/, dir: "up", w: 0.75 },
      { re: /(redis|cache|valkey)\w*_(up|available|health)/, dir: "down", w: 0.7 },
      { re: /(redis|cache|memcache|valkey)\w*_(duration|latency|response_time)/, dir: "up", w: 0.7 },
      { re: /(db|database|catalog|backend|origin)\w*_(load|queries|qps|requests)/, dir: "up", w: 0.35 },
    ],
    deployKeywords: /cache|redis|ttl|key|memcache/i,
    actions: [
      { step: "Restore the cache (restart/fail over the cache node) and warm hot keys", kind: "mitigation", type: "restart", efficacy: 0.7 },
      { step: "Rate-limit or shed load on the backing store while the cache is cold", kind: "mitigation", type: "rate_limit", efficacy: 0.5 },
      { step: "Add request coalescing / stale-while-revalidate so a cache loss cannot stampede the backend", kind: "fix", type: "fallback", efficacy: 0.5 },
      { step: "Verify cache hit ratio and backend load return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "cache_memory_full",
    category: "cache",
    title: "Cache out of memory (maxmemory reached)",
    explanation: "The cache reached maxmemory; with noeviction it rejects writes (OOM command not allowed), otherwise it evicts hot keys and hit ratio drops.",
    base: 0.6,
    logs: [
      { re: /OOM command not allowed|used_memory\b.{0,40}maxmemory|\bmaxmemory\b|evicted[_ ]keys|evict(ing|ed)? (\d+ )?keys|keys? (were |was )?evicted|eviction polic|noeviction|cache (is )?full|\b(redis|cache|memcache\w*|valkey)\b.{0,20}(memory|mem)\b.{0,20}(usage|full|at|high|\d+ ?%)/i, w: 0.9, label: "cache memory full" },
    ],
    metrics: [
      { re: /(redis|cache|memcache|valkey)\w*_(memory|mem|used)|used_memory|evict/, dir: "up", w: 0.85 },
      { re: /(redis|cache|valkey)\w*_health/, dir: "down", w: 0.75 },
    ],
    actions: [
      { step: "Free cache memory: flush expendable keys (or the whole cache if it only holds derived data)", kind: "mitigation", type: "clear_cache", efficacy: 0.8 },
      { step: "Set an eviction policy (allkeys-lru) and TTLs on keys, or raise maxmemory", kind: "fix", type: "config_change", efficacy: 0.7 },
      { step: "Verify used memory stays below 80 % of maxmemory and writes succeed", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── queue / backlog ──────────────────────────────────────────────────────────────────────────
  {
    cause: "queue_backlog",
    category: "queue/backlog",
    title: "Consumers falling behind; queue backlog growing",
    explanation: "Messages arrive faster than consumers process them (slow or crashed consumers, a poison message, a rebalance storm), so lag and end-to-end delay grow.",
    base: 0.6,
    logs: [
      { re: /consumer lag|\blag\b.{0,20}(growing|increasing|high|exceed)|\bbacklog\b|queue (depth|size|length)\b.{0,20}(growing|high|exceed)|messages? (piling|pending|stuck|unacked|backing up)|offset lag|CommitFailedException|rebalanc(e|ing)|dead[- ]letter|\bDLQ\b|RecordTooLargeException|max\.poll\.interval|poll timeout|visibility timeout|queue (is )?full|processing delay|poison (message|pill)/i, w: 0.8, label: "backlog" },
    ],
    text: [{ re: /\bqueue\b|\bkafka\b|\blag\b|backlog|consumer|rabbitmq|\bsqs\b|pub\/?sub/i, w: 0.5, label: "queue mentioned" }],
    metrics: [
      { re: /(^|_)lag(_|$)|backlog|queue_(depth|size|length)|messages_(ready|pending|unacked|waiting)|pending_messages|consumer_lag|dlq|dead_letter|oldest_message_age/, not: /thread_pool|replication|request|event_?loop/, dir: "up", w: 0.85 },
      { re: /(consume|process)\w*_(rate|throughput)|messages_consumed/, dir: "down", w: 0.6 },
    ],
    actions: [
      { step: "Scale the consumer group out (up to the partition count)", kind: "mitigation", type: "scale", efficacy: 0.7 },
      { step: "Restart stuck consumers; move poison messages to a dead-letter queue", kind: "mitigation", type: "restart", efficacy: 0.55 },
      { step: "Find why consumption slowed (downstream latency, errors, rebalances) and fix it", kind: "fix", type: "investigate", efficacy: 0.6 },
      { step: "Verify lag is shrinking and end-to-end delay is back under target", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "message_broker_failure",
    category: "queue/backlog",
    title: "Message broker unavailable",
    explanation: "The broker (Kafka, RabbitMQ, NATS…) is down or has lost partition leaders, so producers cannot publish and consumers stall.",
    base: 0.6,
    logs: [
      { re: /broker(s)?\b.{0,20}(may not be available|not available|down|unreachable)|NotLeaderForPartition|LEADER_NOT_AVAILABLE|NOT_ENOUGH_REPLICAS|\b(kafka|rabbitmq|amqp|nats|pulsar|kinesis|sqs)\b.{0,40}(unavailable|down|disconnected|timeout|timed out|refused|blocked)|connection to node -?\d+ (could not be established|terminated)|channel (closed|error)|ISR (shrink|shrunk)|not_?enough_?replicas|Stopping serving replicas|LogDirFailure|(memory|disk) resource limit alarm|Publishers will be blocked|connection\.?blocked/i, w: 0.85, label: "broker failure" },
    ],
    metrics: [
      { re: /under_replicated|offline_partitions|broker_(down|unavailable)|isr_shrink/, dir: "up", w: 0.85 },
      { re: /brokers?_(up|online|available)/, dir: "down", w: 0.8 },
    ],
    actions: [
      { step: "Restore the broker nodes (restart failed brokers, check disk) and let leaders re-elect", kind: "mitigation", type: "restart", efficacy: 0.65 },
      { step: "Buffer producers locally / enable retries so messages are not lost meanwhile", kind: "mitigation", type: "fallback", efficacy: 0.5 },
      { step: "Verify under-replicated partitions are zero and producers/consumers recover", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  // ── latency (generic) ────────────────────────────────────────────────────────────────────────
  {
    cause: "latency_degradation",
    category: "latency",
    title: "Latency degradation in {service}",
    explanation:
      "Responses are much slower than usual without a clear saturated resource among the signals; the slow component sits on the request path (a dependency, a hot path, or contention).",
    base: 0.65,
    logs: [
      { re: /(high|increased|elevated|spike in|slow) (latency|response times?)|latency (spike|increase|regression|degraded|high)|p9[59] (latency )?(is |at |of |jumped|spiked|increased)|slow (responses?|requests?|page loads?|endpoints?|image|assets?|loads?)|request(s)? (taking|took) \d|deadline exceeded|DEADLINE_EXCEEDED|timed out after \d|took \d{4,} ?ms|exceeded (the )?(\d+ ?m?s )?(sla|slo|latency budget)/i, w: 0.6, label: "slow responses" },
    ],
    text: [{ re: /\bslow(ness|er|ly)?\b|sluggish|laggy|taking (too )?long|latency|timeouts?\b/i, w: 0.45, label: "slowness reported" }],
    metrics: [
      { re: /latency|duration|response_time|p9[59]|p50|ttfb|load_time/, not: new RegExp(String.raw`db|database|query|sql|external|upstream|third_party|api_call|gc|(^|_)${VENDORS}`), dir: "up", w: 0.7 },
      { re: /apdex|sli|slo/, dir: "down", w: 0.5 },
    ],
    actions: [
      { step: "Shift or shed load from {service} (scale out, enable caching of hot responses)", kind: "mitigation", type: "scale", efficacy: 0.5 },
      { step: "Trace slow requests end to end to find the slow span and fix that component", kind: "fix", type: "investigate", efficacy: 0.6 },
      { step: "Roll back {version} if latency rose with it", kind: "mitigation", type: "rollback", efficacy: 0.6, when: "deploy" },
      { step: "Verify p95/p99 latency return to baseline", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
  {
    cause: "clock_skew",
    category: "other",
    title: "Clock skew between hosts",
    explanation: "Host clocks drifted (NTP broken), so time-bound tokens, certificates and ordering checks fail intermittently.",
    base: 0.5,
    logs: [{ re: /clock skew|time (drift|skew)|\bNTP\b|chrony|token used before issued|iat\b.{0,20}future|not yet valid\b.{0,20}(clock|time)|system clock/i, w: 0.85, label: "clock skew" }],
    metrics: [{ re: /clock_(offset|skew|drift)|ntp_offset/, dir: "up", w: 0.85 }],
    actions: [
      { step: "Resynchronise clocks (restart chrony/ntpd) on the skewed hosts", kind: "mitigation", type: "restart", efficacy: 0.8 },
      { step: "Fix NTP configuration and alert on offset above 100 ms", kind: "fix", type: "config_change", efficacy: 0.6 },
      { step: "Verify clock offsets are back under 100 ms and token errors stop", kind: "verification", type: "verify", efficacy: 0.9 },
    ],
  },
];

export function modeByCause(cause: string): FailureMode | undefined {
  return failureModes.find((m) => m.cause === cause);
}
