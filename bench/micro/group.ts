/** A benchmark group: resources started once, then several tinybench tasks that use them. */
import type { Fn } from 'tinybench';
import type { Scope } from './scope.js';

export interface MicroTask<R> {
  name: string;
  /** What one operation is, in words the report can show. */
  note: string;
  /** Another task of the same group this one is compared with in the report. */
  baseline?: string;
  fn: (resources: R) => Fn;
}

export interface GroupSpec<R> {
  name: string;
  /** Minimum samples per task; slow tasks (process start-up) lower it to stay in the time budget. */
  minSamples?: number;
  /** Start what the tasks need; register its clean-up on the scope. */
  setup: (scope: Scope) => Promise<R>;
  tasks: MicroTask<R>[];
}

export interface TaskInfo {
  name: string;
  note: string;
  baseline: string | undefined;
}

/** A group with its resource type hidden, so groups of different kinds fit in one list. */
export interface MicroGroup {
  name: string;
  minSamples: number | undefined;
  tasks: TaskInfo[];
  /** Set the group up and return the task functions for the chosen task names. */
  start: (scope: Scope, names: readonly string[]) => Promise<Map<string, Fn>>;
}

export function defineGroup<R>(spec: GroupSpec<R>): MicroGroup {
  return {
    name: spec.name,
    minSamples: spec.minSamples,
    tasks: spec.tasks.map(({ name, note, baseline }) => ({ name, note, baseline })),
    async start(scope, names) {
      const resources = await spec.setup(scope);
      return new Map(spec.tasks.filter((task) => names.includes(task.name)).map((task) => [task.name, task.fn(resources)]));
    },
  };
}
