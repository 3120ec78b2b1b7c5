import type { Conversation, Scenario } from "@/lib/simulation/shared";
import type { Topology } from "@/lib/topology";
import { mappingFor, serviceMappings } from "./mapping";
import { personas, responseSeconds, type Persona } from "./personas";

type Item = Conversation["timeline"][number];

/** A small seeded generator (mulberry32): the same seed writes the same conversation. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function humanMetric(name: string, value: number, unit?: string): string {
  if (/seconds/.test(name) || unit === "s") return value < 1 ? `${Math.round(value * 1000)}ms` : `${Math.round(value * 10) / 10}s`;
  if (/percent/.test(name) || unit === "%") return `${Math.round(value * 10) / 10}%`;
  if (/per_second/.test(name) || unit === "req/s") return `${Math.round(value)} req/s`;
  return `${Math.round(value * 100) / 100}${unit ? ` ${unit}` : ""}`;
}

function metricLabel(name: string): string {
  return name
    .replace(/http_request_duration_seconds_/, "")
    .replace(/_percent$/, "")
    .replace(/_per_second$/, "/s")
    .replace(/_/g, " ");
}

const actionWords: Record<string, (s: Scenario, service: string) => string> = {
  restart: (_s, service) => `Restarting the ${service} pods`,
  flag_toggle: (s) => `Turning off the ${s.context.feature_flags[0]?.name ?? "suspect"} feature flag`,
  rollback: (s, service) => `Rolling back ${s.context.recent_deploys[0]?.version ?? `the last ${service} deploy`}`,
  scale: (_s, service) => `Scaling ${service} up`,
  clear_cache: () => "Clearing the cache",
};
const actionTypes = new Set(["restart", "scale", "flag_toggle", "rollback", "manual_fix"]);

/**
 * Writes the on-call conversation of a scenario that has no script, deterministically from the
 * run's seed: the alert on the root service's channel, then the four patterns — initial
 * investigation, hypothesis forming, cross-team discovery on an affected service's channel, and
 * mitigation to resolution — played by personas whose response times space the messages. Only
 * services of the topology take part.
 */
