// The tracks a lounge can queue: the library shipped in ./library (library.json + MP3s), served
// under /tracks with HTTP range support. Durations are read from the audio, never trusted.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseFile } from "music-metadata";
import { z } from "zod";
import type { TrackRow } from "../db/schema.ts";
import type { TrackStore } from "./store.ts";
import type { TrackDto } from "../../shared/api.ts";

export const libraryDir = fileURLToPath(new URL("./library", import.meta.url));

export type CatalogTrack = TrackDto;

const manifestSchema = z.array(z.object({ id: z.string(), title: z.string(), artist: z.string(), file: z.string() }));

export function trackFromRow(row: TrackRow): CatalogTrack {
  return { id: row.id, title: row.title, artist: row.artist, durationMs: row.durationMs, url: `/media/${row.fileName}` };
}

export class TrackCatalog {
  private readonly tracks = new Map<string, CatalogTrack>();

  private constructor(readonly store: TrackStore) {}

  /** The shipped library, plus what people add to lounges through `store`. */
  static async load(store: TrackStore): Promise<TrackCatalog> {
    const catalog = new TrackCatalog(store);
    const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(libraryDir, "library.json"), "utf8")));
    for (const entry of manifest) {
      const meta = await parseFile(path.join(libraryDir, entry.file), { duration: true });
      const seconds = meta.format.duration;
      if (!seconds) throw new Error(`cannot read the duration of ${entry.file}`);
      catalog.tracks.set(entry.id, {
        id: entry.id, title: entry.title, artist: entry.artist,
        durationMs: Math.round(seconds * 1000), url: `/tracks/${entry.file}`,
      });
    }
    return catalog;
  }

  /** A library track, or one added to `loungeId` (another lounge's uploads are not shared). */
  async find(id: string, loungeId: string): Promise<CatalogTrack | undefined> {
    const shipped = this.tracks.get(id);
    if (shipped) return shipped;
    const row = await this.store.get(id).catch(() => undefined);
    return row && row.loungeId === loungeId ? trackFromRow(row) : undefined;
  }

  library(): CatalogTrack[] {
    return [...this.tracks.values()];
  }
}
