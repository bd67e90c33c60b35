/**
 * The import graph flows one way: cli → harness, report → scenarios → results → models → shared.
 * `npm run lint:imports` (part of npm test's pretest) fails on a circle or an import against that flow.
 */
const layer = (from, allowed) => ({
  name: `${from}-imports-only-below`,
  comment: `src/${from}/ may import only ${allowed.join(', ')} (and packages)`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: '^(src|bench|test)/', pathNot: [`^src/${from}/`, ...allowed.map((dir) => `^src/${dir}/`)] },
});

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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
