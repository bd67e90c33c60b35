/**
 * Service-wide admission for relays (relay.ts): while the service is saturated (hsha: its task
 * queue is full) the gate is closed, and a relay that would read waits here instead. When the
 * service has room again, the waiting relays resume, oldest first, while the gate stays open.
 */

/** A relay as the gate sees it. */
export interface Resumable {
  /** Resume reading unless something still holds it back. */
  resumeIfReady(): void;
}

export class AdmissionGate {
  /** In the order they first waited (a Set keeps insertion order; adding again does not move one). */
  private readonly waiting = new Set<Resumable>();

  constructor(
    /** True while the service takes more work. */
    readonly isOpen: () => boolean,
  ) {}

  /** `relay` is paused on the closed gate: resume it once the gate opens. */
  hold(relay: Resumable): void {
    this.waiting.add(relay);
  }

  /** `relay` is gone (its socket closed). */
  forget(relay: Resumable): void {
    this.waiting.delete(relay);
  }

  /** The service made room (a task finished): resume waiting relays, oldest first, while the gate is open. */
  reopened(): void {
    for (const relay of this.waiting) {
      if (!this.isOpen()) return;
      this.waiting.delete(relay);
      relay.resumeIfReady();
    }
  }
}
