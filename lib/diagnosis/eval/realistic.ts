import { events, type EvalScenario } from "./scenarios";

/**
 * Realistic incidents that are NOT in the built-in catalog: different services, stacks and wording,
 * log lines as real systems print them. The engine never saw these while its knowledge base was
 * written against the catalog; they check that it reasons from signals rather than titles.
 */
function inc(
  id: string,
  service: string,
  title: string,
  description: string,
  rows: [string, string, string][],
  expected: EvalScenario["expected"],
  metadata: Record<string, unknown> = {},
): EvalScenario {
  return { id, source: "simulation", incident: { title, description, service, severity: "P2", metadata }, events: events(id, rows), expected };
}

export const realisticIncidents: EvalScenario[] = [
  inc("es-heap", "search-api", "search-api 503s", "Search requests failing intermittently.", [
    ["search-api", "ERROR", "[parent] Data too large, data for [<http_request>] would be [16.2gb/16gb], which is larger than the limit of [15.9gb] circuit_breaking_exception"],
    ["search-api", "ERROR", "elasticsearch: status 429 circuit_breaking_exception"],
  ], { category: "memory", causes: ["memory_leak", "gc_pressure"], actions: ["restart"] }),
  inc("node-oom", "web-bff", "web-bff pods restarting", "Pods cycling every ~20 minutes.", [
    ["web-bff", "FATAL", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"],
    ["web-bff", "WARNING", "Last state: Terminated, Reason: OOMKilled, Exit Code: 137"],
  ], { category: "memory", causes: ["memory_leak"], actions: ["restart"] }),
  inc("mysql-deadlock", "orders", "orders write failures", "Order updates failing under load.", [
    ["orders", "ERROR", "SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction"],
    ["orders", "ERROR", "Lock wait timeout exceeded; try restarting transaction"],
  ], { category: "database", causes: ["database_locking"], actions: ["kill_connections"] }),
  inc("pg-too-many", "billing", "billing cannot reach database", "Billing jobs failing.", [
    ["billing", "ERROR", "psycopg2.OperationalError: FATAL:  sorry, too many clients already"],
    ["billing", "ERROR", "sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30"],
  ], { category: "database", causes: ["connection_pool_exhaustion"], actions: ["kill_connections", "connection_pool_tuning"] }),
  inc("pg-down", "inventory", "inventory 500s", "Inventory API down.", [
    ["inventory", "ERROR", "Error: connect ECONNREFUSED 10.0.3.17:5432"],
    ["inventory", "ERROR", "could not connect to server: Connection refused. Is the server running on host \"inventory-db\" and accepting TCP/IP connections on port 5432?"],
  ], { category: "database", causes: ["database_unavailable"], actions: ["failover"] }),
  inc("dns", "notifications", "notifications not sending", "Push notifications stuck.", [
    ["notifications", "ERROR", "Error: getaddrinfo ENOTFOUND fcm.googleapis.com"],
    ["notifications", "ERROR", "dial tcp: lookup push-gateway.internal on 10.96.0.10:53: no such host"],
  ], { category: "network", causes: ["dns_failure"], actions: ["config_change", "restart"] }),
  inc("cert", "partner-gateway", "partner API calls failing", "All calls to partner bank rejected.", [
    ["partner-gateway", "ERROR", "x509: certificate has expired or is not yet valid: current time 2026-11-20T10:02:11Z is after 2026-11-19T23:59:59Z"],
  ], { category: "auth/security", causes: ["certificate_expiry"], actions: ["renew_certificate"] }),
  inc("java-pkix", "ledger", "ledger sync broken", "Nightly sync aborted.", [
    ["ledger", "ERROR", "javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target"],
  ], { category: "auth/security", causes: ["certificate_expiry"], actions: ["renew_certificate"] }),
  inc("disk-logs", "log-shipper", "log-shipper crash", "Shipper stopped forwarding logs.", [
    ["log-shipper", "ERROR", "write /var/lib/fluent-bit/buffer/tail.0/1-1700000000.flb: no space left on device"],
    ["log-shipper", "WARNING", "node condition DiskPressure=True on ip-10-0-1-12"],
  ], { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk"] }),
  inc("pg-disk", "reporting-db", "reporting database read-only", "Reports failing to save.", [
    ["reporting-db", "ERROR", "ERROR:  could not extend file \"base/16384/24576\": No space left on device"],
  ], { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk", "expand_capacity"] }),
  inc("rabbit-backlog", "emails-worker", "welcome emails delayed 40 min", "Users receive welcome emails late.", [
    ["emails-worker", "WARNING", "queue 'emails.welcome' messages_ready=48211 messages_unacknowledged=200"],
    ["emails-worker", "WARNING", "consumer prefetch saturated; processing delay 2400s"],
  ], { category: "queue/backlog", causes: ["queue_backlog"], actions: ["scale"] }, {
    metrics: [{ name: "rabbitmq_queue_messages_ready", value: 48211, baseline: 150, unit: "count" }],
  }),
  inc("kafka-broker", "order-events", "order events not published", "Producers timing out.", [
    ["order-events", "ERROR", "org.apache.kafka.common.errors.TimeoutException: Topic orders not present in metadata after 60000 ms."],
    ["order-events", "WARNING", "[Producer clientId=orders-1] Connection to node 2 (kafka-2/10.0.4.9:9092) could not be established. Broker may not be available."],
  ], { category: "queue/backlog", causes: ["message_broker_failure"], actions: ["restart"] }),
  inc("redis-oom", "session-store", "logins failing", "Users cannot log in; session writes fail.", [
    ["auth", "ERROR", "ReplyError: OOM command not allowed when used memory > 'maxmemory'. script: SET session:9f2e"],
  ], { category: "cache", causes: ["cache_memory_full"], actions: ["clear_cache"] }),
  inc("memcached-down", "catalog-web", "catalog pages slow", "Catalog page load time tripled.", [
    ["catalog-web", "WARNING", "memcached: connect to 10.0.7.2:11211 failed: Connection refused"],
  ], { category: "cache", causes: ["cache_failure"], actions: ["restart"] }, {
    metrics: [
      { name: "memcached_hit_ratio", value: 0.0, baseline: 0.95 },
      { name: "catalog_db_queries_per_second", value: 2400, baseline: 180 },
    ],
  }),
  inc("flag", "pricing", "pricing errors on checkout", "Checkout cannot compute prices.", [
    ["pricing", "ERROR", "java.lang.NullPointerException: Cannot invoke \"Discount.getRate()\" because \"tier\" is null at PricingEngineV2.apply"],
    ["pricing", "ERROR", "java.lang.NullPointerException at PricingEngineV2.apply(PricingEngineV2.java:88)"],
    ["pricing", "ERROR", "POST /price 500"],
  ], { category: "configuration", causes: ["bad_feature_flag"], actions: ["toggle_feature_flag"] }, {
    context: { feature_flags: [{ name: "pricing_engine_v2", enabled: true, minutes_ago: 6 }] },
  }),
  inc("bad-deploy", "accounts", "accounts API erroring", "Errors on profile page after release.", [
    ["accounts", "ERROR", "TypeError: Cannot read properties of undefined (reading 'preferences') at serializeUser (/app/dist/user.js:42:18)"],
    ["accounts", "ERROR", "TypeError: Cannot read properties of undefined (reading 'preferences')"],
    ["accounts", "ERROR", "GET /v1/me 500 12ms"],
  ], { category: "deployment", causes: ["deployment_issue"], actions: ["rollback"] }, {
    context: { recent_deploys: [{ version: "accounts@4.12.0", minutes_ago: 9, description: "Profile serializer refactor" }] },
  }),
  inc("imagepull", "recs-api", "recs-api rollout stuck", "New pods never become ready.", [
    ["recs-api", "WARNING", "Failed to pull image \"registry.internal/recs-api:4.2.1\": manifest unknown"],
    ["recs-api", "WARNING", "Back-off pulling image; pod status ImagePullBackOff"],
  ], { category: "deployment", causes: ["deployment_issue"], actions: ["rollback"] }, {
    context: { recent_deploys: [{ version: "4.2.1", minutes_ago: 12 }] },
  }),
  inc("missing-env", "invoicing", "invoicing won't start", "Service crashes at boot.", [
    ["invoicing", "FATAL", "ConfigError: required environment variable STRIPE_WEBHOOK_SECRET is not set"],
    ["invoicing", "ERROR", "Application startup failed, exiting"],
  ], { category: "configuration", causes: ["configuration_error"], actions: ["config_change"] }),
  inc("s3-slowdown", "media-upload", "uploads failing", "Image uploads error out.", [
    ["media-upload", "ERROR", "S3 PutObject failed: 503 SlowDown: Please reduce your request rate."],
    ["media-upload", "ERROR", "AWS S3 error: ServiceUnavailable, retry 3/3 failed"],
  ], { category: "dependency/external", causes: ["upstream_rate_limit", "external_dependency_failure"], actions: ["rate_limit", "fallback", "circuit_breaker"] }),
  inc("twilio", "sms", "SMS codes not delivered", "2FA codes missing.", [
    ["sms", "ERROR", "Twilio API request failed: 503 Service Unavailable (https://api.twilio.com/2010-04-01/Accounts/AC.../Messages.json)"],
    ["sms", "ERROR", "upstream request timeout contacting api.twilio.com"],
  ], { category: "dependency/external", causes: ["external_dependency_failure"], actions: ["circuit_breaker", "fallback"] }),
  inc("jwt", "gateway", "users logged out, 401 everywhere", "All API calls return 401 since key rotation.", [
    ["gateway", "WARNING", "JWT verification failed: invalid signature (kid=2026-11)"],
    ["gateway", "WARNING", "401 Unauthorized for GET /api/orders"],
  ], { category: "auth/security", causes: ["auth_failure"], actions: ["rotate_credentials"] }),
  inc("bruteforce", "login", "login failures spiking", "Security alert on login endpoint.", [
    ["login", "WARNING", "Failed password for invalid user admin from 185.220.101.4 port 52314 ssh2"],
    ["login", "WARNING", "credential stuffing suspected: 4,812 failed login attempts from 312 IPs in 5 minutes"],
  ], { category: "auth/security", causes: ["security_attack"], actions: ["block_traffic", "rate_limit"] }),
  inc("fds", "ws-gateway", "websocket connections dropping", "Clients cannot connect.", [
    ["ws-gateway", "ERROR", "accept tcp [::]:8080: accept4: too many open files; retrying in 1s"],
  ], { category: "cpu/capacity", causes: ["resource_exhaustion"], actions: ["restart", "config_change"] }),
  inc("cpu-regex", "validator", "validator CPU pegged", "Validation requests time out.", [
    ["validator", "WARNING", "request /validate took 12034 ms"],
  ], { category: "cpu/capacity", causes: ["cpu_saturation"], actions: ["scale", "rollback"] }, {
    metrics: [
      { name: "process_cpu_seconds_rate", value: 3.9, baseline: 0.6, unit: "cores" },
      { name: "http_requests_per_second", value: 210, baseline: 200, unit: "req/s" },
    ],
    context: { recent_deploys: [{ version: "1.9.0", minutes_ago: 35, description: "New email regex validation" }] },
  }),
  inc("packet-loss", "payments-router", "intermittent payment timeouts", "Timeouts between zones.", [
    ["payments-router", "ERROR", "read tcp 10.2.1.4:43122->10.3.8.9:443: read: connection reset by peer"],
    ["payments-router", "ERROR", "dial tcp 10.3.8.9:443: i/o timeout"],
  ], { category: "network", causes: ["network_connectivity"], actions: ["failover", "config_change"] }, {
    metrics: [{ name: "node_network_packet_loss_percent", value: 7.5, baseline: 0.1, unit: "%" }],
  }),
  inc("replica-lag", "reports", "reports show stale data", "Dashboards are 20 minutes behind.", [
    ["reports", "WARNING", "replica db-replica-2 is 1260 seconds behind primary"],
  ], { category: "database", causes: ["replication_lag"], actions: ["fallback"] }),
  inc("migration", "catalog-admin", "admin product edits fail", "Saving a product errors after release.", [
    ["catalog-admin", "ERROR", "PG::UndefinedColumn: ERROR:  column products.launch_region does not exist"],
  ], { category: "database", causes: ["schema_migration_mismatch"], actions: ["rollback"] }, {
    context: { recent_deploys: [{ version: "v88", minutes_ago: 15, description: "Add launch regions to products" }] },
  }),
  inc("grpc-deadline", "storefront", "storefront timeouts on cart", "Cart widget spins.", [
    ["storefront", "ERROR", "rpc error: code = DeadlineExceeded desc = context deadline exceeded calling cart.GetCart"],
    ["storefront", "ERROR", "cart GetCart failed: rpc error: code = Unavailable desc = connection refused"],
  ], { category: "dependency/external", causes: ["internal_dependency_failure"], actions: ["restart", "circuit_breaker"] }),
  inc("node-lost", "batch", "batch jobs stalled", "Half the workers vanished.", [
    ["batch", "WARNING", "Node ip-10-0-9-33.ec2.internal status is now: NodeNotReady"],
    ["batch", "WARNING", "EC2 Spot Instance interruption notice for i-0abc123"],
  ], { category: "cpu/capacity", causes: ["node_failure"], actions: ["failover", "scale"] }),
  inc("gc-java", "quotes", "quotes latency spikes", "Periodic multi-second stalls.", [
    ["quotes", "WARNING", "GC pause (G1 Evacuation Pause) (young) 2.31s, to-space exhausted"],
  ], { category: "memory", causes: ["gc_pressure"], actions: ["config_change"] }),
  inc("clock", "auth", "token validation errors on two hosts", "Only some hosts affected.", [
    ["auth", "ERROR", "jwt: token used before issued (iat 1763630000 > now 1763629700); clock skew 300s on host auth-3"],
  ], { category: "other", causes: ["clock_skew"], actions: ["restart"] }),
];

/** Incidents with no usable signal: the engine must abstain. */
export const abstainIncidents: EvalScenario[] = [
  inc("vague", "web", "Something is off", "Customer says things feel weird today.", [], { category: "other", causes: [], actions: [] }),
  inc("noise", "api", "Check api", "Please look into the api.", [
    ["api", "INFO", "GET /health 200 2ms"],
    ["api", "INFO", "worker started pid=4411"],
  ], { category: "other", causes: [], actions: [] }, { metrics: [{ name: "http_requests_per_second", value: 810, baseline: 800 }] }),
];
