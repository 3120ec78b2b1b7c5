"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import {
  ActivityIcon,
  BellRingIcon,
  BotIcon,
  BrainIcon,
  DownloadIcon,
  HashIcon,
  Loader2Icon,
  MessageSquareIcon,
  PencilLineIcon,
  ReplyIcon,
  SendIcon,
  StickyNoteIcon,
  XIcon,
} from "lucide-react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { PresenceBar } from "@/components/realtime/presence-bar";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { postMessageAction } from "@/lib/actions/warroom/post-message";
import { toggleReactionAction } from "@/lib/actions/warroom/toggle-reaction";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import {
  mentionQuery,
  REACTIONS,
  threadsOf,
  warRoomKindLabels,
  warRoomKinds,
  type Mentionable,
  type WarRoomItem,
  type WarRoomKind,
  type WarRoomPayload,
} from "@/lib/warroom/shared";

const icons: Record<WarRoomKind, typeof ActivityIcon> = {
  alert: BellRingIcon,
  status: ActivityIcon,
  chat: MessageSquareIcon,
  note: StickyNoteIcon,
  diagnosis: BrainIcon,
  agent: BotIcon,
  change: PencilLineIcon,
};

function clock(iso: string, hydrated: boolean): string {
  const d = new Date(iso);
  return hydrated ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : d.toISOString().slice(11, 19);
}

/** Message text with @mentions highlighted. */
function Body({ text, mentions }: { text: string; mentions?: string[] }) {
  if (!mentions?.length) return <>{text}</>;
  const parts = text.split(/(@[a-z0-9][a-z0-9._-]*)/gi);
  return (
    <>
      {parts.map((p, i) =>
        mentions.includes(p.toLowerCase()) ? (
          <span key={i} className="rounded bg-blue-500/15 px-0.5 font-medium text-blue-700 dark:text-blue-300" data-testid="mention">
            {p}
          </span>
        ) : (
          <React.Fragment key={i}>{p}</React.Fragment>
        ),
      )}
    </>
  );
}

