// Patch ticks taken in slices, with the network read in between. Each lounge patches on its own
// timer (Colyseus: every PATCH_RATE_MS); on a busy process many lounges' timers come due in the
// same turn of the event loop and run back to back, tens of milliseconds during which no message
// is read: a chat message's INSERT has committed but its answer waits, a walk intent waits for a
// tick that may already have passed. Here the ticks of one turn stop once they have used
// SLICE_MS; the lounges left wait in order and run after the event loop's next look at the
// network, a slice at a time (a lounge whose timer fires again while it waits has one tick, late,
// as Colyseus' own timer would on a loop that late). Between two reads of the network there are at
// most about two slices of ticks: the last slice of waiting ones, right after a read, and the
// timers that come due in the turn after it. The work done is the same; what changes is that a
// short piece of I/O no longer waits behind all of it.

/** How long ticks run in a row before the rest wait for the event loop to read the network. */
export const SLICE_MS = 5;

export class PatchPacer {
  /** Ticks waiting for their turn, in the order they came due. */
  private readonly waiting = new Map<object, () => void>();
  /** When the current run of ticks began (since the event loop last read the network), if any. */
  private sliceStart: number | undefined = undefined;
  private resumeArmed = false;

  constructor(
    private readonly sliceMs = SLICE_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly afterIo: (fn: () => void) => void = (fn) => { setImmediate(fn); },
    // A tick that throws is its room's problem: the others still get theirs. Colyseus' own timer
    // would have thrown it to the process; by default it still is, a moment later.
    private readonly report: (err: unknown) => void = (err) => { queueMicrotask(() => { throw err; }); },
  ) {}

  /**
   * `room`'s tick came due: runs it now while the current slice lasts and nobody is waiting, else
   * queues it. A room already waiting is not queued twice (its late tick covers this one).
   */
  tick(room: object, run: () => void): void {
    if (this.waiting.has(room)) return;
    const now = this.now();
    if (this.sliceStart === undefined) this.sliceStart = now;
    // Whatever happens, the slice ends when the event loop has read the network.
    this.armResume();
    if (this.waiting.size === 0 && now - this.sliceStart < this.sliceMs) {
      run();
      return;
    }
    this.waiting.set(room, run);
  }

  /** `room` is gone: its waiting tick, if any, is dropped. */
  forget(room: object): void {
    this.waiting.delete(room);
  }

  /** Ticks queued and not yet run (for tests and metrics). */
  get backlog(): number {
    return this.waiting.size;
  }

  private armResume(): void {
    if (this.resumeArmed) return;
    this.resumeArmed = true;
    this.afterIo(this.resume);
  }

  // After the event loop read the network (setImmediate runs right after that phase): a new slice.
  private readonly resume = (): void => {
    this.resumeArmed = false;
    this.sliceStart = this.now();
    for (const [room, run] of this.waiting) {
      if (this.now() - this.sliceStart >= this.sliceMs) break;
      this.waiting.delete(room);
      try {
        run();
      } catch (err) {
        this.report(err);
      }
    }
    if (this.waiting.size > 0) this.armResume();
    else this.sliceStart = undefined;
  };
}

/** The process's pacer, shared by all its lounges. */
export const patchPacer = new PatchPacer();
