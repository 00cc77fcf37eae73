// The alert rules and Grafana dashboard shipped in config/ refer only to metrics lede really
// exposes, and promtool's unit tests (config/prometheus/*.test.yml) show each alert firing on
// the series that should fire it and quiet otherwise. .ci/run installs promtool (Debian's
// prometheus package); without it these tests skip locally and fail in CI.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { StageMetrics } from '../../src/shared/metrics.js';

async function knownMetricNames(): Promise<Set<string>> {
  const metrics = new StageMetrics();
  const names = new Set<string>();
  for (const m of await metrics.registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(m.name + suffix);
  }
  // Gauges registered by the API at scrape time: read from its source so a rename fails here.
  const apiSource = readFileSync('src/api/metrics.ts', 'utf8');
  for (const m of apiSource.matchAll(/name: '(lede_[a-z_]+)'/g)) names.add(m[1]);
  return names;
}

const referenced = (expr: string) => [...expr.matchAll(/\b(lede_[a-z_]+)\b/g)].map((m) => m[1]);

// Debian's prometheus package ships promtool. In CI (CI=true) a missing promtool fails the
// tests below instead of skipping them.
const promtool = (() => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('config/prometheus/alerts.yml', () => {
  const doc = parseYaml(readFileSync('config/prometheus/alerts.yml', 'utf8')) as {
    groups: {
      name: string;
      rules: {
        alert: string;
        expr: string;
        for: string;
        labels: { severity: string };
        annotations: { summary: string };
      }[];
    }[];
  };
  const rules = doc.groups.flatMap((g) => g.rules);

  it('is a well-formed rule file', () => {
    for (const g of doc.groups) {
      expect(g.name).toBeTruthy();
      expect(g.rules.length).toBeGreaterThan(0);
    }
    for (const r of rules) {
      expect(r.alert).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(r.expr.length).toBeGreaterThan(0);
      expect(r.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(r.labels.severity);
      expect(r.annotations.summary).toBeTruthy();
    }
  });

  it('covers the failure modes on-call is paged for', () => {
    const exprs = rules.map((r) => r.expr).join('\n');
    expect(exprs).toContain('lede_queue_oldest_waiting_seconds');
    expect(exprs).toMatch(/lede_queue_jobs\{state="waiting"\}[\s\S]*unless/);
    expect(exprs).toMatch(/outcome=~"failed\|error"/);
    expect(exprs).toContain('lede_feeds{state="failing"}');
    expect(exprs).toContain('lede_feeds{state="stale"}');
    expect(exprs).toContain('lede_process_resident_memory_bytes');
  });

  it.runIf(promtool || process.env.CI)('passes promtool check rules', () => {
    const out = execFileSync('promtool', ['check', 'rules', 'config/prometheus/alerts.yml'], { encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`SUCCESS: ${rules.length} rules found`));
  });

  it.runIf(promtool || process.env.CI)(
    'fires each alert on its series and stays quiet otherwise (promtool test rules)',
    () => {
      const tests = readdirSync('config/prometheus')
        .filter((f) => f.endsWith('.test.yml'))
        .map((f) => `config/prometheus/${f}`);
      expect(tests.length).toBeGreaterThan(0);
      const tested = new Set(
        tests.flatMap((f) =>
          (
            parseYaml(readFileSync(f, 'utf8')) as { tests: { alert_rule_test?: { alertname: string }[] }[] }
          ).tests.flatMap((t) => (t.alert_rule_test ?? []).map((a) => a.alertname)),
        ),
      );
      for (const r of rules) expect(tested, `${r.alert} has no promtool test`).toContain(r.alert);
      // execFileSync throws (the test fails) when promtool exits non-zero: a failed rule test.
      const out = execFileSync('promtool', ['test', 'rules', ...tests], { encoding: 'utf8' });
      expect(out).toContain('SUCCESS');
    },
  );

  it('names only metrics lede exposes', async () => {
    const known = await knownMetricNames();
    for (const r of rules) for (const name of referenced(r.expr)) expect(known, `${r.alert}: ${name}`).toContain(name);
  });
});

describe('config/grafana/lede-dashboard.json', () => {
  const dash = JSON.parse(readFileSync('config/grafana/lede-dashboard.json', 'utf8')) as {
    panels: { id: number; title: string; targets: { expr: string }[] }[];
  };

  it('has uniquely numbered panels, each with a query', () => {
    expect(new Set(dash.panels.map((p) => p.id)).size).toBe(dash.panels.length);
    for (const p of dash.panels) expect(p.targets[0].expr, p.title).toBeTruthy();
  });

  it('queries only metrics lede exposes', async () => {
    const known = await knownMetricNames();
    for (const p of dash.panels)
      for (const t of p.targets)
        for (const name of referenced(t.expr)) expect(known, `${p.title}: ${name}`).toContain(name);
  });
});
