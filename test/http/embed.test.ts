// The widget's HTTP side: the owner's list of sites that may embed a lounge (owner only, checked,
// audited), the widget page's frame-ancestors, the loader and the friendly policy answer.
import assert from "node:assert/strict";
import { api, register } from "../support/accounts.ts";
import { testServer } from "../support/server.ts";
import { buildClient } from "../../scripts/client-build.ts";
import { clientBuildStatus } from "../../scripts/client-build.ts";

async function ownedLounge(visibility: "public" | "private" = "public") {
  const owner = await register();
  const res = await api("/api/lounges", { json: { name: "Embeddable", visibility }, cookie: owner.cookie, headers: { origin: (await testServer()).baseUrl } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { owner, id: res.body.id as string };
}

describe("embedding over HTTP", function () {
  this.timeout(60_000);
  before(async () => { if (!(await clientBuildStatus()).fresh) await buildClient(() => undefined); });

  it("lets the owner read and set the list of sites, audited, and nobody else", async () => {
    const { owner, id } = await ownedLounge();
    const { baseUrl } = await testServer();
    const write = { cookie: owner.cookie, headers: { origin: baseUrl } };
    assert.deepEqual((await api(`/api/lounges/${id}/embed-origins`, { cookie: owner.cookie })).body.origins, []);
    const put = await api(`/api/lounges/${id}/embed-origins`, { ...write, method: "PUT", json: { origins: ["https://blog.example/", "https://blog.example", "http://localhost:3000"] } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.origins, ["https://blog.example", "http://localhost:3000"]);
    const bad = await api(`/api/lounges/${id}/embed-origins`, { ...write, method: "PUT", json: { origins: ["https://blog.example/path"] } });
    assert.equal(bad.status, 400);

    const stranger = await register();
    assert.equal((await api(`/api/lounges/${id}/embed-origins`, { cookie: stranger.cookie })).status, 403);
    assert.equal((await api(`/api/lounges/${id}/embed-origins`, { method: "PUT", json: { origins: [] }, cookie: stranger.cookie, headers: { origin: baseUrl } })).status, 403);
    assert.equal((await api(`/api/lounges/${id}/embed-origins`)).status, 401);

    const audit = await api(`/api/lounges/${id}/audit`, { cookie: owner.cookie });
    const entry = audit.body.entries.find((e: { action: string }) => e.action === "embed-origins");
    assert.deepEqual(entry?.detail.origins, ["https://blog.example", "http://localhost:3000"]);
  });

  it("serves the widget page with the lounge's frame-ancestors and the site's other rules unchanged", async () => {
    const { baseUrl } = await testServer();
    const pub = await ownedLounge("public");
    const priv = await ownedLounge("private");
    const csp = async (id: string) => (await fetch(`${baseUrl}/embed/${id}`)).headers.get("content-security-policy") ?? "";
    assert.match(await csp(pub.id), /frame-ancestors \*/);
    assert.match(await csp(priv.id), /frame-ancestors 'none'/);
    await api(`/api/lounges/${priv.id}/embed-origins`, { method: "PUT", json: { origins: ["https://blog.example"] }, cookie: priv.owner.cookie, headers: { origin: baseUrl } });
    const listed = await fetch(`${baseUrl}/embed/${priv.id}`);
    assert.match(listed.headers.get("content-security-policy") ?? "", /frame-ancestors 'self' https:\/\/blog\.example/);
    assert.match(listed.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.equal(listed.headers.get("x-frame-options"), null);
    // Everywhere else: the site's own policy.
    const home = await fetch(`${baseUrl}/`);
    assert.match(home.headers.get("content-security-policy") ?? "", /frame-ancestors 'self'/);
    assert.equal(home.headers.get("x-frame-options"), "SAMEORIGIN");
  });

  it("hands a new visitor of the widget page a guest cookie (its join goes out before /api/auth/me), and keeps one it has", async () => {
    const { baseUrl } = await testServer();
    const pub = await ownedLounge("public");
    const first = await fetch(`${baseUrl}/embed/${pub.id}`);
    const cookie = first.headers.get("set-cookie") ?? "";
    assert.match(cookie, /^chill_guest=[^;]+;.*HttpOnly/i);
    const again = await fetch(`${baseUrl}/embed/${pub.id}`, { headers: { cookie: cookie.split(";")[0] } });
    assert.equal(again.headers.get("set-cookie"), null);
    // And /api/auth/me, asked with it, hands out no other.
    const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie: cookie.split(";")[0] } });
    assert.equal(me.headers.get("set-cookie"), null);
  });

  it("answers cross-origin whether a site may show a lounge, and serves embed.js to any site", async () => {
    const { baseUrl } = await testServer();
    const priv = await ownedLounge("private");
    const res = await fetch(`${baseUrl}/embed/${priv.id}/policy?origin=${encodeURIComponent("https://blog.example")}`);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    const body = await res.json() as { allowed: boolean; message: string };
    assert.equal(body.allowed, false);
    assert.match(body.message, /private/);
    const loader = await fetch(`${baseUrl}/embed.js`);
    assert.equal(loader.status, 200);
    assert.equal(loader.headers.get("cross-origin-resource-policy"), "cross-origin");
    assert.match(await loader.text(), /ChillLounge/);
    const demo = await fetch(`${baseUrl}/embed/demo`);
    assert.match(await demo.text(), /data-lounge=/);
  });
});
