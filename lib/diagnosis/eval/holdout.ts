import { events, type EvalScenario } from "./scenarios";

/**
 * A held-out set: realistic incidents written after the knowledge base was finished and run once
 * before any change to the engine (the first-run figures are in docs/diagnosis.md). Log lines are
 * copied from the formats real systems print (Go, JVM, Python, Node, nginx, Envoy, kernel, AWS).
 */
function inc(
  id: string,
  service: string,
  title: string,
  rows: [string, string, string][],
  expected: EvalScenario["expected"],
  metadata: Record<string, unknown> = {},
): EvalScenario {
  return { id: `holdout:${id}`, source: "simulation", incident: { title, description: "", service, severity: "P2", metadata }, events: events(`ho-${id}`, rows), expected };
}

export const holdoutIncidents: EvalScenario[] = [
  inc("go-panic", "search-indexer", "search-indexer crashing after release", [
    ["search-indexer", "ERROR", "panic: runtime error: index out of range [3] with length 3"],
    ["search-indexer", "ERROR", "goroutine 1 [running]: main.buildShards(...) /src/indexer/shards.go:88"],
  ], { category: "deployment", causes: ["deployment_issue"], actions: ["rollback"] }, {
    context: { recent_deploys: [{ version: "indexer-7.3.0", minutes_ago: 5 }] },
  }),
  inc("nginx-upstream", "edge", "504s from edge", [
    ["edge", "ERROR", "upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.1.2.3, upstream: \"http://10.0.2.15:8080/api/search\""],
    ["edge", "ERROR", "504 Gateway Time-out on GET /api/search"],
  ], { category: "dependency/external", alsoAccepted: ["latency", "network"], causes: ["external_dependency_failure", "internal_dependency_failure", "latency_degradation", "network_connectivity"], actions: ["circuit_breaker"] }),
  inc("cassandra", "timeline", "timeline reads failing", [
    ["timeline", "ERROR", "com.datastax.driver.core.exceptions.ReadTimeoutException: Cassandra timeout during read query at consistency LOCAL_QUORUM (2 responses were required but only 1 replica responded)"],
  ], { category: "database", causes: ["database_performance", "database_unavailable"], actions: ["database_optimization", "failover"] }),
  inc("mongo", "profiles", "profiles API down", [
    ["profiles", "ERROR", "MongoServerSelectionError: connection <monitor> to 10.0.0.5:27017 closed"],
  ], { category: "database", causes: ["database_unavailable"], actions: ["failover"] }),
  inc("envoy-overflow", "api-gateway", "gateway shedding requests", [
    ["api-gateway", "WARNING", "upstream connect error or disconnect/reset before headers. reset reason: overflow"],
  ], { category: "cpu/capacity", causes: ["traffic_surge"], actions: ["scale", "rate_limit"] }, {
    metrics: [
      { name: "envoy_http_downstream_rq_total_rate", value: 5200, baseline: 1100 },
      { name: "hpa_current_replicas", value: 20, baseline: 8 },
    ],
  }),
  inc("paypal", "checkout-api", "PayPal checkout failing", [
    ["checkout-api", "ERROR", "java.net.SocketTimeoutException: Read timed out calling https://api.paypal.com/v2/checkout/orders"],
  ], { category: "dependency/external", causes: ["external_dependency_failure"], actions: ["circuit_breaker"] }),
  inc("dynamo-throttle", "cart-writer", "cart saves failing", [
    ["cart-writer", "ERROR", "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the PutItem operation: Rate exceeded"],
  ], { category: "dependency/external", causes: ["upstream_rate_limit"], actions: ["rate_limit"] }),
  inc("inodes", "uploader", "uploads failing on one node", [
    ["uploader", "ERROR", "mkdir /tmp/uploads/7f3a: no space left on device"],
  ], { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk"] }, {
    metrics: [{ name: "node_filesystem_files_free", value: 12, baseline: 1_200_000 }],
  }),
  inc("redis-timeout", "feed", "feed slow", [
    ["feed", "WARNING", "Redis command timed out after 500ms: ZREVRANGE feed:user:1842 0 49"],
    ["feed", "WARNING", "StackExchange.Redis.RedisTimeoutException: Timeout performing ZREVRANGE, inst: 1, qu: 0, qs: 112"],
  ], { category: "cache", causes: ["cache_failure"], actions: ["restart"] }),
  inc("github-token", "ci-bot", "CI bot cannot post statuses", [
    ["ci-bot", "ERROR", "HTTP 401: Bad credentials (https://api.github.com/repos/acme/web/statuses/9f2c)"],
  ], { category: "auth/security", causes: ["auth_failure"], actions: ["rotate_credentials"] }),
  inc("kernel-oom", "reports", "reports worker vanished", [
    ["reports", "CRITICAL", "Out of memory: Killed process 2231 (java) total-vm:8123456kB, anon-rss:4012345kB, file-rss:0kB"],
  ], { category: "memory", causes: ["memory_leak"], actions: ["restart"] }),
  inc("sqs", "fulfilment", "orders not fulfilled for 30 minutes", [
    ["fulfilment", "WARNING", "queue depth growing: 120000 messages waiting in fulfilment-orders"],
  ], { category: "queue/backlog", causes: ["queue_backlog"], actions: ["scale"] }, {
    metrics: [{ name: "sqs_approximate_number_of_messages_visible", value: 120000, baseline: 300 }],
  }),
  inc("nginx-conf", "edge-proxy", "edge proxy won't reload", [
    ["edge-proxy", "ERROR", "nginx: [emerg] unknown directive \"proxy_buffer\" in /etc/nginx/conf.d/app.conf:14"],
    ["edge-proxy", "ERROR", "nginx: configuration file /etc/nginx/nginx.conf test failed"],
  ], { category: "configuration", causes: ["configuration_error"], actions: ["config_change"] }),
  inc("curl-cert", "webhooks", "outbound webhooks failing", [
    ["webhooks", "ERROR", "curl: (60) SSL certificate problem: certificate has expired"],
  ], { category: "auth/security", causes: ["certificate_expiry"], actions: ["renew_certificate"] }),
  inc("pg-deadlock", "ledger-writer", "ledger writes aborting", [
    ["ledger-writer", "ERROR", "ERROR:  deadlock detected DETAIL:  Process 4123 waits for ShareLock on transaction 99812; blocked by process 4177."],
  ], { category: "database", causes: ["database_locking"], actions: ["kill_connections"] }),
  inc("retrans", "matching", "matching engine timeouts between AZs", [
    ["matching", "ERROR", "Connection timed out after 5000 milliseconds to 10.4.8.21:7000"],
  ], { category: "network", causes: ["network_connectivity"], actions: ["failover"] }, {
    metrics: [{ name: "node_netstat_tcp_retrans_segs_rate", value: 950, baseline: 20 }],
  }),
  inc("cfs-throttle", "pricing-api", "pricing p99 high", [
    ["pricing-api", "WARNING", "p99 latency 2.4s over SLO 300ms"],
  ], { category: "cpu/capacity", causes: ["cpu_saturation"], actions: ["scale"] }, {
    metrics: [{ name: "container_cpu_cfs_throttled_periods_ratio", value: 0.72, baseline: 0.03 }],
  }),
  inc("orders-503", "storefront-web", "storefront order history errors", [
    ["storefront-web", "ERROR", "GET http://orders.svc.cluster.local/api/orders failed: Request failed with status code 503"],
    ["storefront-web", "ERROR", "orders service unavailable (503), retries exhausted"],
  ], { category: "dependency/external", causes: ["internal_dependency_failure", "external_dependency_failure"], actions: ["circuit_breaker", "restart"] }),
  inc("vague-checkout", "checkout-web", "Checkout button does nothing", [], { category: "other", causes: [], actions: [] }),
];
