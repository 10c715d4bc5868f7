// How loud someone is by how far their avatar stands from yours: full within ~2 tiles, fading to
// silence at ~6 tiles. Pure, so the curve is unit-tested and the UI can say "out of earshot".

export const TILE_PX = 32;
/** Full volume up to here (world px)… */
export const FULL_VOLUME_PX = 2 * TILE_PX;
/** …and silence from here on. */
export const SILENT_PX = 6 * TILE_PX;

/**
 * Playback volume (0…1) for a speaker `distance` world px away. Between the two radii it falls
 * along a squared curve: loudness is heard roughly logarithmically, so a straight line would sound
 * like it stays loud and then drops off at the end.
 */
export function volumeAt(distance: number): number {
  if (!Number.isFinite(distance) || distance >= SILENT_PX) return 0;
  if (distance <= FULL_VOLUME_PX) return 1;
  const t = (distance - FULL_VOLUME_PX) / (SILENT_PX - FULL_VOLUME_PX);
  return (1 - t) * (1 - t);
}
