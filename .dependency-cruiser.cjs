/**
 * The import graph flows one way: cli → harness, report → scenarios → results → models → shared.
 * Inside src/harness/ the stages flow one way too, lowest first (folders on one line are siblings,
 * which may not import each other):
 *   transport, proc   links to hosts; reading /proc (the generators read their own, the sampler the server's)
 *   plan              what to run: options, timing, placement, the connection series
 *   load              the generators
 *   server            the server under test and its sampler (on the generators' shared clock)
 *   rows, capacity    turning what was measured into rows; judging a capacity step
 *   run               running points, searches and series: drives everything below
 *   output            tables, progress and the results files, from finished rows
 * so each stage can be read, tested and changed knowing only the stages below it. The harness's
 * own top-level files (compiled.ts) sit below every stage.
 * `npm run lint:imports` (part of npm test's pretest) fails on a circle or an import against that flow.
 */
const layer = (from, allowed) => ({
  name: `${from}-imports-only-below`,
  comment: `src/${from}/ may import only ${allowed.join(', ')} (and packages)`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: '^(src|bench|test)/', pathNot: [`^src/${from}/`, ...allowed.map((dir) => `^src/${dir}/`)] },
});

const HARNESS_STAGES = [['transport', 'proc'], ['plan'], ['load'], ['server'], ['rows', 'capacity'], ['run'], ['output']];

/** A harness stage may import only its own folder and the stages below it. */
const stageRules = HARNESS_STAGES.flatMap((level, i) => {
  const below = HARNESS_STAGES.slice(0, i).flat();
  return level.map((stage) => ({
    name: `harness-${stage}-imports-only-earlier-stages`,
    comment: `src/harness/${stage}/ may import only ${below.length ? below.join(', ') : 'no other stage'} inside src/harness/`,
    severity: 'error',
    from: { path: `^src/harness/${stage}/` },
    to: { path: '^src/harness/[^/]+/', pathNot: [stage, ...below].map((dir) => `^src/harness/${dir}/`) },
  }));
});

/** A new folder in src/harness/ takes its place in HARNESS_STAGES, or no rule would order it. */
const everyFolderAStage = {
  name: 'harness-folders-are-stages',
  comment: 'every folder in src/harness/ is listed in HARNESS_STAGES',
  severity: 'error',
  from: { path: '^src/harness/[^/]+/', pathNot: `^src/harness/(${HARNESS_STAGES.flat().join('|')})/` },
  to: {},
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'src-not-bench-or-test', severity: 'error', from: { path: '^src/' }, to: { path: '^(bench|test)/' } },
    layer('shared', []),
    layer('models', ['shared']),
    layer('results', ['models', 'shared']),
    layer('scenarios', ['results', 'models', 'shared']),
    layer('report', ['results', 'models', 'shared']),
    layer('harness', ['scenarios', 'results', 'models', 'shared']),
    ...stageRules,
    everyFolderAStage,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
