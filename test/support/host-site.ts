// A tiny static site on its own port, to play a host page that embeds a lounge from another
// origin (http://127.0.0.1:<port>) — and, as http://localhost:<port>, a third origin.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface HostSite { port: number; origin: string; otherOrigin: string; pages: Map<string, string>; close(): Promise<void> }

export async function hostSite(): Promise<HostSite> {
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    const page = pages.get(path);
    res.writeHead(page === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    res.end(page ?? "not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    port, origin: `http://127.0.0.1:${port}`, otherOrigin: `http://localhost:${port}`, pages,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** A host page with the loader, recording every event the lounge sends into `window.events`. */
export function hostPage(loungeOrigin: string, body: string, scriptAttrs = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A host site</title></head>
<body style="font-family:sans-serif;margin:0;padding:16px"><h1>Someone's website</h1>${body}
<script>window.events = []; window.hook = () => { for (const t of ["ready","joined","message","people","nowPlaying","error"]) ChillLounge.on(t, (d) => window.events.push({ type: t, ...d })); };</script>
<script src="${loungeOrigin}/embed.js" ${scriptAttrs} async onload="hook()"></script></body></html>`;
}
