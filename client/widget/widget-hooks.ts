// window.__widget for the browser tests (and curious developers): the connection, what the scene
// draws, the messages the host link refused, the palette, and the music player's report.
import type { LoungeConnection } from "../net/lounge-connection.ts";
import type { WidgetStage } from "./stage.ts";
import type { HostLink } from "./host-link.ts";
import type { ThemeController } from "./theme-apply.ts";
import type { MusicBar } from "./music-bar.ts";
import { positionAt } from "../../shared/movement.ts";

export interface WidgetHookDeps { connection: LoungeConnection; stage: WidgetStage | undefined; link: HostLink | undefined; theme: ThemeController; music?: MusicBar; serverNow: () => number }

export interface WidgetTestHooks {
  readonly sessionId: string;
  readonly status: string;
  /** Every connection status since the widget joined, oldest first (a short-lived "reconnecting" included). */
  statuses(): string[];
  drawn(sessionId: string): { x: number; y: number; bubble: string | undefined } | undefined;
  drawnCount(): number;
  /** Pieces of furniture painted into the scene so far, of all the map has (painted after the ground, in idle time). */
  furniture(): { painted: number; total: number } | undefined;
  pagePoint(x: number, y: number): { x: number; y: number } | undefined;
  self(): { x: number; y: number } | undefined;
  ignored(): string[];
  palette(): { accent: string; background: string; text: string };
  /** The colour the Pixi canvas is cleared with. */
  canvasBackground(): string | undefined;
  music(): { expectedMs: number | undefined; audioMs: number | undefined; locked: boolean } | undefined;
  /** Drops the socket without a goodbye, as a lost network does. */
  dropConnection(): void;
}

declare global {
  interface Window { __widget?: WidgetTestHooks }
}

export function installWidgetHooks(d: WidgetHookDeps): void {
  const statuses: string[] = [d.connection.status.kind];
  d.connection.on("status", (s) => { statuses.push(s.kind); });
  window.__widget = {
    get sessionId() { return d.connection.sessionId; },
    get status() { return d.connection.status.kind; },
    statuses: () => [...statuses],
    drawn: (id) => d.stage?.drawnOf(id),
    drawnCount: () => d.stage?.count ?? 0,
    furniture: () => d.stage && { ...d.stage.furniture },
    pagePoint: (x, y) => d.stage?.pagePoint(x, y),
    self: () => {
      const me = d.connection.state?.players.get(d.connection.sessionId);
      return me ? positionAt(me, d.serverNow()) : undefined;
    },
    ignored: () => [...(d.link?.ignored ?? [])],
    palette: () => ({ accent: d.theme.palette.accent, background: d.theme.palette.background, text: d.theme.palette.text }),
    canvasBackground: () => d.stage?.background,
    music: () => d.music?.player.report(),
    dropConnection: () => d.connection.drop("dropped by a test"),
  };
}
