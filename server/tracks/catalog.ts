// The tracks a lounge can queue: the library shipped in ./library (library.json + MP3s), served
// under /tracks with HTTP range support. Durations are read from the audio, never trusted.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseFile } from "music-metadata";
import { z } from "zod";

export const libraryDir = fileURLToPath(new URL("./library", import.meta.url));

export interface CatalogTrack {
  id: string;
  title: string;
  artist: string;
  durationMs: number;
  url: string;
}

const manifestSchema = z.array(z.object({ id: z.string(), title: z.string(), artist: z.string(), file: z.string() }));

export class TrackCatalog {
  private readonly tracks = new Map<string, CatalogTrack>();

  static async loadLibrary(): Promise<TrackCatalog> {
    const catalog = new TrackCatalog();
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

  get(id: string): CatalogTrack | undefined {
    return this.tracks.get(id);
  }

  list(): CatalogTrack[] {
    return [...this.tracks.values()];
  }
}
