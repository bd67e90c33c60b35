/** A FIFO of timestamps (ms) without per-item allocation: one entry per message in flight. */
export class TimeQueue {
  private items = new Float64Array(16);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(time: number): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) % this.items.length] = time;
    this.count++;
  }

  shift(): number {
    const time = this.items[this.head]!;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return time;
  }

  /** How many queued times are older than `before`. */
  countBefore(before: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.items[(this.head + i) % this.items.length]! < before) n++;
    return n;
  }

  private grow(): void {
    const bigger = new Float64Array(this.items.length * 2);
    for (let i = 0; i < this.count; i++) bigger[i] = this.items[(this.head + i) % this.items.length]!;
    this.items = bigger;
    this.head = 0;
  }
}
