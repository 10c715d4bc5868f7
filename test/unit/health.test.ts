// /health as a proxy reads it: 200 while the process takes people, 503 once it drains.
import assert from "node:assert/strict";
import type { Request, Response } from "express";
import { healthRoute } from "../../server/http/health.ts";
import type { DatabaseHandle } from "../../server/db/client.ts";

function call(draining: boolean): Promise<{ status: number; body: { ok: boolean; checks: Record<string, string> } }> {
  const database = { kind: "pglite", ping: async () => {} } as unknown as DatabaseHandle;
  return new Promise((resolve) => {
    const res = {
      statusCode: 200,
      status(code: number) { this.statusCode = code; return this; },
      json(body: { ok: boolean; checks: Record<string, string> }) { resolve({ status: this.statusCode, body }); return this; },
    };
    void healthRoute(database, undefined, () => draining)({} as Request, res as unknown as Response, () => {});
  });
}

describe("GET /health", () => {
  it("answers 200 with its checks while the process takes people", async () => {
    const { status, body } = await call(false);
    assert.equal(status, 200);
    assert.equal(body.ok, true);
    assert.equal(body.checks.database, "ok (pglite)");
  });

  it("answers 503 while the process drains, so a proxy sends nobody new", async () => {
    const { status, body } = await call(true);
    assert.equal(status, 503);
    assert.equal(body.ok, false);
    assert.match(body.checks.process, /draining/);
  });
});
