// Who was disconnected for abuse (flooding), and until when: joins from the same account, guest
// identity or address are refused until the time is up, so an abuser cannot come straight back and
// flood again. Kept in this process (a flooder reaching another process starts afresh there).

export class PenaltyBox {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Holds every given key (nulls are skipped) for `ms`. */
  hold(keys: ReadonlyArray<string | null | undefined>, ms: number): void {
    const end = this.now() + ms;
    for (const key of keys) if (key) this.until.set(key, Math.max(end, this.until.get(key) ?? 0));
    this.sweep();
  }

  /** Milliseconds left for the longest-held of these keys, or 0 when none is held. */
  left(keys: ReadonlyArray<string | null | undefined>): number {
    const now = this.now();
    let left = 0;
    for (const key of keys) {
      const end = key ? this.until.get(key) : undefined;
      if (end !== undefined && end > now) left = Math.max(left, end - now);
    }
    return left;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, end] of this.until) if (end <= now) this.until.delete(key);
  }
}
