/**
 * How failures cause one another, as data. Each link says that one failure mode produces another and
 * by what mechanism — knowledge of how databases, caches, brokers, runtimes, proxies, the kernel and
 * Kubernetes really fail — so the engine can tell a cause from the symptoms it produces. The code that
 * applies them (causal.ts) knows nothing of any particular failure.
 */

export type CausalLink = {
  /** The failure mode that causes (a `cause` id of the knowledge base). */
  from: string;
  /** The failure mode it produces. */
  to: string;
  /** How, in one sentence an on-call engineer would say. */
  mechanism: string;
  /** Signals that show the mechanism at work; when given, one must be present. */
  signs?: { logs?: RegExp; metrics?: RegExp; label: string };
  /** The effect's own evidence must read like this (e.g. the CPU that saturates is the database's). */
  effect?: RegExp;
  /** Cause and effect must be read from the same log line (the specific error explains the generic one). */
  sameEvent?: boolean;
};

const RETRIES = { logs: /\bretr(y|ying|ied|ies)\b|attempt \d+ ?(of|\/) ?\d+|backoff|re-?sending/i, metrics: /retr(y|ies)|outbound|egress|client_requests|upstream_rq/, label: "retries" };
const GC = { logs: /\bGC\b|garbage|Pause (Full|Young|Remark)|mark-(sweep|compact)|allocation failure|to-space exhausted/i, metrics: /(^|_)gc(_|$)|garbage|heap/, label: "garbage collection" };
const REBALANCE = { logs: /rebalanc|join(ing)? (the )?group|revok\w* (previously )?assigned|LeaveGroup|partitions? (revoked|lost)/i, label: "consumer-group rebalances" };
const DATABASE_METRIC = /(^|_)(db|database|sql|postgres\w*|pg|mysql|mariadb|mongo\w*|rds)(_|$)/;
const BROKER = /rabbit|broker|amqp|kafka|queue|\bmq\b|nats|pulsar/i;

