// Fixtures: a lounge record and SDK clients joined to it.
import type { Room as SDKRoom } from "@colyseus/sdk";
import { testServer } from "./server.ts";
import type { CreateLoungeBody } from "../../shared/api.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import { createLoungeBody } from "../../shared/api.ts";

export async function createLounge(body: Partial<CreateLoungeBody> = {}) {
  const ts = await testServer();
  return ts.lounge.context.lounges.create(createLoungeBody.parse({ name: "Test lounge", ...body }));
}

export type LoungeClient = SDKRoom<unknown, LoungeState>;

export async function join(loungeId: string, name = "Ada", avatar = "fox"): Promise<LoungeClient> {
  const ts = await testServer();
  const room = await ts.colyseus.sdk.joinOrCreate<LoungeState>("lounge", { loungeId, name, avatar });
  await room.waitForInitialState();
  return room as LoungeClient;
}

/** Leaves every given room, ignoring ones already gone (their leave() may never settle). */
export async function leaveAll(...rooms: Array<{ leave(consented?: boolean): Promise<unknown> } | undefined>): Promise<void> {
  const giveUp = new Promise((r) => setTimeout(r, 2000).unref());
  await Promise.allSettled(rooms.map((r) => Promise.race([r?.leave(true), giveUp])));
}
