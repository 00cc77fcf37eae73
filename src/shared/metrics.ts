// Prometheus metrics (prom-client). Stage metrics are recorded where jobs run; queue depths
// are read from Redis when /metrics is scraped, so they are right whichever process scrapes.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class StageMetrics {
  readonly registry: Registry;
  private readonly duration: Histogram<'stage' | 'outcome'>;
  private readonly outcomes: Counter<'stage' | 'outcome'>;
  readonly fetchStatus: Counter<'host' | 'status'>;
  readonly dedupe: Counter<'rule' | 'kind' | 'feed'>;
  readonly storeLatency: Histogram<string>;

  constructor(registry = new Registry()) {
    this.registry = registry;
    collectDefaultMetrics({ register: registry, prefix: 'lede_' });
    this.duration = new Histogram({
      name: 'lede_stage_duration_seconds',
      help: 'Time to process one job, by stage and outcome',
      labelNames: ['stage', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.outcomes = new Counter({
      name: 'lede_stage_outcomes_total',
      help: 'Jobs processed, by stage and outcome',
      labelNames: ['stage', 'outcome'],
      registers: [registry],
    });
    this.fetchStatus = new Counter({
      name: 'lede_fetch_responses_total',
      help: 'HTTP responses fetched, by host and status code',
      labelNames: ['host', 'status'],
      registers: [registry],
    });
    this.dedupe = new Counter({
      name: 'lede_dedupe_decisions_total',
      help: 'Story decisions, by matching rule, kind (new, update, duplicate) and feed',
      labelNames: ['rule', 'kind', 'feed'],
      registers: [registry],
    });
    this.storeLatency = new Histogram({
      name: 'lede_store_write_seconds',
      help: 'Time of one store transaction',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  /** The exposition text without the blank line prom-client puts between families. */
  async text(): Promise<string> {
    return (await this.registry.metrics()).replace(/\n{2,}/g, '\n');
  }

  observe(stage: string, outcome: string, durationMs: number): void {
    this.duration.observe({ stage, outcome }, durationMs / 1000);
    this.outcomes.inc({ stage, outcome });
  }
}
