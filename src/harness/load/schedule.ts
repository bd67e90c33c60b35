/**
 * The open loop's timetable (wrk2's): slot i owes a message every `period` ms, the slots' phases
 * spread evenly over one period. Message n of slot i is due at start + (i / slots + n) × period,
 * computed from n rather than summed, so a long run does not drift. A late turn owes every message
 * whose time has passed, each with its own intended time: catching up skips none and shifts nothing.
 */
export class Schedule {
  /** Messages each slot has taken so far. */
  private readonly taken: number[];
  /** The earliest time any slot owes its next message. */
  private earliest: number;

  constructor(
    readonly period: number,
    readonly slots: number,
    private readonly start: number,
  ) {
    this.taken = new Array<number>(slots).fill(0);
    this.earliest = start;
  }

  /** When `slot`'s next message is due (ms, the clock `start` was read from). */
  nextDue(slot: number): number {
    return this.intended(slot, this.taken[slot]!);
  }

  /** When message `n` of `slot` is due. */
  intended(slot: number, n: number): number {
    return this.start + (slot / this.slots + n) * this.period;
  }

  /**
   * Take every message of `slot` due at `now`: how many (0 if none). Their intended times are
   * intended(slot, first) … intended(slot, first + count - 1), where first = taken(slot) before the call.
   */
  take(slot: number, now: number, limit = Number.POSITIVE_INFINITY): number {
    const n = this.taken[slot]!;
    const due = this.intended(slot, n);
    if (due > now) return 0;
    let count = Math.floor((now - due) / this.period) + 1;
    // The division may round across a boundary: the count is exactly the messages due by now.
    while (this.intended(slot, n + count) <= now) count++;
    while (count > 1 && this.intended(slot, n + count - 1) > now) count--;
    count = Math.min(count, limit);
    this.taken[slot] = n + count;
    return count;
  }

  /** Messages `slot` has taken so far (the index of its next one). */
  takenBy(slot: number): number {
    return this.taken[slot]!;
  }

  /** The earliest next due time over all slots (as of the last refresh()). */
  get soonest(): number {
    return this.earliest;
  }

  /** Recompute soonest after a pass of take() over the slots. */
  refresh(): number {
    let soonest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < this.slots; slot++) soonest = Math.min(soonest, this.nextDue(slot));
    this.earliest = soonest;
    return soonest;
  }
}
