// The operator page's HTML: three tables rendered on the server (no script), refreshed every 10 s.
import type { OperatorOverview } from "../../shared/operator.ts";
import { escapeHtml } from "./html.ts";

const REFRESH_SECONDS = 10;

const STYLE = `body{font-family:system-ui,sans-serif;background:#241b2f;color:#f6e7d8;margin:0;padding:1.5rem 2rem}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem}p{margin:.25rem 0;color:#d9c8b8}
table{border-collapse:collapse;min-width:32rem}th,td{text-align:left;padding:.3rem .8rem;border-bottom:1px solid #4a3a5c}
th{color:#c8b3e6;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.9em}a{color:#ffcf7a}
.warn{color:#ffb36b}`;

function page(title: string, body: string, refresh: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">${refresh ? `<meta http-equiv="refresh" content="${REFRESH_SECONDS}">` : ""}
<meta name="robots" content="noindex"><link rel="icon" href="/favicon.svg"><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function table(id: string, caption: string, head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<h2>${caption}</h2><p id="${id}-empty">${escapeHtml(empty)}</p>`;
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const tr = rows.map((r) => `<tr>${r.join("")}</tr>`).join("\n");
  return `<h2>${caption}</h2><table id="${id}"><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

const td = (text: string | number) => (typeof text === "number" ? `<td class="n">${text}</td>` : `<td>${escapeHtml(text)}</td>`);

export function operatorPage(overview: OperatorOverview, operator: string): string {
  const loungeName = new Map(overview.lounges.map((l) => [l.id, l.name]));
  const processes = table("processes", `Processes (${overview.processes.length})`, ["Process", "Address", "Lounges", "Connections", "State"],
    overview.processes.map((p) => [td(`${p.processId}${p.self ? " (this one)" : ""}`), td(p.address ?? "—"), td(p.lounges), td(p.clients), td(p.draining ? "draining" : "serving")]),
    "No process is registered.");
  const lounges = table("lounges", `Lounges open (${overview.lounges.length})`, ["Lounge", "Id", "Kind", "People", "Process", ""],
    overview.lounges.map((l) => [td(l.name), `<td><code>${escapeHtml(l.id)}</code></td>`, td(l.kind), td(`${l.people} / ${l.capacity}`), td(l.processId), td(l.locked ? "locked" : "")]),
    "No lounge is open: a lounge opens when its first person joins.");
  const people = table("people", `People (${overview.people.length})`, ["Name", "Lounge", "Role", "Signed in as", "Connection"],
    overview.people.map((p) => [td(p.name), td(loungeName.get(p.loungeId) ?? p.loungeId), td(p.role), td(p.userId ? `account ${p.userId}` : "guest"), td(p.connected ? "connected" : "reconnecting")]),
    "Nobody is in a lounge.");
  const unreachable = overview.unreachable.length
    ? `<p class="warn" id="unreachable">No answer in time from the process of ${overview.unreachable.length} lounge(s): ${overview.unreachable.map((id) => `<code>${escapeHtml(id)}</code>`).join(", ")}. Their people are not listed.</p>`
    : "";
  const at = new Date(overview.generatedAt).toISOString().replace("T", " ").slice(0, 19);
  return page("Chill Lounge — operator", `<h1>Chill Lounge — operator</h1>
<p>Signed in as <strong>${escapeHtml(operator)}</strong>. As of ${at} UTC; this page refreshes every ${REFRESH_SECONDS} s. The same data as JSON: <a href="/api/operator/overview"><code>/api/operator/overview</code></a>.</p>
${processes}
${lounges}
${unreachable}
${people}`, true);
}

/** What a visitor who is not an operator sees, with the way forward. */
export function refusalPage(status: number, message: string): string {
  const next = status === 401
    ? `<p><a href="/">Sign in on the start page</a> with an operator's account, then come back to <code>/operator</code>.</p>`
    : `<p><a href="/">Back to the lounges</a></p>`;
  return page("Chill Lounge — operator", `<h1>Operators only</h1><p id="refusal">${escapeHtml(message)}</p>${next}`, false);
}