export const causalLinks: CausalLink[] = [
  // memory
  { from: "memory_leak", to: "gc_pressure", mechanism: "the live heap keeps growing, so the collector runs back-to-back full collections" },
  { from: "memory_leak", to: "cpu_saturation", mechanism: "with the heap nearly full the garbage collector runs constantly, and that is what burns the CPU", signs: GC },
  { from: "gc_pressure", to: "cpu_saturation", mechanism: "collections run back to back and burn the CPU", signs: GC },
  { from: "gc_pressure", to: "latency_degradation", mechanism: "requests stall during stop-the-world pauses" },
  { from: "memory_leak", to: "latency_degradation", mechanism: "GC pauses and restarts slow requests as memory runs out" },
  { from: "memory_leak", to: "deployment_issue", mechanism: "the process is OOM-killed and restarted, which looks like a crash loop", effect: /OOM|137|134|restart|Back-off|terminated/i },
  { from: "memory_leak", to: "queue_backlog", mechanism: "each OOM kill takes a consumer out of its group; the rebalances stop consumption and lag grows", signs: REBALANCE },
  { from: "memory_leak", to: "internal_dependency_failure", mechanism: "instances are OOM-killed and refuse connections while they restart, so their callers see failures" },
  // databases
  { from: "database_locking", to: "database_performance", mechanism: "statements queue behind the transaction holding the lock, run long and hit the statement timeout" },
  { from: "database_locking", to: "latency_degradation", mechanism: "requests wait in the lock queue" },
  { from: "database_locking", to: "connection_pool_exhaustion", mechanism: "sessions waiting on locks keep their connections, so the pool runs dry" },
  { from: "database_locking", to: "queue_backlog", mechanism: "the consumer's writes wait on the locks and fail, so consumption stalls and lag grows" },
  { from: "database_locking", to: "replication_lag", mechanism: "the replica applies changes behind the same locks and falls behind" },
  { from: "database_performance", to: "connection_pool_exhaustion", mechanism: "slow queries hold their connections longer, so the pool runs dry" },
  { from: "database_performance", to: "cpu_saturation", mechanism: "the query load burns the database's CPU", effect: DATABASE_METRIC },
  { from: "database_performance", to: "latency_degradation", mechanism: "requests wait on slow queries" },
  { from: "database_performance", to: "queue_backlog", mechanism: "consumers wait on slow queries, so consumption falls behind" },
  { from: "database_performance", to: "internal_dependency_failure", mechanism: "the service waiting on its database times out for its callers" },
  { from: "table_bloat", to: "database_performance", mechanism: "scans read mostly dead tuples, so queries slow down" },
  { from: "connection_pool_exhaustion", to: "latency_degradation", mechanism: "requests wait for a free connection" },
  { from: "connection_pool_exhaustion", to: "internal_dependency_failure", mechanism: "the service cannot get a database connection and fails its callers" },
  { from: "connection_pool_exhaustion", to: "external_dependency_failure", mechanism: "requests waiting for a connection time out, and callers and proxies report the service as failing" },
  // caches
  { from: "cache_memory_full", to: "cache_failure", mechanism: "at maxmemory the cache evicts keys, so lookups miss" },
  { from: "cache_memory_full", to: "database_performance", mechanism: "evicted keys are read again from the database, whose load and query times climb" },
  { from: "cache_failure", to: "database_performance", mechanism: "every miss falls through to the database; the extra load slows its queries" },
  { from: "cache_failure", to: "cpu_saturation", mechanism: "the load that falls through the cache burns the database's CPU", effect: DATABASE_METRIC },
  { from: "cache_failure", to: "latency_degradation", mechanism: "requests wait on the slower backing store" },
  { from: "cache_failure", to: "internal_dependency_failure", mechanism: "the service cannot read its store and fails its callers" },
  // storage
  { from: "disk_full", to: "database_unavailable", mechanism: "the database cannot write its WAL or data files, so it stops or panics and restarts" },
  { from: "disk_full", to: "message_broker_failure", mechanism: "the broker cannot append to its log directory and stops serving those partitions" },
  { from: "disk_full", to: "node_failure", mechanism: "the kubelet evicts pods when the node runs low on storage" },
  { from: "disk_full", to: "deployment_issue", mechanism: "the process fails writing to the full volume, is killed or evicted, and restarts" },
  { from: "disk_full", to: "internal_dependency_failure", mechanism: "the service fails on writes and its callers see errors" },
  { from: "disk_io_saturation", to: "database_performance", mechanism: "every read and write waits for the saturated disk, so even simple queries are slow" },
  { from: "disk_io_saturation", to: "latency_degradation", mechanism: "requests wait on disk I/O" },
  { from: "disk_io_saturation", to: "replication_lag", mechanism: "the replica cannot apply changes as fast as they arrive" },
  // network, names, certificates, credentials
  { from: "dns_failure", to: "external_dependency_failure", mechanism: "names do not resolve, so calls fail before they are sent" },
  { from: "dns_failure", to: "internal_dependency_failure", mechanism: "service names do not resolve, so calls fail before they are sent" },
  { from: "dns_failure", to: "database_unavailable", mechanism: "the database's name does not resolve, so no connection opens" },
  { from: "dns_failure", to: "cache_failure", mechanism: "the cache's name does not resolve, so no connection opens" },
  { from: "dns_failure", to: "message_broker_failure", mechanism: "the brokers' names do not resolve" },
  { from: "dns_failure", to: "network_connectivity", mechanism: "the resolver's own lookups time out", sameEvent: true },
  { from: "network_connectivity", to: "external_dependency_failure", mechanism: "packets are dropped or blocked, so connections to the upstream time out" },
  { from: "network_connectivity", to: "internal_dependency_failure", mechanism: "packets are dropped or blocked, so calls to the dependency time out" },
  { from: "network_connectivity", to: "database_unavailable", mechanism: "connections to the database time out in the network, not in the database" },
  { from: "network_connectivity", to: "cache_failure", mechanism: "connections to the cache time out in the network" },
  { from: "network_connectivity", to: "message_broker_failure", mechanism: "connections to the brokers time out in the network" },
  { from: "network_connectivity", to: "latency_degradation", mechanism: "retransmissions and timeouts slow requests" },
  { from: "certificate_expiry", to: "external_dependency_failure", mechanism: "TLS handshakes fail, so every call over the connection errors" },
  { from: "certificate_expiry", to: "internal_dependency_failure", mechanism: "mutual-TLS handshakes fail, so calls between the services error" },
  { from: "auth_failure", to: "database_unavailable", mechanism: "the database rejects the login, so no connection opens" },
  { from: "auth_failure", to: "external_dependency_failure", mechanism: "the provider rejects the credentials, so calls fail" },
  { from: "auth_failure", to: "internal_dependency_failure", mechanism: "the dependency rejects the credentials, so calls fail" },
  { from: "upstream_rate_limit", to: "auth_failure", mechanism: "the provider answers 403 when the rate limit is exhausted", sameEvent: true },
  { from: "upstream_rate_limit", to: "external_dependency_failure", mechanism: "the provider rejects calls over the limit" },
  // load and CPU
  { from: "traffic_surge", to: "cpu_saturation", mechanism: "demand beyond capacity saturates the CPU" },
  { from: "traffic_surge", to: "latency_degradation", mechanism: "requests queue for workers" },
  { from: "traffic_surge", to: "connection_pool_exhaustion", mechanism: "more concurrent requests than connections" },
  { from: "traffic_surge", to: "resource_exhaustion", mechanism: "more concurrent work than threads, files or ports" },
  { from: "traffic_surge", to: "internal_dependency_failure", mechanism: "overloaded instances time out for their callers" },
  { from: "traffic_surge", to: "external_dependency_failure", mechanism: "overloaded instances time out, and proxies report them as failing" },
  { from: "traffic_surge", to: "queue_backlog", mechanism: "messages arrive faster than consumers can take them" },
  { from: "cpu_saturation", to: "latency_degradation", mechanism: "requests wait for CPU" },
  { from: "cpu_saturation", to: "cache_failure", mechanism: "the starved process cannot read replies in time, so its client times out though the cache is healthy", effect: /time(d)? ?out/i },
  { from: "cpu_saturation", to: "deployment_issue", mechanism: "liveness probes time out on the starved process, so it is killed and restarted", signs: { logs: /probe failed|liveness/i, label: "failed probes" } },
  { from: "cpu_saturation", to: "internal_dependency_failure", mechanism: "the CPU-starved service times out for its callers" },
  { from: "external_dependency_failure", to: "cpu_saturation", mechanism: "calls to the slow provider are retried; the retries multiply outbound requests and the extra work burns CPU", signs: RETRIES },
  { from: "external_dependency_failure", to: "traffic_surge", mechanism: "retries multiply the request rate without any more users", signs: RETRIES },
  { from: "external_dependency_failure", to: "resource_exhaustion", mechanism: "workers blocked on the slow provider exhaust the thread pool" },
  { from: "external_dependency_failure", to: "latency_degradation", mechanism: "requests wait for the slow provider" },
  { from: "external_dependency_failure", to: "queue_backlog", mechanism: "consumers wait for the slow provider, so consumption falls behind" },
  { from: "resource_exhaustion", to: "external_dependency_failure", mechanism: "no sockets or threads are left for outbound calls, so they fail" },
  { from: "resource_exhaustion", to: "internal_dependency_failure", mechanism: "no sockets or threads are left, so calls fail" },
  { from: "node_failure", to: "internal_dependency_failure", mechanism: "pods on the lost nodes are gone until they reschedule" },
  // queues and brokers
  { from: "queue_backlog", to: "memory_leak", mechanism: "unconsumed messages pile up in the broker's memory until it raises its memory alarm", effect: BROKER },
  { from: "queue_backlog", to: "message_broker_failure", mechanism: "the broker blocks publishers when the backlog exhausts its memory or disk" },
  { from: "message_broker_failure", to: "queue_backlog", mechanism: "consumers and producers stall while the broker is unavailable" },
  // releases and settings
  { from: "deployment_issue", to: "queue_backlog", mechanism: "the new consumer crashes on every message, so nothing is consumed and the queue grows" },
  { from: "deployment_issue", to: "internal_dependency_failure", mechanism: "callers fail while the new version crashes" },
  { from: "deployment_issue", to: "external_dependency_failure", mechanism: "proxies report the crashing service as failing" },
  { from: "deployment_issue", to: "latency_degradation", mechanism: "fewer healthy instances serve the load" },
  { from: "configuration_error", to: "deployment_issue", mechanism: "the service fails at start-up with the bad setting, so its pods crash" },
  { from: "schema_migration_mismatch", to: "deployment_issue", mechanism: "the new code fails on the schema it expects" },
];