function Line({ item, hydrated, canWrite, onReply, onReact, compact }: { item: WarRoomItem; hydrated: boolean; canWrite: boolean; onReply?: () => void; onReact: (emoji: string) => void; compact?: boolean }) {
  const Icon = icons[item.kind];
  const alert = item.kind === "alert";
  return (
    <li className={cn("group flex gap-2.5 py-1.5", compact && "py-1")} data-testid="war-room-item" data-kind={item.kind} data-id={item.id}>
      <Icon className={cn("mt-0.5 size-4 shrink-0", alert ? "text-red-500" : "text-muted-foreground")} aria-hidden />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
          <span className="font-semibold">{item.author.name}</span>
          {item.author.kind === "persona" && <span className="text-muted-foreground">drill</span>}
          {item.channel && <span className="text-muted-foreground font-mono">{item.channel}</span>}
          {item.level && <span className="rounded bg-red-500/10 px-1 font-mono text-[10px] text-red-600 uppercase">{item.level}</span>}
          <span className="text-muted-foreground ml-auto font-mono tabular-nums">{clock(item.at, hydrated)}</span>
        </div>
        <p className="text-sm break-words whitespace-pre-wrap" data-testid="war-room-body">
          {item.kind === "status" ? (
            <>
              Status {item.fromStatus ? `${item.fromStatus} → ` : ""}
              <strong>{item.toStatus}</strong>
              {item.body ? `: ${item.body}` : ""}
            </>
          ) : (
            <Body text={item.body} mentions={item.mentions} />
          )}
        </p>
        {item.reactions && (Object.keys(item.reactions).length > 0 || canWrite) && (
          <div className="mt-1 flex flex-wrap items-center gap-1">
            {Object.entries(item.reactions).map(([emoji, who]) => (
              <button
                key={emoji}
                type="button"
                disabled={!canWrite}
                onClick={() => onReact(emoji)}
                title={who.join(", ")}
                className="bg-muted hover:bg-muted/70 rounded-full border px-1.5 text-xs"
                data-testid="reaction"
              >
                {emoji} {who.length}
              </button>
            ))}
            {canWrite && (
              <span className="flex gap-0.5 opacity-60 transition-opacity group-hover:opacity-100 focus-within:opacity-100">
                {REACTIONS.filter((r) => !item.reactions?.[r]).map((r) => (
                  <button key={r} type="button" onClick={() => onReact(r)} className="hover:bg-muted rounded px-0.5 text-xs" aria-label={`React ${r}`}>
                    {r}
                  </button>
                ))}
                {onReply && (
                  <button type="button" onClick={onReply} className="text-muted-foreground hover:text-foreground ml-1 flex items-center gap-0.5 text-xs" data-testid="reply">
                    <ReplyIcon className="size-3" /> Reply
                  </button>
                )}
              </span>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

function Composer({ room, workspaceSlug, incidentId, replyTo, onCancelReply, onSent }: { room: WarRoomPayload; workspaceSlug: string; incidentId: string; replyTo: WarRoomItem | null; onCancelReply: () => void; onSent: () => void }) {
  const [text, setText] = React.useState("");
  const [channel, setChannel] = React.useState(room.channels[0] ?? "");
  const [pending, setPending] = React.useState(false);
  const [active, setActive] = React.useState(0);
  const ref = React.useRef<HTMLTextAreaElement>(null);
  const query = mentionQuery(text);
  const suggestions: Mentionable[] = query === null ? [] : room.mentionables.filter((m) => m.handle.slice(1).includes(query) || m.label.toLowerCase().includes(query)).slice(0, 6);
  // A reply goes to its thread's channel when the incident may post there.
  const target = replyTo?.channel && room.channels.includes(replyTo.channel) ? replyTo.channel : channel;

  const complete = (m: Mentionable) => {
    setText((t) => t.replace(/@([a-z0-9._-]*)$/i, `${m.handle} `));
    ref.current?.focus();
  };

  const send = async () => {
    if (!text.trim()) return;
    setPending(true);
    try {
      const r = await postMessageAction(workspaceSlug, incidentId, { body: text, channel: target, threadParentId: replyTo?.id ?? null });
      if (r.ok) {
        setText("");
        onCancelReply();
        onSent();
      } else toast.error(r.error);
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="relative space-y-2 border-t pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {replyTo && (
        <div className="text-muted-foreground flex items-center gap-2 text-xs" data-testid="replying-to">
          <ReplyIcon className="size-3" /> Replying to {replyTo.author.name}: “{replyTo.body.slice(0, 60)}”
          <button type="button" onClick={onCancelReply} aria-label="Cancel reply">
            <XIcon className="size-3" />
          </button>
        </div>
      )}
      {suggestions.length > 0 && (
        <ul className="bg-popover absolute bottom-full left-0 z-10 mb-1 w-64 rounded-md border p-1 shadow-md" role="listbox" data-testid="mention-suggestions">
          {suggestions.map((m, i) => (
            <li key={m.handle}>
              <button
                type="button"
                role="option"
                aria-selected={i === active}
                className={cn("flex w-full items-center justify-between rounded px-2 py-1 text-left text-sm", i === active && "bg-muted")}
                onMouseDown={(e) => {
                  e.preventDefault();
                  complete(m);
                }}
              >
                <span className="font-mono">{m.handle}</span>
                <span className="text-muted-foreground truncate pl-2 text-xs">{m.kind === "group" ? "on-call group" : m.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <label className="sr-only" htmlFor={`channel-${incidentId}`}>
          Channel
        </label>
        <select
          id={`channel-${incidentId}`}
          value={target}
          onChange={(e) => setChannel(e.target.value)}
          disabled={target !== channel}
          className="bg-background h-9 max-w-44 rounded-md border px-2 font-mono text-xs"
          data-testid="chat-channel"
        >
          {room.channels.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <Textarea
          ref={ref}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (suggestions.length && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
              e.preventDefault();
              setActive((a) => (a + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
            } else if (suggestions.length && (e.key === "Tab" || e.key === "Enter")) {
              e.preventDefault();
              complete(suggestions[active]);
            } else if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              void send();
            }
          }}
          placeholder="Message the war room… @ to mention"
          aria-label="Message"
          className="min-h-9 flex-1 text-sm"
          rows={1}
          maxLength={4000}
          data-testid="chat-input"
        />
        <Button type="submit" size="icon" disabled={pending || !text.trim()} aria-label="Send" data-testid="chat-send">
          {pending ? <Loader2Icon className="animate-spin" /> : <SendIcon />}
        </Button>
      </div>
    </form>
  );
}

/**
 * The war room of an incident: one timeline merging alerts, status changes, notes, chat, diagnoses
 * and agent steps, filterable by kind and channel; chat with threads, @mentions and reactions; who
 * else is here. Live for every viewer (timeline events refresh it). Self-contained: mount it with
 * the workspace slug, the incident id and whether the viewer may write.
 */
export function WarRoom({ workspaceSlug, incidentId, canWrite }: { workspaceSlug: string; incidentId: string; canWrite: boolean }) {
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const key = queryKeys.incidentWarRoom(workspaceSlug, incidentId);
  const { data, isLoading, isError } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<WarRoomPayload>(workspaceUrl(workspaceSlug, "incidents", incidentId, "war-room")),
    retry: retryUnless4xx,
  });
  const [hidden, setHidden] = React.useState<Set<WarRoomKind>>(new Set());
  const [channel, setChannel] = React.useState<string>("all");
  const [replyTo, setReplyTo] = React.useState<WarRoomItem | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });

  const react = async (id: string, emoji: string) => {
    const r = await toggleReactionAction(workspaceSlug, id, { emoji });
    if (r.ok) refresh();
    else toast.error(r.error);
  };

  const items = (data?.items ?? []).filter((i) => !hidden.has(i.kind) && (channel === "all" || i.channel === channel));
  const counts = new Map<WarRoomKind, number>();
  for (const i of data?.items ?? []) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const threads = threadsOf(items);

  return (
    <section className="bg-card text-card-foreground rounded-xl border shadow-xs" data-testid="war-room" data-hydrated={hydrated ? "true" : undefined}>
      <header className="flex flex-wrap items-center gap-2 border-b px-4 py-3">
        <h2 className="text-sm font-semibold">War room</h2>
        {data && (
          <span className="text-muted-foreground flex items-center gap-0.5 font-mono text-xs" data-testid="incident-channel">
            <HashIcon className="size-3" />
            {data.incidentChannel.slice(1)}
          </span>
        )}
        <PresenceBar workspaceSlug={workspaceSlug} room={`war-room:${incidentId}`} className="ml-auto" />
        <Button asChild size="sm" variant="ghost" className="h-7">
          <a href={workspaceUrl(workspaceSlug, "incidents", incidentId, "conversation")} download data-testid="export-conversation">
            <DownloadIcon /> <span className="hidden sm:inline">Export</span>
          </a>
        </Button>
      </header>
      <div className="space-y-3 px-4 py-3">
        <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Show kinds">
          {warRoomKinds.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={!hidden.has(k)}
              onClick={() => setHidden((h) => (h.has(k) ? new Set([...h].filter((x) => x !== k)) : new Set([...h, k])))}
              className={cn("rounded-full border px-2 py-0.5 text-xs", hidden.has(k) ? "text-muted-foreground line-through" : "bg-muted")}
              data-testid={`filter-${k}`}
            >
              {warRoomKindLabels[k]} {counts.get(k) ?? 0}
            </button>
          ))}
          {data && data.channels.length > 0 && (
            <select value={channel} onChange={(e) => setChannel(e.target.value)} className="bg-background ml-auto h-7 rounded-md border px-1.5 font-mono text-xs" aria-label="Channel" data-testid="channel-filter">
              <option value="all">All channels</option>
              {[...new Set([...data.channels, ...data.items.map((i) => i.channel).filter((c): c is string => !!c)])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </div>
        {isLoading && <p className="text-muted-foreground text-sm">Loading the war room…</p>}
        {isError && <p className="text-destructive text-sm">Could not load the war room.</p>}
        {data && (
          <ol className="max-h-[32rem] divide-y overflow-y-auto pr-1" data-testid="war-room-list" aria-live="polite">
            {threads.length === 0 && <li className="text-muted-foreground py-2 text-sm">Nothing here yet{hidden.size || channel !== "all" ? " with these filters" : ""}.</li>}
            {threads.map(({ item, replies }) => (
              <React.Fragment key={item.id}>
                <Line item={item} hydrated={hydrated} canWrite={canWrite} onReact={(e) => void react(item.id, e)} onReply={item.kind === "chat" || item.kind === "alert" ? () => setReplyTo(item) : undefined} />
                {replies.length > 0 && (
                  <li className="border-l-2 pl-4" data-testid="thread">
                    <ol>
                      {replies.map((r) => (
                        <Line key={r.id} compact item={r} hydrated={hydrated} canWrite={canWrite} onReact={(e) => void react(r.id, e)} onReply={() => setReplyTo(item)} />
                      ))}
                    </ol>
                  </li>
                )}
              </React.Fragment>
            ))}
          </ol>
        )}
        {data && canWrite && <Composer room={data} workspaceSlug={workspaceSlug} incidentId={incidentId} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} onSent={refresh} />}
      </div>
    </section>
  );
}
