// One presence subscription per channel per process, shared by every room listening on it. A
// channel every lounge hears (a profile edited, say) would otherwise hold one subscription per
// room: hundreds of listeners on one emitter (Node warns past ten) and as many Redis dispatches.
import type { Presence } from "@colyseus/core";

type Listener = (message: never) => void;

interface Channel { listeners: Set<Listener>; dispatch: (message: unknown) => void; subscribed: Promise<void> }

export class ChannelHub {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly presence: Presence, private readonly onListenerError: (err: unknown, channel: string) => void) {}

  /** Adds `listener` to `channel`; resolves once the process is subscribed (rejects if it could not be). */
  subscribe(channel: string, listener: Listener): Promise<void> {
    let entry = this.channels.get(channel);
    if (!entry) {
      const listeners = new Set<Listener>();
      const dispatch = (message: unknown) => {
        for (const l of [...listeners]) {
          try { l(message as never); } catch (err) { this.onListenerError(err, channel); }
        }
      };
      const subscribed = Promise.resolve(this.presence.subscribe(channel, dispatch)).then(() => undefined);
      entry = { listeners, dispatch, subscribed };
      this.channels.set(channel, entry);
      subscribed.catch(() => { if (this.channels.get(channel) === entry) this.channels.delete(channel); });
    }
    entry.listeners.add(listener);
    return entry.subscribed;
  }

  /** Removes `listener`; the process leaves the channel with its last listener. */
  unsubscribe(channel: string, listener: Listener): void {
    const entry = this.channels.get(channel);
    if (!entry || !entry.listeners.delete(listener) || entry.listeners.size > 0) return;
    this.channels.delete(channel);
    this.presence.unsubscribe(channel, entry.dispatch);
  }

  /** How many listeners `channel` has in this process (for tests). */
  listenerCount(channel: string): number {
    return this.channels.get(channel)?.listeners.size ?? 0;
  }
}

const hubs = new WeakMap<Presence, ChannelHub>();

/** The hub of a presence (one per process, as the presence is). */
export function hubOf(presence: Presence, onListenerError: (err: unknown, channel: string) => void): ChannelHub {
  let hub = hubs.get(presence);
  if (!hub) { hub = new ChannelHub(presence, onListenerError); hubs.set(presence, hub); }
  return hub;
}
