// The multi-process setup run for real, without Docker: Debian's nginx with deploy/nginx.conf (the
// file docker-compose mounts) in front of two server processes, Postgres and Redis. Everything
// goes through the proxy: the page, the REST API, matchmaking (either process) and WebSockets
// under each process's own prefix (its PUBLIC_ADDRESS, `<proxy>/lounge-N`).
import assert from "node:assert/strict";
import { Client, CloseCode, type Room } from "@colyseus/sdk";
import { twoProcesses, type ServerProcess } from "../support/process.ts";
import { freePort } from "../support/services.ts";
import { requireNginx, startProxy, type AccessLine, type Proxy } from "../support/nginx.ts";
import { leaveAll } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import { ensureClientBuilt } from "../../scripts/client-build.ts";
import type { ChatAck } from "../../shared/protocol.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import { chatOf, recordChat } from "../support/chat-log.ts";

type LoungeClient = Room<unknown, LoungeState>;

describe("two processes behind nginx with deploy/nginx.conf", function () {
  this.timeout(180_000);
  let nginx = "";
  let proxyPort = 0;
  let proxy: Proxy | undefined;
  const rooms: LoungeClient[] = [];

  before(async function () {
    nginx = await requireNginx(this);
    proxyPort = await freePort();
  });
  after(async () => {
    await leaveAll(...rooms);
    await proxy?.stop();
  });
  // As in docker-compose.yml: each process is reached at the proxy, under its own prefix.
  const { servers } = twoProcesses("chill_proxy", 1 + ((process.pid + 5) % 15), (i) => ({
    DEFAULT_LOUNGE: "false", TRUST_PROXY: "loopback", PUBLIC_ADDRESS: `127.0.0.1:${proxyPort}/lounge-${i + 1}`,
  }));
  before(async function () {
    this.timeout(300_000);
    proxy = await startProxy(nginx, servers.map((s) => s.port), proxyPort);
    await ensureClientBuilt((line) => console.log(`      ${line}`));
  });

  const hostOf = (loungeId: string): ServerProcess | undefined => servers.find((s) => s.lines.some((l) => l.includes("lounge opened") && l.includes(loungeId)));

  async function createLounge(base: string, name: string): Promise<string> {
    const created = await fetch(`${base}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
    assert.equal(created.status, 201, `POST /api/lounges through the proxy: ${created.status}`);
    return ((await created.json()) as { id: string }).id;
  }

  async function joinThroughProxy(base: string, loungeId: string, name: string, avatar: string): Promise<LoungeClient> {
    const room = await new Client(base).joinOrCreate<LoungeState>("lounge", { loungeId, name, avatar });
    recordChat(room);
    room.reconnection.enabled = false;
    room.onMessage("*", () => {});
    rooms.push(room);
    return room;
  }

  /** nginx logs a WebSocket when it closes: the 101 lines of the sockets into room `roomId`. */
  async function socketLines(roomId: string, count: number): Promise<AccessLine[]> {
    return waitFor(async () => {
      const lines = (await proxy!.accessLog()).filter((l) => l.status === 101 && l.path.endsWith(`/${roomId}`));
      return lines.length >= count ? lines : undefined;
    }, { what: `the proxy's lines for ${count} sockets into ${roomId}`, timeout: 10_000 });
  }

  it("serves the page, REST, matchmaking and each process's WebSockets, and two people matched by different processes chat in one lounge", async () => {
    assert.ok(proxy);
    const base = proxy.url;

    // The page and its script.
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    assert.ok(script, "the page loads a script");
    const asset = await fetch(new URL(script, base));
    assert.equal(asset.status, 200, `${script} through the proxy`);
    assert.match(asset.headers.get("content-type") ?? "", /javascript/);
    const health = (await (await fetch(`${base}/health`)).json()) as { ok: boolean };
    assert.equal(health.ok, true);

    // REST, then two joins in a row: nginx sends them to the two processes in turn.
    const id = await createLounge(base, "Behind the proxy");
    const ada = await joinThroughProxy(base, id, "Ada", "fox");
    const bo = await joinThroughProxy(base, id, "Bo", "cat");
    const matchmaking = (await proxy.accessLog()).filter((l) => l.path === "/matchmake/joinOrCreate/lounge");
    assert.equal(matchmaking.length, 2);
    assert.deepEqual(matchmaking.map((l) => l.status), [200, 200]);
    assert.notEqual(matchmaking[0].upstream, matchmaking[1].upstream, "Ada and Bo were matched by different processes");
    assert.deepEqual(new Set(matchmaking.map((l) => l.upstream)), new Set(servers.map((s) => `127.0.0.1:${s.port}`)));

    // One lounge, one room: they see each other and chat both ways.
    await waitFor(() => ada.state.players?.size === 2 && bo.state.players?.size === 2 || undefined, { what: "Ada and Bo to see each other", timeout: 10_000 });
    const fromAda = await ada.request<unknown, ChatAck>("chat:send", { text: "hello through nginx", nonce: "a1" });
    const fromBo = await bo.request<unknown, ChatAck>("chat:send", { text: "hello back", nonce: "b1" });
    await waitFor(() => chatOf(bo).find(fromAda.id) || undefined, { what: "Ada's message at Bo" });
    await waitFor(() => chatOf(ada).find(fromBo.id) || undefined, { what: "Bo's message at Ada" });
    const list = (await (await fetch(`${base}/api/lounges`)).json()) as { lounges: Array<{ id: string; online: number }> };
    assert.equal(list.lounges.find((l) => l.id === id)?.online, 2);
    const history = (await (await fetch(`${base}/api/lounges/${id}/messages`)).json()) as { messages: Array<{ id: number }> };
    assert.deepEqual(history.messages.map((m) => m.id).sort(), [fromAda.id, fromBo.id].sort());

    // A lounge on the other process, so both prefixes carry WebSockets (the least busy process
    // opens a new lounge; its room count reaches the other process within a second).
    const host = hostOf(id);
    assert.ok(host, "one process hosts the lounge");
    let cy: LoungeClient | undefined;
    for (let attempt = 0; attempt < 5 && !cy; attempt++) {
      const other = await createLounge(base, `Next door ${attempt}`);
      const joined = await joinThroughProxy(base, other, "Cy", "owl");
      if (hostOf(other) !== host) cy = joined;
      else { await joined.leave(true); await new Promise((r) => setTimeout(r, 1100)); }
    }
    assert.ok(cy, "a lounge opened on the other process");
    const ack = await cy.request<unknown, ChatAck>("chat:send", { text: "next door", nonce: "c1" });
    assert.ok(ack.id > 0);

    // Each socket went through the prefix of the process hosting its room, and reached it.
    await leaveAll(ada, bo, cy);
    for (const [roomId, people] of [[id, 2], [cy.roomId, 1]] as const) {
      const hosting = hostOf(roomId);
      assert.ok(hosting);
      const n = servers.indexOf(hosting) + 1;
      for (const line of await socketLines(roomId, people)) {
        assert.ok(line.path.startsWith(`/lounge-${n}/`), `${line.path} goes through /lounge-${n}/`);
        assert.equal(line.upstream, `127.0.0.1:${hosting.port}`);
      }
    }
  });

  it("gives a signed-in person, known by their session cookie as in a browser, their seat back after a drop", async () => {
    assert.ok(proxy);
    const base = proxy.url;
    const registered = await fetch(`${base}/api/auth/register`, {
      method: "POST", headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ username: `dee_${process.pid}`, password: "correct horse battery", displayName: "Dee", avatar: "cat" }),
    });
    assert.equal(registered.status, 201);
    const session = registered.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("chill_session="));
    assert.ok(session, "signed in with a session cookie");
    // What a page on the proxy's origin sends: its Origin and its cookies, on HTTP and WebSockets.
    const browser = { origin: base, cookie: session };

    const id = await createLounge(base, "Members only");
    const dee = await new Client(base, { headers: browser }).joinOrCreate<LoungeState>("lounge", { loungeId: id });
    dee.reconnection.enabled = false;
    dee.onMessage("*", () => {});
    rooms.push(dee);
    const eve = await joinThroughProxy(base, id, "Eve", "owl");
    await waitFor(() => eve.state.players?.get(dee.sessionId)?.userId || undefined, { what: "Eve to see Dee, signed in" });

    // The connection drops (as the page's own code lets it go); the server holds the seat.
    dee.connection.close(CloseCode.MAY_TRY_RECONNECT, "network went away");
    await waitFor(() => eve.state.players.get(dee.sessionId)?.connected === false || undefined, { what: "Dee's seat held" });
    const back = await new Client(base, { headers: browser }).reconnect<LoungeState>(dee.reconnectionToken);
    rooms.push(back);
    back.onMessage("*", () => {});
    await waitFor(() => eve.state.players.get(dee.sessionId)?.connected === true || undefined, { what: "Dee back in her seat (refused when the proxy hides the page's host)", timeout: 10_000 });
    assert.equal(back.sessionId, dee.sessionId);
  });
});
