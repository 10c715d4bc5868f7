// One benchmark worker process: joins its share of clients, then each client chats once a second
// and changes walking direction every ~2 s, recording what it observes. Reports samples at the end.
import { Client, type Room } from "@colyseus/sdk";
import type { LoungeState } from "../shared/state/lounge-state.ts";

interface Job { url: string; loungeIds: string[]; clients: number; offset: number; seconds: number; worker: number }

const send = (m: unknown) => process.send?.(m);

process.once("message", async (job: Job) => {
  const rooms: Array<Room<unknown, LoungeState>> = [];
  const chatLatency: number[] = [];
  const moveLatency: number[] = [];
  let acked = 0, failed = 0, joinFailed = 0;
  // sessionId → time its latest walk intent was sent (movers in this process).
  const intents = new Map<string, number>();
  const client = new Client(job.url);
  for (let i = 0; i < job.clients; i++) {
    const loungeId = job.loungeIds[(job.offset + i) % job.loungeIds.length];
    try {
      const room = await client.joinOrCreate<LoungeState>("lounge", { loungeId, name: `w${job.worker}c${i}`, avatar: "robot" });
      room.onMessage("*", () => {});
      room.reconnection.enabled = false;
      let seenChat = -1;
      const dirs = new Map<string, string>();
      room.onStateChange((state) => {
        const now = Date.now();
        // Chat: every message not our own carries its send time in the nonce.
        const last = state.chat.length ? state.chat[state.chat.length - 1].id : -1;
        if (seenChat === -1) seenChat = last;
        for (const m of state.chat) {
          if (m.id <= seenChat) continue;
          if (m.authorSessionId !== room.sessionId) {
            const sent = Number(m.nonce.split(":")[1]);
            if (sent) chatLatency.push(now - sent);
          }
        }
        seenChat = Math.max(seenChat, last);
        // Movement: a mover of this process changed direction → time from its intent to us seeing it.
        state.players.forEach((p, sid) => {
          const prev = dirs.get(sid);
          if (prev !== undefined && prev !== p.dir && sid !== room.sessionId) {
            const t = intents.get(sid);
            if (t) moveLatency.push(now - t);
          }
          dirs.set(sid, p.dir);
        });
      });
      rooms.push(room);
      send({ type: "joined" });
    } catch {
      joinFailed++;
      send({ type: "join-failed" });
    }
  }
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  const order = [[1, 0], [0, 1], [-1, 0], [0, -1]];
  const timers = rooms.map((room, i) => {
    let tick = i % 4;
    return setInterval(() => {
      const sent = Date.now();
      room.request("chat:send", { text: `hello ${tick}`, nonce: `${job.worker}:${sent}` }).then(() => acked++, () => failed++);
      if (tick % 2 === 0) {
        const [dx, dy] = order[(tick / 2) % 4];
        intents.set(room.sessionId, Date.now());
        room.send("avatar:walk", { dx, dy });
      }
      tick++;
    }, 1000 + (i % 7) * 3);
  });
  await new Promise((r) => setTimeout(r, job.seconds * 1000));
  timers.forEach(clearInterval);
  await new Promise((r) => setTimeout(r, 500));
  send({ type: "result", chatLatency, moveLatency, acked, failed, joinFailed, connected: rooms.length });
  await Promise.allSettled(rooms.map((r) => r.leave(true)));
  process.exit(0);
});
