// Fixtures: a lounge record and SDK clients joined to it.
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { testServer } from "./server.ts";
import type { CreateLoungeBody } from "../../shared/api.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import { createLoungeBody } from "../../shared/api.ts";
import { recordChat } from "./chat-log.ts";

export async function createLounge(body: Partial<CreateLoungeBody> = {}) {
  const ts = await testServer();
  return ts.lounge.context.lounges.create(createLoungeBody.parse({ name: "Test lounge", ...body }));
}

export type LoungeClient = SDKRoom<unknown, LoungeState>;

export async function join(loungeId: string, name = "Ada", avatar = "fox"): Promise<LoungeClient> {
  const ts = await testServer();
  const room = await ts.colyseus.sdk.joinOrCreate<LoungeState>("lounge", { loungeId, name, avatar });
  recordChat(room);
  await room.waitForInitialState();
  return room as LoungeClient;
}

/** Leaves every given room, ignoring ones already gone (their leave() may never settle). */
export async function leaveAll(...rooms: Array<{ leave(consented?: boolean): Promise<unknown> } | undefined>): Promise<void> {
  const giveUp = new Promise((r) => setTimeout(r, 2000).unref());
  await Promise.allSettled(rooms.map((r) => Promise.race([r?.leave(true), giveUp])));
}

/** Cuts a client's connection from the server side without a consented leave, as a network drop would. */
export async function dropConnection(client: LoungeClient): Promise<void> {
  const room = matchMaker.getLocalRoomById(client.roomId);
  const serverSide = room?.clients.getById(client.sessionId);
  assert.ok(serverSide, "client is connected");
  (serverSide.ref as unknown as { terminate(): void }).terminate();
}
