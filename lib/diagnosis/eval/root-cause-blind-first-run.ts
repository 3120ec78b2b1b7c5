import type { RecordedRun } from "./root-cause-first-run";

/**
 * The blind set's one and only first run (engine at commit 5077a3f, the causal engine as committed before
 * the blind set was written). Recorded by running the set through the offline provider exactly as
 * `npm run eval:diagnosis` does; never regenerate it.
 */
export const rootCauseBlindFirstRun: RecordedRun = {
  recordedAt: "2026-12-07",
  engineCommit: "5077a3f",
  actions: 68,
  avgMs: 104.2,
  medianEngineMs: 7.02,
  rows: [
    { id: "rc:blind-es-flood-stage", expectedCategory: "disk", predictedCategory: "disk", predictedCauses: ["disk_full","internal_dependency_failure","upstream_rate_limit"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-go-goroutine-leak", expectedCategory: "memory", predictedCategory: "memory", predictedCauses: ["memory_leak","external_dependency_failure","internal_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-vacuum-full", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["database_locking","deployment_issue","database_performance"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-tomcat-threads", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["connection_pool_exhaustion","internal_dependency_failure","external_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-pg-ssl-verify", expectedCategory: "auth/security", predictedCategory: "auth/security", predictedCauses: ["certificate_expiry","database_unavailable"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-redis-master-down", expectedCategory: "cache", predictedCategory: "cache", predictedCauses: ["cache_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-chrony-skew", expectedCategory: "other", predictedCategory: "auth/security", predictedCauses: ["auth_failure","clock_skew"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:blind-pleg-node", expectedCategory: "cpu/capacity", predictedCategory: "configuration", predictedCauses: ["bad_feature_flag","node_failure","internal_dependency_failure"], categoryOk: false, top1: false, top3: true, schemaValid: true },
    { id: "rc:blind-replicas-max-connections", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["connection_pool_exhaustion","resource_exhaustion"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-dns-servfail", expectedCategory: "network", predictedCategory: "network", predictedCauses: ["dns_failure","internal_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-image-disk-full", expectedCategory: "disk", predictedCategory: "disk", predictedCauses: ["disk_full","deployment_issue"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-rabbit-ack-timeout", expectedCategory: "queue/backlog", predictedCategory: "queue/backlog", predictedCauses: ["queue_backlog"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-kong-rate-limit", expectedCategory: "configuration", predictedCategory: "dependency/external", predictedCauses: ["upstream_rate_limit"], categoryOk: false, top1: false, top3: false, schemaValid: true },
    { id: "rc:blind-s3-iam-policy", expectedCategory: "auth/security", predictedCategory: "auth/security", predictedCauses: ["auth_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-pg-deadlock", expectedCategory: "database", predictedCategory: "database", predictedCauses: ["database_locking"], categoryOk: true, top1: true, top3: true, schemaValid: true },
    { id: "rc:blind-ratings-crash", expectedCategory: "dependency/external", predictedCategory: "deployment", predictedCauses: ["deployment_issue","internal_dependency_failure","external_dependency_failure"], categoryOk: true, top1: true, top3: true, schemaValid: true },
  ],
};
