// Seats reserved by matchmaking but not yet taken, per client address: a reservation that never
// connects holds a seat until it times out, so one address could keep a lounge "full" by asking for
// seats it never uses. Each address may hold only a few at once (in this process).

export class ReservationLedger {
  private readonly open = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Records a reservation for `address`; false when it already holds `max` that have not expired. */
  take(address: string | null | undefined): boolean {
    if (!address) return true;
    const now = this.now();
    const live = (this.open.get(address) ?? []).filter((expires) => expires > now);
    if (live.length >= this.max) {
      this.open.set(address, live);
      return false;
    }
    live.push(now + this.windowMs);
    this.open.set(address, live);
    return true;
  }

  /** A reservation of `address` was used (the client connected): it no longer counts. */
  release(address: string | null | undefined): void {
    if (!address) return;
    const live = this.open.get(address);
    if (!live) return;
    live.shift();
    if (live.length === 0) this.open.delete(address);
  }
}