export function composeConversation(scenario: Scenario, topology: Topology, seed: number): Conversation {
  const rand = seeded(seed ^ 0x5bd1e995);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length) % list.length];
  const names = new Set(topology.services.map((s) => s.name));
  const mappings = serviceMappings(topology);
  const root = scenario.root_service;
  const affected = (scenario.impact?.affected_services ?? []).filter((s) => s !== root && names.has(s)).slice(0, 1);
  const services: Conversation["services"] = {};
  const rootMap = mappingFor(mappings, root);
  if (names.has(root)) services[root] = { channel: rootMap.channel, oncall_group: rootMap.oncall_group, role: "primary" };
  for (const s of affected) {
    const m = mappingFor(mappings, s);
    services[s] = { channel: m.channel, oncall_group: m.oncall_group, role: "affected" };
  }
  // Engineers: the service mapping's, else personas drawn for each service.
  const pool = Object.keys(personas).sort(() => rand() - 0.5);
  const crew = (service: string, n: number): string[] => {
    const mapped = mappingFor(mappings, service).engineers.filter((e) => e in personas);
    const out = [...mapped];
    while (out.length < n && pool.length) out.push(pool.shift()!);
    return out.slice(0, n);
  };
  const [lead, second] = crew(root, 2);
  const [other] = affected.length ? crew(affected[0], 1) : [undefined];
  const cast = [lead, second, other].filter((x): x is string => !!x);
  const used: Record<string, Persona> = Object.fromEntries(cast.map((k) => [k, personas[k]]));

  const fault = scenario.faults.find((f) => f.service === root) ?? scenario.faults[0];
  const metric = fault?.metrics[0];
  const metricText = metric ? `${metricLabel(metric.name)} went from ${humanMetric(metric.name, metric.baseline, metric.unit)} to ${humanMetric(metric.name, metric.value, metric.unit)}` : "error rate is climbing";
  const rootChannel = rootMap.channel;
  const timeline: Item[] = [];
  let t = 0;
  const after = (who: string) => {
    const [lo, hi] = responseSeconds[personas[who].response_time];
    t += Math.round(lo + rand() * (hi - lo));
    return t;
  };
  const say = (who: string, content: string, extra: Partial<Item> = {}) =>
    timeline.push({ offset_seconds: after(who), type: "message", channel: rootChannel, user: who, content, ...extra } as Item);

  const severity = scenario.severity === "critical" || scenario.severity === "high" ? "critical" : "warning";
  const alertMetrics: Record<string, string> = {};
  if (metric) alertMetrics[metricLabel(metric.name).replace(/\W+/g, "_")] = humanMetric(metric.name, metric.value, metric.unit);
  timeline.push({ offset_seconds: 0, type: "alert", channel: rootChannel, severity, title: scenario.name, details: `${root}: ${metricText}`, ...(Object.keys(alertMetrics).length ? { metrics: alertMetrics } : {}) } as Item);

  // Pattern 1: initial investigation.
  say(lead, pick([`Looking into this`, `On it.`, `${personas[lead].common_phrases[0]}, looking into this`]), { thread_parent: 0 });
  say(lead, pick([`Checking metrics...`, `Pulling up the ${root} dashboard`, `Checking the graphs`]), { thread_parent: 0 });
  say(lead, `Seeing it: ${metricText}.`, { thread_parent: 0 });

  // Pattern 2: hypothesis forming.
  const deploy = scenario.context.recent_deploys[0];
  const flag = scenario.context.feature_flags[0];
  const wrong = pick(["a bad deploy", "a noisy neighbour", "the database"]);
  say(second, `Could this be ${wrong}?`);
  say(lead, deploy ? `Maybe. ${deploy.version} went out ${deploy.minutes_ago} min ago.` : `I don't think so, nothing was deployed today.`);
  say(second, flag ? `What about the ${flag.name} flag? It changed ${flag.changed_minutes_ago ?? "a few"} min ago.` : `Good point. What about load? Let me check...`);

  // Pattern 3: cross-team discovery.
  if (other && affected[0]) {
    const aff = mappingFor(mappings, affected[0]);
    const alertIndex = timeline.length;
    timeline.push({ offset_seconds: after(other), type: "alert", channel: aff.channel, severity: "warning", title: `${affected[0]} degraded`, details: `Errors calling ${root}` } as Item);
    timeline.push({ offset_seconds: after(other), type: "message", channel: aff.channel, user: other, content: `Seeing errors calling ${root}`, thread_parent: alertIndex } as Item);
    const mention = timeline.length;
    timeline.push({ offset_seconds: after(other), type: "mention", channel: rootChannel, user: other, content: `${rootMap.oncall_group} Hey, seeing issues on your end?`, mentions: [rootMap.oncall_group] } as Item);
    timeline.push({ offset_seconds: after(lead), type: "message", channel: rootChannel, user: lead, content: `Yes! We have an active incident: ${metricText}.`, thread_parent: mention } as Item);
    timeline.push({ offset_seconds: after(other), type: "message", channel: rootChannel, user: other, content: `Ah, that explains it. Heads up then.`, thread_parent: mention, reactions: ["👀"] } as Item);
  }

  // Pattern 4: mitigation.
  const action = scenario.expected_action_types.find((a) => a in actionWords) ?? "restart";
  const words = (actionWords[action] ?? actionWords.restart)(scenario, root);
  say(second, `I'm going to try this: ${words.toLowerCase()}.`);
  timeline.push({ offset_seconds: after(second), type: "action", channel: rootChannel, user: second, content: `${words}. Applied.`, action_type: (actionTypes.has(action) ? action : "manual_fix") as Item["action_type"] } as Item);
  t += 30;
  say(lead, `Seeing improvement in metrics.`);
  timeline.push({
    offset_seconds: after(lead),
    type: "resolution",
    channel: rootChannel,
    user: lead,
    content: `✓ Resolved. ${metric ? `${metricLabel(metric.name)} back to ${humanMetric(metric.name, metric.baseline, metric.unit)}.` : "Back to normal."}`,
    ...(metric ? { metrics_after: { [metricLabel(metric.name).replace(/\W+/g, "_")]: humanMetric(metric.name, metric.baseline, metric.unit) } } : {}),
  } as Item);

  return { services, personas: used, timeline };
}
