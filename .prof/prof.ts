import { openPostgres } from "@/db/client";
import { createWorkspaceRow } from "@/db/seed";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { ingestEvents } from "@/lib/intake/ingest-events";
import { ingestAlertmanager } from "@/lib/intake/integrations";
import postgres from "postgres";

const levels = ["info", "info", "warn", "info", "error", "info", "debug", "info", "info", "info"];
let counter = 0;
function event(i: number) {
  return { service: `svc-${i % 200}`, level: levels[i % levels.length], message: `GET /api/orders/${i} answered 503 after 1200 ms (upstream payment timeout)`, attributes: { request_id: `req-${i}`, region: "eu-west-1", pod: `svc-${i % 200}-7d9f8b6c5-x2x9k` } };
}
function amBody(alerts: number): string {
  const n = counter++;
  const group = n % 200;
  const startsAt = new Date(Date.parse("2026-11-20T10:00:00Z") + n * 1000).toISOString();
  return JSON.stringify({
    version: "4", groupKey: `{}:{alertname="HighErrorRate", group="${group}"}`, truncatedAlerts: 0, status: "firing", receiver: "firedrill",
    groupLabels: { alertname: "HighErrorRate", group: String(group) },
    commonLabels: { alertname: "HighErrorRate", severity: "critical", service: `svc-${group}` },
    commonAnnotations: { summary: `High 5xx rate on svc-${group}`, runbook_url: "https://runbooks.example.com/high-error-rate" },
    externalURL: "http://alertmanager:9093",
    alerts: Array.from({ length: alerts }, (_, a) => ({
      status: "firing", labels: { alertname: "HighErrorRate", severity: "critical", service: `svc-${group}`, instance: `pod-${a}:8080` },
      annotations: { summary: `High 5xx rate on svc-${group}`, description: `pod-${a} returns 5xx for 12% of requests` },
      startsAt, endsAt: "0001-01-01T00:00:00Z", generatorURL: "http://prometheus:9090/graph?g0.expr=rate",
      fingerprint: `${group.toString(16).padStart(8, "0")}${a.toString(16).padStart(8, "0")}`,
    })),
  });
}
async function main() {
  const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  const name = `fd_prof_${Date.now().toString(36)}`;
  await admin.unsafe(`create database ${name}`);
  try {
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    if (process.env.LOGSQL) await admin.unsafe(`alter database ${name} set log_min_duration_statement = 0`);
    const h = await openPostgres(url, { max: 10 });
    await migrate(h.db as never, { migrationsFolder: "drizzle" });
    if (process.env.DROPIDX) await admin.unsafe(`select 1`).then(async () => { const c = postgres(url, { max: 1, onnotice: () => {} }); await c.unsafe("drop index events_workspace_received_idx"); await c.end(); });
    if (process.env.DROPFK) { const c = postgres(url, { max: 1, onnotice: () => {} }); for (const r of await c`select conname from pg_constraint where conrelid = 'events'::regclass and contype = 'f'`) await c.unsafe(`alter table events drop constraint "${r.conname}"`); await c.end(); }
    const ws = await createWorkspaceRow(h.db, { slug: "b", name: "B" });
    const actor = { kind: "api_key" as const, id: "k", name: "k", workspaceId: ws.id, role: "admin" as const, scopes: ["ingest"] };
    const mode = process.argv[2] ?? "batch";
    const conc = Number(process.argv[3] ?? 10);
    const size = mode === "batch" ? 500 : 1;
    if (mode === "am") for (let g = 0; g < 200; g++) await ingestAlertmanager(h.db, actor as never, JSON.parse(amBody(50)));
    // warm
    if (mode !== "am") for (let i = 0; i < 5; i++) await ingestEvents(h.db, actor, Array.from({ length: 500 }, () => event(counter++)));
    const until = Date.now() + 8000;
    let n = 0;
    const t0 = Date.now();
    await Promise.all(Array.from({ length: conc }, async () => {
      while (Date.now() < until) {
        if (mode === "am") {
          const r = await ingestAlertmanager(h.db, actor as never, JSON.parse(amBody(50)));
          if (!r.ok) throw new Error(r.error);
          n += 50;
          continue;
        }
        const body = JSON.parse(JSON.stringify(Array.from({ length: size }, () => event(counter++))));
        const r = await ingestEvents(h.db, actor as never, body);
        if (!r.ok) throw new Error(r.error);
        n += size;
      }
    }));
    console.log(`${mode} conc ${conc}: ${(n / ((Date.now() - t0) / 1000)).toFixed(0)} events/s`);
    await h.close();
  } finally {
    await admin.unsafe(`drop database ${name} with (force)`);
    await admin.end();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
