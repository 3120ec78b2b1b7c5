"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { CommandIcon, CornerDownLeftIcon, FlaskConicalIcon, InboxIcon, KeyboardIcon, PlusIcon, ScrollTextIcon, SearchIcon, SettingsIcon, SquareKanbanIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { StatusBadge } from "@/components/incidents/status-badge";
import type { IncidentStatus, Severity } from "@/db/schema";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import { NEW_INCIDENT_EVENT } from "./shortcut-events";

type Hit = { id: string; key: string; title: string; service: string; severity: Severity; status: IncidentStatus; incidentType: string };

type Item =
  | { kind: "incident"; id: string; hit: Hit }
  | { kind: "action"; id: string; label: string; hint?: string; icon: typeof SearchIcon; run: () => void };

/** The shortcuts, as the help dialog and the guide list them. */
export const shortcuts: { keys: string[]; what: string }[] = [
  { keys: ["⌘ K", "Ctrl K"], what: "Command palette: find any incident (resolved too) or run an action" },
  { keys: ["/"], what: "Search: the board's filter, elsewhere the palette" },
  { keys: ["c"], what: "Create an incident" },
  { keys: ["g", "b"], what: "Go to the board" },
  { keys: ["?"], what: "These shortcuts" },
];

function typingInField(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || !!t.closest?.("[role=dialog]");
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = React.useState(value);
  React.useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * ⌘K / Ctrl+K: search every incident of the workspace (resolved and closed too) and run the app's
 * actions from the keyboard; also the global shortcuts `/`, `c`, `g b` and `?`.
 */
export function CommandPalette({ workspaceSlug }: { workspaceSlug: string }) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [help, setHelp] = React.useState(false);
  const [q, setQ] = React.useState("");
  const [active, setActive] = React.useState(0);
  const query = useDebounced(q.trim(), 150);
  const listId = React.useId();

  const search = useQuery({
    queryKey: ["ws", workspaceSlug, "incident-search", query],
    queryFn: ({ signal }) => fetchJson<{ items: Hit[] }>(`${workspaceUrl(workspaceSlug, "incidents", "search")}?q=${encodeURIComponent(query)}`, { signal }),
    enabled: open,
    staleTime: 5_000,
  });

  const go = React.useCallback(
    (href: string) => {
      setOpen(false);
      router.push(href);
    },
    [router],
  );
  const newIncident = React.useCallback(() => {
    setOpen(false);
    if (document.querySelector('[data-testid="create-incident-button"]')) window.dispatchEvent(new Event(NEW_INCIDENT_EVENT));
    else router.push("/board?new=1");
  }, [router]);

  const actions: Item[] = [
    { kind: "action", id: "new", label: "New incident", hint: "c", icon: PlusIcon, run: newIncident },
    { kind: "action", id: "board", label: "Go to the board", hint: "g b", icon: SquareKanbanIcon, run: () => go("/board") },
    { kind: "action", id: "real", label: "Board: real incidents only", icon: SquareKanbanIcon, run: () => go("/board?kind=real") },
    { kind: "action", id: "drills", label: "Board: drills only", icon: FlaskConicalIcon, run: () => go("/board?kind=drills") },
    { kind: "action", id: "approvals", label: "Go to approvals", icon: InboxIcon, run: () => go("/approvals") },
    { kind: "action", id: "scenarios", label: "Start a drill (scenarios)", icon: FlaskConicalIcon, run: () => go("/scenarios") },
    { kind: "action", id: "audit", label: "Audit log", icon: ScrollTextIcon, run: () => go("/settings/audit") },
    { kind: "action", id: "settings", label: "Settings", icon: SettingsIcon, run: () => go("/settings") },
    {
      kind: "action",
      id: "shortcuts",
      label: "Keyboard shortcuts",
      hint: "?",
      icon: KeyboardIcon,
      run: () => {
        setOpen(false);
        setHelp(true);
      },
    },
  ];
  const needle = q.trim().toLowerCase();
  const shownActions = actions.filter((a) => a.kind === "action" && (!needle || a.label.toLowerCase().includes(needle)));
  const hits: Item[] = (search.data?.items ?? []).map((hit) => ({ kind: "incident", id: hit.id, hit }));
  const items = [...hits, ...shownActions];
  const current = Math.min(active, Math.max(0, items.length - 1));

  const choose = (item: Item | undefined) => {
    if (!item) return;
    if (item.kind === "incident") go(`/incidents/${item.hit.id}`);
    else item.run();
  };

  // Global shortcuts.
  const pendingG = React.useRef(0);
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((v) => !v);
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey || typingInField(e)) return;
      if (e.key === "/") {
        e.preventDefault();
        const filter = document.querySelector<HTMLInputElement>('[data-testid="filter-search"]');
        if (filter) filter.focus();
        else setOpen(true);
      } else if (e.key === "c") {
        e.preventDefault();
        newIncident();
      } else if (e.key === "?") {
        e.preventDefault();
        setHelp(true);
      } else if (e.key === "g") {
        pendingG.current = Date.now();
      } else if (e.key === "b" && Date.now() - pendingG.current < 1200) {
        pendingG.current = 0;
        router.push("/board");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [newIncident, router]);

  return (
    <>
      <Button
        variant="outline"
        size="sm"
        className="text-muted-foreground hidden h-8 gap-2 font-normal md:inline-flex"
        onClick={() => setOpen(true)}
        data-testid="command-palette-button"
        aria-label="Search and commands"
      >
        <SearchIcon />
        <span className="hidden lg:inline">Search…</span>
        <kbd className="bg-muted rounded px-1 font-mono text-[10px]">⌘K</kbd>
      </Button>
      <Dialog
        open={open}
        onOpenChange={(v) => {
          setOpen(v);
          if (!v) {
            setQ("");
            setActive(0);
          }
        }}
      >
        <DialogContent className="top-[20%] translate-y-0 gap-0 p-0 sm:max-w-xl" data-testid="command-palette" showCloseButton={false}>
          <DialogHeader className="sr-only">
            <DialogTitle>Search and commands</DialogTitle>
            <DialogDescription>Find an incident by title, service or INC number, or run an action.</DialogDescription>
          </DialogHeader>
          <div className="flex items-center gap-2 border-b px-3">
            <SearchIcon className="text-muted-foreground size-4 shrink-0" aria-hidden />
            <input
              autoFocus
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") {
                  e.preventDefault();
                  setActive((i) => Math.min(items.length - 1, i + 1));
                } else if (e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((i) => Math.max(0, i - 1));
                } else if (e.key === "Enter") {
                  e.preventDefault();
                  choose(items[current]);
                }
              }}
              placeholder="Search incidents (INC-42, title, service) or type a command…"
              aria-label="Search incidents and commands"
              aria-controls={listId}
              aria-activedescendant={items[current] ? `${listId}-${items[current].id}` : undefined}
              role="combobox"
              aria-expanded
              data-testid="command-palette-input"
              className="placeholder:text-muted-foreground h-11 flex-1 bg-transparent text-sm outline-none"
            />
          </div>
          <ul id={listId} role="listbox" className="max-h-[60vh] overflow-y-auto p-1.5" data-testid="command-palette-results">
            {hits.length > 0 && <li className="text-muted-foreground px-2 pt-1 pb-1 text-[11px] font-medium tracking-wide uppercase">Incidents</li>}
            {search.isFetching && hits.length === 0 && <li className="text-muted-foreground px-2 py-2 text-sm">Searching…</li>}
            {!search.isFetching && query && hits.length === 0 && <li className="text-muted-foreground px-2 py-2 text-sm">No incident matches “{query}”.</li>}
            {items.map((item, i) => {
              const first = item.kind === "action" && (i === 0 || items[i - 1].kind !== "action");
              return (
                <React.Fragment key={`${item.kind}-${item.id}`}>
                  {first && <li className="text-muted-foreground px-2 pt-2 pb-1 text-[11px] font-medium tracking-wide uppercase">Actions</li>}
                  <li
                    id={`${listId}-${item.id}`}
                    role="option"
                    aria-selected={i === current}
                    data-testid={item.kind === "incident" ? "palette-incident" : `palette-action-${item.id}`}
                    onMouseMove={() => setActive(i)}
                    onClick={() => choose(item)}
                    className={cn("flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm", i === current && "bg-accent text-accent-foreground")}
                  >
                    {item.kind === "incident" ? (
                      <>
                        <span className="text-muted-foreground w-16 shrink-0 font-mono text-xs">{item.hit.key}</span>
                        <SeverityBadge severity={item.hit.severity} />
                        <span className="min-w-0 flex-1 truncate">{item.hit.title}</span>
                        <span className="text-muted-foreground hidden font-mono text-xs sm:inline">{item.hit.service}</span>
                        <StatusBadge status={item.hit.status} />
                      </>
                    ) : (
                      <>
                        <item.icon className="text-muted-foreground size-4" aria-hidden />
                        <span className="flex-1">{item.label}</span>
                        {item.hint && <kbd className="bg-muted text-muted-foreground rounded px-1.5 font-mono text-[11px]">{item.hint}</kbd>}
                      </>
                    )}
                    {i === current && <CornerDownLeftIcon className="text-muted-foreground size-3.5" aria-hidden />}
                  </li>
                </React.Fragment>
              );
            })}
          </ul>
        </DialogContent>
      </Dialog>
      <Dialog open={help} onOpenChange={setHelp}>
        <DialogContent className="sm:max-w-md" data-testid="shortcuts-dialog">
          <DialogHeader>
            <DialogTitle className="flex items-center gap-2">
              <CommandIcon className="size-4" /> Keyboard shortcuts
            </DialogTitle>
            <DialogDescription>Anywhere in the app, outside text fields.</DialogDescription>
          </DialogHeader>
          <ShortcutList />
        </DialogContent>
      </Dialog>
    </>
  );
}

export function ShortcutList() {
  return (
    <dl className="space-y-2 text-sm">
      {shortcuts.map((s) => (
        <div key={s.what} className="flex items-start justify-between gap-4">
          <dt className="text-muted-foreground">{s.what}</dt>
          <dd className="flex shrink-0 gap-1">
            {s.keys.map((k) => (
              <kbd key={k} className="bg-muted rounded border px-1.5 font-mono text-xs">
                {k}
              </kbd>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
