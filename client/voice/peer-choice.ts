// Who to hold a voice connection with: the nearest few by avatar distance, re-chosen as people walk,
// with hysteresis so someone standing on the border of the set does not connect and drop over and over.
// Pure (positions in, ids out) so it is unit-tested and both ends of a pair can reason about it.
import { MAX_VOICE_PEERS } from "../../shared/features/voice.ts";
import { TILE_PX } from "./falloff.ts";

export interface Positioned { id: string; x: number; y: number }

export interface PeerChoiceOptions {
  /** At most this many peers (the mesh's fan-out). */
  max?: number;
  /**
   * A peer already connected keeps its place until a newcomer is nearer by more than this (world
   * px); walking along the border of the set then does not flap.
   */
  keepMarginPx?: number;
}

export const DEFAULT_KEEP_MARGIN_PX = 1.5 * TILE_PX;

/**
 * The ids to be connected with, nearest first. Everyone in `current` is ranked as if it stood
 * `keepMarginPx` nearer than it does: a connected peer is dropped only once `max` others are
 * clearly nearer. Ties are broken by id, so the answer is the same on every run.
 */
export function choosePeers(self: { x: number; y: number }, candidates: readonly Positioned[], current: ReadonlySet<string>, options: PeerChoiceOptions = {}): string[] {
  const max = options.max ?? MAX_VOICE_PEERS;
  const margin = options.keepMarginPx ?? DEFAULT_KEEP_MARGIN_PX;
  return candidates
    .map((c) => ({ id: c.id, rank: Math.hypot(c.x - self.x, c.y - self.y) - (current.has(c.id) ? margin : 0) }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, max))
    .map((c) => c.id);
}

/** Of two members, the one whose id sorts first makes the offer, so two peers never both offer. */
export function isOfferer(selfId: string, otherId: string): boolean {
  return selfId < otherId;
}
