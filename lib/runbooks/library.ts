/**
 * The built-in runbooks every workspace starts with: the incident-response procedures (API service
 * down, database performance, memory / OOM, security incident, service recovery, the post-incident
 * checklist) and one per family of the built-in simulation scenarios.
 */
export type LibraryRunbook = { title: string; summary: string; services: string[]; categories: string[]; body: string };


export const runbookLibrary: LibraryRunbook[] = [
  {
    title: "API service down",
    summary: "Health checks failing, high error rates or timeouts on an API service.",
    services: ["frontend", "frontend-proxy", "checkout", "payment", "product-catalog", "cart"],
    categories: ["deployment", "dependency/external", "other"],
    body: `## Symptoms
- Health check failures
- High error rates
- Timeout errors

## Investigation steps
- [ ] Check the pods: \`kubectl get pods -l app=<service>\` and \`kubectl describe pod <pod-name>\`
- [ ] Read the logs: \`kubectl logs -f deployment/<service> --tail=100\`
- [ ] Check resource usage: \`kubectl top pods -l app=<service>\`
- [ ] Check the dependencies' health endpoints (database, cache)

## Common resolutions
- [ ] Restart the deployment: \`kubectl rollout restart deployment/<service>\`
- [ ] Scale up replicas: \`kubectl scale deployment/<service> --replicas=5\`
- [ ] Roll back a recent deployment: \`kubectl rollout undo deployment/<service>\`

## Escalation
P0/P1: escalate immediately to the on-call engineer (primary: DevOps engineer, secondary: senior backend engineer, then the engineering manager).
`,
  },
  {
    title: "Database performance issues",
    summary: "Slow queries, connection timeouts, high CPU or memory on the database.",
    services: ["postgresql", "accounting", "product-catalog"],
    categories: ["latency", "disk", "cpu/capacity"],
    body: `## Symptoms
- Slow query responses
- Connection timeouts
- High CPU / memory usage

## Investigation steps
- [ ] Active connections: \`SELECT count(*) FROM pg_stat_activity;\`
- [ ] Slowest statements: \`SELECT query, calls, total_time FROM pg_stat_statements ORDER BY total_time DESC LIMIT 10;\`
- [ ] Waiting locks: \`SELECT * FROM pg_locks WHERE NOT granted;\`

## Common resolutions
- [ ] Terminate queries running for more than 5 minutes (\`pg_terminate_backend\`)
- [ ] Scale up the database's CPU and memory requests
- [ ] Restart the database (last resort)

## Escalation
Escalate to the database owner; P0/P1 immediately to the on-call engineer.
`,
  },
  {
    title: "High memory usage / OOM kills",
    summary: "Pods killed for memory, CrashLoopBackOff, out-of-memory errors in the logs.",
    services: ["payment", "email", "ad", "redis"],
    categories: ["memory"],
    body: `## Symptoms
- Pods being killed
- CrashLoopBackOff status
- Out of memory errors in logs

## Investigation steps
- [ ] Pods by memory: \`kubectl top pods --sort-by=memory\`
- [ ] Pod events: \`kubectl describe pod <pod-name> | grep -A 10 Events\`
- [ ] Memory limits: \`kubectl get pods <pod-name> -o jsonpath='{.spec.containers[*].resources}'\`
- [ ] Memory over time on the Pod Memory Usage dashboard

## Common resolutions
- [ ] Increase the memory limits of the deployment
- [ ] Scale horizontally: \`kubectl scale deployment/<service> --replicas=3\`
- [ ] Put circuit breakers on high-memory operations

## Escalation
The owning team during business hours (P2); the on-call engineer for P0/P1.
`,
  },
  {
    title: "Security incident",
    summary: "Unauthorized access attempts, suspicious API calls, security scanner alerts.",
    services: [],
    categories: ["auth/security"],
    body: `## Symptoms
- Unauthorized access attempts
- Suspicious API calls
- Security scanner alerts

## Immediate actions
- [ ] Isolate the affected systems (scale the deployment to 0 replicas)
- [ ] Preserve evidence: save the logs before anything restarts
- [ ] Check for indicators of compromise in the access logs
- [ ] Review access patterns of the last 24 hours in the audit log

| Step | Why |
| --- | --- |
| Isolate | Stops further access while you look |
| Preserve evidence | Restarts and rotations erase what happened |
| Escalate | Security and legal decide on disclosure |

## Escalation
- [ ] Escalate immediately to the security team
- [ ] Contact legal / compliance if a data breach is suspected
- [ ] Document every action taken
`,
  },
  {
    title: "Service recovery",
    summary: "Checks before calling an incident resolved, with data recovery and a careful return of traffic.",
    services: [],
    categories: [],
    body: `## Recovery checklist
- [ ] Service restored and stable
- [ ] All dependencies functioning
- [ ] Monitoring alerts cleared
- [ ] Performance within normal ranges
- [ ] Affected users notified

## Data recovery (if needed)
- [ ] Check the latest backup's status
- [ ] Restore from the backup
- [ ] Verify data integrity

## Before full traffic
- [ ] Run the smoke tests
- [ ] Load test with reduced traffic
- [ ] Increase replicas gradually, watching 15 minutes between steps
`,
  },
  {
    title: "Post-incident checklist",
    summary: "What is due 2 hours, 24 hours and 1 week after an incident.",
    services: [],
    categories: [],
    body: `## Within 2 hours
- [ ] Service fully restored
- [ ] Stakeholders notified
- [ ] Initial incident summary documented
- [ ] Monitoring enhanced if needed

## Within 24 hours
- [ ] Detailed incident timeline created
- [ ] Root cause analysis initiated
- [ ] Temporary fixes documented
- [ ] Customer communication sent

## Within 1 week
- [ ] Post-mortem meeting scheduled
- [ ] Action items identified and assigned
- [ ] Process improvements documented
- [ ] Preventive measures implemented
`,
  },
  // One per family of the built-in scenarios.
  {
    title: "Memory leak and GC pressure",
    summary: "Memory climbing steadily, long garbage collections, eventual OOM kills (memory leak, GC pressure, Redis memory scenarios).",
    services: ["payment", "email", "ad", "redis"],
    categories: ["memory"],
    body: `## Symptoms
- Memory use rising linearly over hours; GC count and pause times up
- Latency creeping up before the first OOM kill

## Investigation steps
- [ ] Compare memory growth with the last deploy's time
- [ ] Check heap allocations and GC metrics of the service
- [ ] For Redis: check \`used_memory\` against \`maxmemory\` and the eviction policy

## Common resolutions
- [ ] Roll back the deploy that introduced the leak
- [ ] Restart the pods to buy time, then scale out
- [ ] Raise the memory limit only as a stop-gap

## Escalation
The owning team; P0/P1 immediately to the on-call engineer.
`,
  },
  {
    title: "CPU saturation and traffic surge",
    summary: "CPU near 100 %, request rate far above baseline, thread pools queueing (CPU spike, high CPU, traffic spike scenarios).",
    services: ["payment", "ad", "frontend"],
    categories: ["cpu/capacity"],
    body: `## Symptoms
- CPU above 90 %, p95 latency up, request queue growing

## Investigation steps
- [ ] Is the traffic legitimate? Compare request rate with the baseline and the marketing calendar
- [ ] Check autoscaler limits and current replicas
- [ ] Look for a hot endpoint or a retry storm from a client

## Common resolutions
- [ ] Scale out the service
- [ ] Enable rate limiting on the hot path
- [ ] Turn off expensive features with a flag

## Escalation
Capacity owner and the on-call engineer for P0/P1.
`,
  },
  {
    title: "Database latency and connection exhaustion",
    summary: "Query time up, connection pool full, table bloat (database latency, PostgreSQL connections and bloat, image latency scenarios).",
    services: ["postgresql", "payment", "image-provider"],
    categories: ["latency", "disk"],
    body: `## Symptoms
- Query duration and p99 latency stepping up together
- Active connections near the pool's maximum

## Investigation steps
- [ ] Find the slowest statements and whether a new query shipped recently
- [ ] Count connections by application and state (\`idle in transaction\`?)
- [ ] Check table bloat and the last autovacuum

## Common resolutions
- [ ] Roll back the deploy with the new queries
- [ ] Kill long-running queries, then raise the pool limit carefully
- [ ] VACUUM (FULL if needed, in a window) the bloated tables

## Escalation
Database owner; the on-call engineer for P0/P1.
`,
  },
  {
    title: "Crash loop after a deploy",
    summary: "Pods restarting repeatedly, ready count dropping (pod crash loop scenario).",
    services: ["payment"],
    categories: ["deployment", "configuration"],
    body: `## Symptoms
- Restarts climbing, ready pods below desired, traffic dropping

## Investigation steps
- [ ] Read the previous container's logs: \`kubectl logs <pod> --previous\`
- [ ] Diff the configuration and image of the last rollout
- [ ] Check probes: is the liveness probe too strict?

## Common resolutions
- [ ] Roll back: \`kubectl rollout undo deployment/<service>\`
- [ ] Fix the configuration or secret the new version expects

## Escalation
The team that shipped the deploy; the on-call engineer for P0/P1.
`,
  },
  {
    title: "Downstream dependency failure",
    summary: "Timeouts and errors calling another service or a third party (dependency timeout, payment failure / unreachable, catalog failure, LLM scenarios).",
    services: ["payment", "checkout", "product-catalog", "llm"],
    categories: ["dependency/external", "network"],
    body: `## Symptoms
- Timeouts and 5xx on calls to one dependency; callers' latency up

## Investigation steps
- [ ] Which dependency? Follow the topology from the failing caller
- [ ] Check the dependency's own health and its provider's status page
- [ ] Check rate-limit responses (429) and quota dashboards

## Common resolutions
- [ ] Open the circuit breaker / serve a fallback
- [ ] Fail over to a secondary provider or region
- [ ] Lower the retry rate so the dependency can recover

## Escalation
The dependency's owner or the vendor's priority support.
`,
  },
  {
    title: "Cache failure",
    summary: "Cache misses or an unreachable cache pushing load onto the services behind it (cache failure scenario).",
    services: ["recommendation", "redis", "valkey-cart"],
    categories: ["cache"],
    body: `## Symptoms
- Cache hit rate collapsing, backing services' load and latency up

## Investigation steps
- [ ] Is the cache reachable? Check its health and memory
- [ ] Did a deploy or flag change the cache keys?

## Common resolutions
- [ ] Restart or fail over the cache
- [ ] Warm the cache before returning full traffic
- [ ] Shed load on the backing services meanwhile

## Escalation
Platform team; the on-call engineer for P0/P1.
`,
  },
  {
    title: "Queue backlog and consumer lag",
    summary: "Kafka consumer lag growing, messages processed late (Kafka lag scenario).",
    services: ["kafka", "accounting", "fraud-detection"],
    categories: ["queue/backlog"],
    body: `## Symptoms
- Consumer lag rising; downstream work arriving late

## Investigation steps
- [ ] Which consumer group lags, and since when?
- [ ] Are consumers crashing or slow (CPU, GC, a poison message)?

## Common resolutions
- [ ] Scale the consumers (up to the partition count)
- [ ] Skip or dead-letter a poison message
- [ ] Throttle producers until the backlog drains

## Escalation
The consuming team; data owners if messages may be lost.
`,
  },
  {
    title: "Disk full",
    summary: "A volume at or near 100 %, writes failing (disk full scenario).",
    services: ["disk", "postgresql"],
    categories: ["disk"],
    body: `## Symptoms
- Disk usage at 100 %, write errors, services refusing requests

## Investigation steps
- [ ] \`df -h\` and the largest directories
- [ ] Logs or temp files growing without rotation?

## Common resolutions
- [ ] Free space: rotate and compress logs, remove temp files
- [ ] Grow the volume
- [ ] Fix the retention setting that let it grow

## Escalation
Platform team; the on-call engineer for P0/P1.
`,
  },
];