/**
 * Kinds of change and what they are known to break. A change that falls in the window before the
 * first anomaly and matches a kind explains the failures it produces; the blame goes to `blame`.
 */
export type ChangeKind = {
  id: string;
  /** Read in the change's description. */
  match: RegExp;
  /** Only a lowered limit (a number that went down) or a raised one. */
  direction?: "down" | "up";
  /** Which kinds of change (signals.ts `SignalChange.kind`) it applies to; all when absent. */
  kinds?: string[];
  produces: string[];
  blame: string;
  mechanism: string;
  /** How long before the first anomaly the change can still be its trigger (minutes). */
  window: number;
};

export const changeKinds: ChangeKind[] = [
  {
    id: "limit_lowered",
    match: /pool|conn|max|limit|quota|concurren|capacity|replica|thread|worker|memory|size|request|rate|timeout|cpu|slot|queue/i,
    direction: "down",
    produces: [
      "connection_pool_exhaustion",
      "traffic_surge",
      "resource_exhaustion",
      "cache_memory_full",
      "cache_failure",
      "memory_leak",
      "cpu_saturation",
      "queue_backlog",
      "internal_dependency_failure",
      "external_dependency_failure",
      "latency_degradation",
      "database_performance",
    ],
    blame: "configuration_error",
    mechanism: "the lowered limit is reached at normal load, so work beyond it queues, times out or is rejected",
    window: 360,
  },
  {
    id: "health_check",
    match: /health ?check|healthz|\/health|probe|httpchk|readiness|liveness/i,
    produces: ["internal_dependency_failure", "external_dependency_failure", "deployment_issue", "node_failure"],
    blame: "configuration_error",
    mechanism: "healthy instances fail the changed check and are taken out of rotation",
    window: 240,
  },
  {
    id: "network_policy",
    match: /network ?polic|firewall|security ?group|\bacls?\b|iptables|egress|ingress rule|\bdeny\b|allow-?list|route ?table|peering|\bmtu\b/i,
    produces: ["network_connectivity", "internal_dependency_failure", "external_dependency_failure", "database_unavailable", "cache_failure", "message_broker_failure", "dns_failure"],
    blame: "network_connectivity",
    mechanism: "the new rule drops traffic on a path the service uses, so its connections time out",
    window: 360,
  },
  {
    id: "dns",
    match: /\bdns\b|\bzone\b|\brecords?\b|route ?53|resolver|coredns|nameserver|cname/i,
    produces: ["dns_failure", "internal_dependency_failure", "external_dependency_failure", "database_unavailable"],
    blame: "dns_failure",
    mechanism: "names the service uses no longer resolve",
    window: 720,
  },
  {
    id: "log_volume",
    match: /log[_ ]?level|\bdebug\b|verbose|\btrace\b logging|log sampling/i,
    produces: ["disk_full", "cpu_saturation", "latency_degradation"],
    blame: "configuration_error",
    mechanism: "more verbose logging multiplies the log volume, which fills the disk and costs CPU",
    window: 720,
  },
  {
    id: "credentials",
    match: /rotat|secret|password|credential|api ?key|token|certificate|\bcert\b|jwks|signing key|service account|iam/i,
    produces: ["auth_failure", "certificate_expiry", "database_unavailable", "external_dependency_failure", "internal_dependency_failure"],
    blame: "auth_failure",
    mechanism: "clients still present the old credentials, which are now rejected",
    window: 720,
  },
];

