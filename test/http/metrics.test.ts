// GET /metrics: Prometheus text for operators, only with the bearer token.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll } from "../support/lounges.ts";
import { refusal } from "../support/wait.ts";

const TOKEN = "test-metrics-token-0123456789";

async function scrape(authorization?: string): Promise<{ status: number; text: string; type: string }> {
  const { baseUrl } = await testServer();
  const res = await fetch(`${baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
}

/** The value of one sample, e.g. `chill_messages_received_total{type="chat:send"}`. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /metrics", () => {
  it("answers only with the bearer token", async () => {
    assert.equal((await scrape()).status, 401);
    assert.equal((await scrape("Bearer wrong-token-wrong-token")).status, 401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    assert.equal(ok.status, 200);
    assert.match(ok.type, /text\/plain/);
    assert.match(ok.text, /chill_process_cpu_user_seconds_total/);
    assert.match(ok.text, /chill_nodejs_eventloop_lag_seconds/);
  });

  it("counts messages by type, refusals by code, chat store time, lounges open and people connected", async () => {
    const before = (await scrape(`Bearer ${TOKEN}`)).text;
    const { id } = await createLounge();
    const a = await join(id, "Ada", "fox");
    const b = await join(id, "Bo", "cat");
    try {
      await a.request("chat:send", { text: "counted", nonce: "m1" });
      await refusal(a.request("chat:send", { text: "", nonce: "m2" }));
      const after = (await scrape(`Bearer ${TOKEN}`)).text;
      const grew = (series: string) => sample(after, series) - sample(before, series);
      assert.equal(grew('chill_messages_received_total{type="chat:send"}'), 2);
      assert.equal(grew('chill_messages_refused_total{code="INVALID_MESSAGE"}'), 1);
      assert.equal(grew("chill_chat_store_seconds_count"), 1);
      assert.ok(sample(after, "chill_lounges_open") >= 1);
      assert.ok(sample(after, "chill_people_connected") >= 2);
      assert.equal(grew("chill_joins_total"), 2);
    } finally {
      await leaveAll(a, b);
    }
  });
  it("has every series the provisioned Grafana dashboard graphs (deploy/grafana)", async () => {
    const dashboard = JSON.parse(readFileSync(new URL("../../deploy/grafana/dashboards/chill-lounge.json", import.meta.url), "utf8")) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
    const { text } = await scrape(`Bearer ${TOKEN}`);
    const graphed = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => (t.expr.match(/chill_[a-z0-9_]+/g) ?? []).map((series) => ({ panel: p.title, series }))));
    assert.ok(graphed.length >= 10, "the dashboard graphs the lounge's series");
    // A histogram's or labelled counter's series may have no sample yet: its TYPE line is there.
    const exported = (series: string) => text.includes(`\n${series}`) || text.includes(`# TYPE ${series.replace(/_(bucket|sum|count)$/, "")} `);
    assert.deepEqual(graphed.filter((g) => !exported(g.series)), [], "series the dashboard graphs that /metrics does not export");
  });
});
