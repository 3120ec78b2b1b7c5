/**
 * The root-cause set's first run, before the offline engine's causal reasoning existed (engine at
 * commit 8d12150). Recorded once by running the set through the offline provider, exactly as
 * `npm run eval:diagnosis` does; never regenerate it: it is the baseline the later figures are
 * compared with.
 */
export type RecordedRow = {
  id: string;
  expectedCategory: string;
  predictedCategory: string;
  /** The top three hypotheses' causes. */
  predictedCauses: string[];
  categoryOk: boolean;
  top1: boolean;
  top3: boolean;
  schemaValid: boolean;
};

export type RecordedRun = {
  recordedAt: string;
  engineCommit: string;
  actions: number;
  avgMs: number;
  medianEngineMs: number | null;
  rows: RecordedRow[];
};

export const rootCauseFirstRun: RecordedRun = {
  recordedAt: "2026-12-07",
  engineCommit: "8d12150",
  actions: 72.3,
  avgMs: 30,
  medianEngineMs: 0.59,
  rows: [
    { id: "rc:mysql-max-conn", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["connection_pool_exhaustion", "resource_exhaustion", "dns_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:kafka-poll-timeout", expectedCategory: "queue/backlog", predictedCategory: "queue/backlog", predictedCauses: ["queue_backlog", "latency_degradation"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:rabbit-memory-alarm", expectedCategory: "queue/backlog", predictedCategory: "memory", predictedCauses: ["memory_leak", "queue_backlog", "message_broker_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:jvm-metaspace", expectedCategory: "memory", predictedCategory: "memory", predictedCauses: ["memory_leak"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:go-ephemeral-ports", expectedCategory: "cpu/capacity", predictedCategory: "cpu/capacity", predictedCauses: ["resource_exhaustion", "internal_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:stripe-outage", expectedCategory: "dependency/external", predictedCategory: "dependency/external", predictedCauses: ["external_dependency_failure", "latency_degradation"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:go-panic-deploy", expectedCategory: "deployment", predictedCategory: "deployment", predictedCauses: ["deployment_issue", "internal_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:kernel-nvme-timeout", expectedCategory: "disk", predictedCategory: "disk", predictedCauses: ["disk_io_saturation", "cpu_saturation", "internal_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:envoy-partner-cert", expectedCategory: "auth/security", predictedCategory: "dependency/external", predictedCauses: ["external_dependency_failure"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:pg-migration-lock", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["database_locking", "database_performance"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:mysql-replica-lag", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["database_performance", "replication_lag", "database_locking"], categoryOk: true, top1: false, top3: true, schemaValid: true },
    { id: "rc:aws-expired-token", expectedCategory: "auth/security", predictedCategory: "auth/security", predictedCauses: ["auth_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:push-campaign-surge", expectedCategory: "cpu/capacity", predictedCategory: "cpu/capacity", predictedCauses: ["traffic_surge", "cpu_saturation", "latency_degradation"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:pg-reserved-slots", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["connection_pool_exhaustion"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:kafka-not-enough-replicas", expectedCategory: "queue/backlog", predictedCategory: "queue/backlog", predictedCauses: ["queue_backlog"], categoryOk: true, top1: false, top3: false, schemaValid: true },
    { id: "rc:node-missing-module", expectedCategory: "deployment", predictedCategory: "deployment", predictedCauses: ["deployment_issue", "internal_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:node-heap-growth", expectedCategory: "memory", predictedCategory: "memory", predictedCauses: ["memory_leak", "deployment_issue", "gc_pressure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:hikari-leak", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["connection_pool_exhaustion", "database_performance", "latency_degradation"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:maps-quota", expectedCategory: "dependency/external", predictedCategory: "dependency/external", predictedCauses: ["upstream_rate_limit"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:redis-clusterdown", expectedCategory: "cache", predictedCategory: "cache", predictedCauses: ["cache_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:dns-record-deleted", expectedCategory: "network", predictedCategory: "network", predictedCauses: ["dns_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:pgbouncer-pool-size", expectedCategory: "configuration", predictedCategory: "database", predictedCauses: ["connection_pool_exhaustion", "deployment_issue", "database_performance"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:istio-max-requests", expectedCategory: "configuration", predictedCategory: "dependency/external", predictedCauses: ["internal_dependency_failure", "external_dependency_failure", "traffic_surge"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:node-event-loop-blocked", expectedCategory: "cpu/capacity", predictedCategory: "queue/backlog", predictedCauses: ["queue_backlog", "cpu_saturation", "deployment_issue"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:hpa-ceiling", expectedCategory: "cpu/capacity", predictedCategory: "cpu/capacity", predictedCauses: ["traffic_surge", "internal_dependency_failure", "cpu_saturation"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:jvm-gc-cpu", expectedCategory: "memory", predictedCategory: "memory", predictedCauses: ["gc_pressure", "memory_leak", "cpu_saturation"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:retry-storm", expectedCategory: "dependency/external", predictedCategory: "cpu/capacity", predictedCauses: ["traffic_surge", "cpu_saturation", "latency_degradation"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:pg-lock-queue", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["database_performance", "database_locking", "latency_degradation"], categoryOk: true, top1: false, top3: true, schemaValid: true },
    { id: "rc:conntrack-full", expectedCategory: "network", predictedCategory: "dependency/external", predictedCauses: ["external_dependency_failure", "network_connectivity", "internal_dependency_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:redis-maxmemory-db-load", expectedCategory: "cache", predictedCategory: "database", predictedCauses: ["database_performance", "cache_memory_full", "cpu_saturation"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:kafka-lag-mysql-locks", expectedCategory: "database", predictedCategory: "queue/backlog", predictedCauses: ["queue_backlog", "database_locking", "internal_dependency_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:kafka-broker-disk", expectedCategory: "disk", predictedCategory: "queue/backlog", predictedCauses: ["message_broker_failure", "disk_full", "internal_dependency_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:haproxy-backend-oom", expectedCategory: "memory", predictedCategory: "memory", predictedCauses: ["memory_leak"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:mesh-cert-expired", expectedCategory: "auth/security", predictedCategory: "deployment", predictedCauses: ["deployment_issue", "external_dependency_failure", "internal_dependency_failure"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:sendgrid-before-deploy", expectedCategory: "dependency/external", predictedCategory: "dependency/external", predictedCauses: ["external_dependency_failure", "deployment_issue"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:flag-herring-disk", expectedCategory: "disk", predictedCategory: "disk", predictedCauses: ["disk_full", "cache_memory_full", "bad_feature_flag"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:inventory-n-plus-one", expectedCategory: "database", predictedCategory: "cpu/capacity", predictedCauses: ["cpu_saturation", "internal_dependency_failure", "database_performance"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:catalog-db-cascade", expectedCategory: "database", predictedCategory: "deployment", predictedCauses: ["deployment_issue", "connection_pool_exhaustion", "internal_dependency_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:valkey-volume-attach", expectedCategory: "cache", predictedCategory: "deployment", predictedCauses: ["deployment_issue", "internal_dependency_failure", "cache_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:pg-oom-killer", expectedCategory: "memory", predictedCategory: "database", predictedCauses: ["database_unavailable", "memory_leak", "internal_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:backup-io-saturation", expectedCategory: "disk", predictedCategory: "database", predictedCauses: ["database_performance", "cpu_saturation", "disk_io_saturation"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:egress-network-policy", expectedCategory: "network", predictedCategory: "dependency/external", predictedCauses: ["internal_dependency_failure", "database_unavailable", "network_connectivity"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:jvm-native-threads", expectedCategory: "cpu/capacity", predictedCategory: "cpu/capacity", predictedCauses: ["resource_exhaustion", "memory_leak", "deployment_issue"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:rabbit-consumer-crash", expectedCategory: "deployment", predictedCategory: "queue/backlog", predictedCauses: ["queue_backlog", "deployment_issue", "message_broker_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:haproxy-healthcheck-path", expectedCategory: "configuration", predictedCategory: "dependency/external", predictedCauses: ["internal_dependency_failure"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:debug-logging-disk", expectedCategory: "disk", predictedCategory: "disk", predictedCauses: ["disk_full", "deployment_issue"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:redis-warnings-mysql-scan", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["database_performance", "queue_backlog", "latency_degradation"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:kafka-rebalance-oom", expectedCategory: "memory", predictedCategory: "queue/backlog", predictedCauses: ["queue_backlog", "memory_leak"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:idle-in-transaction", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["connection_pool_exhaustion", "internal_dependency_failure", "table_bloat"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:ephemeral-storage-eviction", expectedCategory: "disk", predictedCategory: "cache", predictedCauses: ["cache_memory_full", "internal_dependency_failure", "deployment_issue"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:github-403-rate-limit", expectedCategory: "dependency/external", predictedCategory: "auth/security", predictedCauses: ["auth_failure", "external_dependency_failure", "upstream_rate_limit"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:vault-password-rotation", expectedCategory: "auth/security", predictedCategory: "auth/security", predictedCauses: ["auth_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:pg-wal-disk", expectedCategory: "disk", predictedCategory: "database", predictedCauses: ["database_unavailable", "disk_full", "deployment_issue"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:coredns-timeouts", expectedCategory: "network", predictedCategory: "dependency/external", predictedCauses: ["external_dependency_failure", "dns_failure", "network_connectivity"], categoryOk: false, top1: false, top3: true, schemaValid: true },
  ],
};