/**
 * Lines that software prints routinely and that do not indicate the failure at hand. They are never
 * read as evidence; at WARNING and above they are named as considered and dismissed.
 */
export const benignLines: { re: RegExp; label: string }[] = [
  { re: /overcommit_memory is set to 0|Memory overcommit must be enabled/i, label: "Redis start-up advice about vm.overcommit_memory" },
  { re: /TCP backlog setting of \d+ cannot be enforced/i, label: "Redis start-up advice about somaxconn" },
  { re: /Transparent Huge Pages \(THP\) support enabled/i, label: "Redis start-up advice about transparent huge pages" },
  { re: /Background saving (started|terminated with success)|DB saved on disk|\d+ changes in \d+ seconds\. Saving/i, label: "a routine Redis snapshot" },
  { re: /checkpoint (starting|complete)/i, label: "a routine PostgreSQL checkpoint" },
  { re: /automatic (vacuum|analyze) of table/i, label: "routine PostgreSQL autovacuum" },
  { re: /IP address '[^']+' could not be resolved|\[MY-010055\]/i, label: "MySQL reverse-DNS warning (skip-name-resolve is off)" },
  { re: /illegal reflective access/i, label: "a JVM illegal-reflective-access warning" },
  { re: /\b(DeprecationWarning|ExperimentalWarning)\b/, label: "a Node.js deprecation warning" },
  { re: /http: TLS handshake error from [^ ]+: EOF/i, label: "a load balancer's TCP health check closing the connection" },
  { re: /an upstream response is buffered to a temporary file/i, label: "an nginx buffering notice" },
  { re: /(certificate|cert)\b.{0,60}\bexpires in (\d{2,}|[8-9]) days/i, label: "a certificate that has not expired yet" },
];

/** Failure modes that are generic symptoms: a more specific hypothesis upstream or earlier explains them. */
export const genericSymptoms = new Set(["latency_degradation", "internal_dependency_failure", "external_dependency_failure"]);
