/**
 * Request examples written in the docs: curl commands in fenced `bash` blocks, and JSON blocks marked
 * with `<!-- openapi: METHOD /api/v1/path -->` on the line before. The OpenAPI test checks each one
 * against the document, so the docs cannot show a request the API would refuse.
 */
export type DocExample = { file: string; line: number; method: string; path: string; body?: unknown; bodyText?: string };

const FENCE = /^```(\w*)\s*$/;
const MARK = /^<!--\s*openapi:\s*([A-Z]+)\s+(\S+)\s*-->$/;

export function extractExamples(file: string, markdown: string): DocExample[] {
  const lines = markdown.split("\n");
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const mark = MARK.exec(lines[start - 1]?.trim() ?? "") ?? MARK.exec(lines[start - 2]?.trim() ?? "");
    if (open[1] === "json" && mark) {
      const text = body.join("\n");
      out.push({ file, line: start + 1, method: mark[1], path: mark[2], body: JSON.parse(text), bodyText: text });
    } else if (open[1] === "bash" || open[1] === "sh" || open[1] === "shell") {
      out.push(...curlCommands(body).map((c) => ({ file, line: start + 2 + c.offset, ...c.example })));
    }
  }
  return out;
}

/** Joins continuation lines, then reads method, /api/v1 path and JSON body of each curl command. */
function curlCommands(lines: string[]): { offset: number; example: Omit<DocExample, "file" | "line"> }[] {
  const commands: { offset: number; text: string }[] = [];
  let current: { offset: number; text: string } | undefined;
  lines.forEach((raw, offset) => {
    const line = raw.replace(/\s+#\s.*$/, "");
    if (current) current.text += " " + line.trim();
    else if (/^\s*curl\s/.test(line)) current = { offset, text: line.trim() };
    if (current && !/\\\s*$/.test(line)) {
      commands.push({ ...current, text: current.text.replace(/\\\s+/g, " ") });
      current = undefined;
    }
  });
  const out: { offset: number; example: Omit<DocExample, "file" | "line"> }[] = [];
  for (const { offset, text } of commands) {
    const url = /(?:https?:\/\/[^/\s'"]+|localhost:\d+)?(\/api\/v1\/[^\s'"?]*)/.exec(text);
    if (!url) continue;
    const data = /(?:-d|--data(?:-raw)?)\s+'([^']*)'/.exec(text) ?? /(?:-d|--data(?:-raw)?)\s+"((?:[^"\\]|\\.)*)"/.exec(text);
    const fileData = /(?:-d|--data(?:-raw)?)\s+@/.test(text);
    const explicit = /(?:^|\s)-X\s*([A-Z]+)/.exec(text)?.[1];
    const method = explicit ?? (data || fileData ? "POST" : "GET");
    const bodyText = data?.[1];
    out.push({ offset, example: { method, path: url[1], bodyText, body: bodyText !== undefined ? JSON.parse(bodyText) : undefined } });
  }
  return out;
}

/** Whether a concrete path (`/api/v1/incidents/$ID`) fits a templated one (`/api/v1/incidents/{id}`). */
export function matchesTemplate(template: string, path: string): boolean {
  const pattern = template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${pattern}/?$`).test(path);
}
