/**
 * Everything a benchmark group starts (threads, pools, children, servers) is registered here and
 * closed when the group ends, when the run fails, or on Ctrl-C, so nothing outlives the run.
 */
import { toError } from '../../src/shared/to-error.js';

type Disposer = () => unknown;

const open = new Set<Scope>();

export class Scope {
  private readonly disposers: Disposer[] = [];

  constructor() {
    open.add(this);
  }

  /** Register a clean-up step; steps run in reverse order of registration. */
  defer(dispose: Disposer): void {
    this.disposers.push(dispose);
  }

  /** Run every clean-up step once, even if some fail; returns their errors. */
  async close(): Promise<Error[]> {
    open.delete(this);
    const errors: Error[] = [];
    for (const dispose of this.disposers.splice(0).reverse()) {
      try {
        await dispose();
      } catch (error) {
        errors.push(toError(error));
      }
    }
    return errors;
  }
}

/** Close every scope still open (Ctrl-C or a failed run). */
export async function closeAllScopes(): Promise<void> {
  await Promise.all([...open].map((scope) => scope.close()));
}
