// Gathers the operator's overview from Colyseus' own records: the matchmaker's process stats and
// room cache (shared through Redis when several processes serve), and each lounge's people asked
// of the room itself, on whichever process hosts it.
import { matchMaker, type IRoomCache } from "@colyseus/core";
import type { OperatorLounge, OperatorOverview, OperatorPerson, OperatorProcess } from "../../shared/operator.ts";
import type { LoungeRoom } from "../rooms/lounge-room.ts";

/**
 * Where clients reach each process, by process id. Colyseus keeps a process's address only on its
 * rooms' listings, so a process with no lounge open would have none; each process says it here.
 */
const ADDRESSES_KEY = "chill:process-addresses";

/** Called once listening: this process's address, for every process's overview. */
export async function announceProcess(address: string): Promise<void> {
  await matchMaker.presence.hset(ADDRESSES_KEY, matchMaker.processId, address);
}

/** Called when the process starts draining. */
export async function forgetProcess(): Promise<void> {
  await matchMaker.presence.hdel(ADDRESSES_KEY, matchMaker.processId);
}

/** How long a lounge's process has to say who is inside before the lounge is listed as unreachable. */
const PEOPLE_TIMEOUT_MS = 2000;

async function peopleIn(lounge: IRoomCache): Promise<OperatorPerson[]> {
  const people: unknown = await matchMaker.remoteRoomCall<LoungeRoom>(lounge.roomId, "operatorPeople", [], PEOPLE_TIMEOUT_MS);
  if (!Array.isArray(people)) throw new Error(`lounge ${lounge.roomId} answered something other than a list of people`);
  return people as OperatorPerson[];
}

async function processesOf(rooms: IRoomCache[], accepting: Array<{ processId: string; roomCount: number; ccu: number }>, loungeKinds: ReadonlySet<string>): Promise<OperatorProcess[]> {
  const self = matchMaker.processId;
  const stats = new Map(accepting.map((s) => [s.processId, s]));
  // A draining process has left the stats (it takes no new rooms) but its rooms stay cached until they close.
  const ids = new Set([self, ...stats.keys(), ...rooms.map((r) => r.processId)]);
  const addresses: Record<string, string> = (await matchMaker.presence.hgetall(ADDRESSES_KEY)) ?? {};
  // A process killed outright never said goodbye: once Colyseus has dropped it too, so does the list.
  const gone = Object.keys(addresses).filter((id) => !ids.has(id));
  await Promise.all(gone.map((id) => matchMaker.presence.hdel(ADDRESSES_KEY, id)));
  return [...ids].map((processId) => {
    const own = rooms.filter((r) => r.processId === processId);
    const isSelf = processId === self;
    return {
      processId,
      address: addresses[processId] ?? own.find((r) => r.publicAddress)?.publicAddress ?? null,
      lounges: own.filter((r) => loungeKinds.has(r.name)).length,
      clients: stats.get(processId)?.ccu ?? own.reduce((sum, r) => sum + r.clients, 0),
      draining: isSelf ? matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN : !stats.has(processId),
      self: isSelf,
    };
  }).sort((a, b) => Number(b.self) - Number(a.self) || a.processId.localeCompare(b.processId));
}

export async function operatorOverview(loungeKinds: readonly string[]): Promise<OperatorOverview> {
  const kinds = new Set(loungeKinds);
  const [rooms, accepting] = await Promise.all([matchMaker.query({}), matchMaker.stats.fetchAll()]);
  const loungeRooms = rooms.filter((r) => kinds.has(r.name)).sort((a, b) => b.clients - a.clients || a.roomId.localeCompare(b.roomId));
  const lounges: OperatorLounge[] = loungeRooms.map((r) => ({
    id: r.roomId, name: typeof r.metadata?.name === "string" ? r.metadata.name : r.roomId, kind: r.name,
    people: r.clients, capacity: r.maxClients, processId: r.processId, locked: r.locked ?? false,
  }));
  const answers = await Promise.allSettled(loungeRooms.map(peopleIn));
  const unreachable = loungeRooms.filter((_, i) => answers[i].status === "rejected").map((r) => r.roomId);
  const people = answers.flatMap((a) => (a.status === "fulfilled" ? a.value : []));
  return { generatedAt: new Date().toISOString(), processes: await processesOf(rooms, accepting, kinds), lounges, people, unreachable };
}
