// Who sits where in the load part: people fill rooms of `loungeSize` in order; in the first rooms
// two seats are observers (decoding SDK clients), a share of the seats walk, and the rest only
// receive. Person k runs in worker k mod W, so every room spans every worker; the observers run in
// a process of their own (worker W), so thousands of sockets do not delay what they time. Pure.
import type { Role } from "./worker-protocol.ts";

export const OBSERVERS_PER_ROOM = 2;

export interface SeatPlan {
  person: number; room: number; role: Role; walkPhase: number; worker: number;
  /** When in each walk period this seat's walks start, as a share of the period (0 ≤ walkAt < 1). */
  walkAt: number;
}

/**
 * A walker's start within the walk period, fixed by who it is (not by the order joins happened to
 * complete in, which differs between servers and runs): the golden-ratio sequence spreads a room's
 * walkers over the period, as people who walk when they like would be, the same for both servers.
 */
export function walkAtOf(person: number): number {
  const golden = (Math.sqrt(5) - 1) / 2;
  return (person * golden) % 1;
}

export interface SeatingRules { loungeSize: number; walkersPercent: number; observers: number; workers: number }

/** Rooms needed for `people`. */
export function roomsFor(people: number, loungeSize: number): number {
  return Math.ceil(people / loungeSize);
}

/** The seats of people `from` (inclusive) to `to` (exclusive): growing a run keeps everyone already seated where they are. */
export function planSeats(from: number, to: number, rules: SeatingRules): SeatPlan[] {
  const share = rules.walkersPercent / 100;
  const observedRooms = Math.ceil(rules.observers / OBSERVERS_PER_ROOM);
  const seats: SeatPlan[] = [];
  for (let person = from; person < to; person++) {
    const room = Math.floor(person / rules.loungeSize);
    const slot = person % rules.loungeSize;
    const observerSlots = room < observedRooms ? Math.min(OBSERVERS_PER_ROOM, rules.observers - room * OBSERVERS_PER_ROOM) : 0;
    // Walkers are spread evenly over the seats (every fifth at 20 %), so a part-filled room has its share too.
    const walks = Math.floor((slot + 1) * share) > Math.floor(slot * share);
    const role: Role = slot < observerSlots ? "observer" : walks ? "walker" : "receiver";
    seats.push({ person, room, role, walkPhase: slot % 2, walkAt: walkAtOf(person), worker: role === "observer" ? rules.workers : person % rules.workers });
  }
  return seats;
}
