// The demo page (/embed/demo): the snippet a site copies, with the live widget it makes beside it,
// launcher and inline. Plain HTML from the server: no script but the loader itself.

import { escapeHtml } from "./html.ts";

export function demoPage(origin: string, loungeId: string | undefined): string {
  const id = loungeId ?? "LOUNGE_ID";
  const launcher = `<script src="${origin}/embed.js" data-lounge="${id}" async></script>`;
  const inline = `<div data-chill-lounge="${id}" style="width:360px;height:520px"></div>`;
  const api = `ChillLounge.push(["open"]);\nChillLounge.on("message", (m) => console.log(m.author, m.text));\nChillLounge.push(["sendChat", { text: "Hello from the host page" }]);`;
  const body = loungeId
    ? `<div class="demo-inline">${inline}</div>\n<script src="/embed.js" data-lounge="${escapeHtml(loungeId)}" async></script>`
    : `<p><strong>No public lounge yet.</strong> Create one on the <a href="/">start page</a>, then open <code>/embed/demo?lounge=ID</code>.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Embed a Chill Lounge</title>
<style>body{font-family:system-ui,sans-serif;background:#fbf4ec;color:#2b2030;margin:0;padding:2rem;line-height:1.5}
main{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}section{max-width:560px}
pre{background:#241b2f;color:#f6e7d8;padding:1rem;border-radius:8px;overflow:auto;white-space:pre-wrap;word-break:break-all}</style></head>
<body><h1>Put a lounge on your site</h1>
<main><section>
<p>One line shows a launcher in the corner; opening it shows the lounge:</p>
<pre>${escapeHtml(launcher)}</pre>
<p>Or fill a box on the page with it:</p>
<pre>${escapeHtml(inline)}</pre>
<p>Options go in <code>data-</code> attributes (<code>data-position="bottom-left"</code>, <code>data-size="large"</code>, <code>data-open="true"</code>, <code>data-name="Ada"</code>, <code>data-accent="#3b82f6"</code>, <code>data-theme="dark"</code>), or drive it from script:</p>
<pre>${escapeHtml(api)}</pre>
<p>The lounge's owner chooses which sites may embed it under <em>Manage lounge → Embedding</em>.</p>
</section>
${body}</main></body></html>`;
}
