/** Every chart of the report, in the order the page shows them. */
import { abandonedFirstEcho } from './abandoned-first-echo.js';
import { capacityCurve } from './capacity-curve.js';
import { churnOverTime } from './churn-over-time.js';
import { churnRate } from './churn-rate.js';
import { anatomyChurn, anatomyCpu, anatomyEchoSmall } from './cost-anatomy.js';
import { cpuVsLimit } from './cpu-limit.js';
import { fairness } from './fairness.js';
import { latencyPercentiles } from './latency-percentiles.js';
import { latencySpectrum } from './latency-spectrum.js';
import { scaling } from './scaling.js';
import { scoreboardChart } from '../scoreboard/chart.js';
import { memoryPerConnection } from './memory-per-connection.js';
import { serverCost } from './server-cost.js';
import type { ChartDefinition } from './spec.js';
import { throughputVsConnections } from './throughput-vs-connections.js';

export const CHARTS: readonly ChartDefinition[] = [
  scoreboardChart,
  throughputVsConnections,
  anatomyEchoSmall,
  latencyPercentiles,
  latencySpectrum,
  cpuVsLimit,
  anatomyCpu,
  scaling,
  churnRate,
  anatomyChurn,
  churnOverTime,
  abandonedFirstEcho,
  capacityCurve,
  memoryPerConnection,
  fairness,
  serverCost,
];
