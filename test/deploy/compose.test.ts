// The deployment files agree with the code: every service runs a real entry point with a known
// worker kind, sets only environment variables the config knows, and the image ships what the
// services run. No Docker needed: the files are parsed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema, envVars, loadConfig } from '../../src/shared/config.js';
import { workerKinds } from '../../src/workers/kinds.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  stop_grace_period?: string;
  container_name?: string;
  volumes?: string[];
  profiles?: string[];
  extra_hosts?: string[];
}

const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const ledeServices = Object.entries(services).filter(([, s]) => s.image?.startsWith('lede'));
const defaults = configSchema.parse({});

/** Compose interpolation of ${NAME:-default} and ${NAME}, with `env` standing for .env. */
function interpolate(value: string, env: Record<string, string> = {}): string {
  return value.replace(
    /\$\{(\w+)(?::-([^}]*))?\}/g,
    (_, name: string, fallback?: string) => env[name] || fallback || '',
  );
}

function environmentOf(service: Service, env: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v ?? ''), env)]),
  );
}

function seconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  expect(parts.length, `duration "${duration}"`).toBeGreaterThan(0);
  return parts.reduce(
    (sum, [, n, unit]) => sum + Number(n) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit as 'ms' | 's' | 'm' | 'h'],
    0,
  );
}

/** Dockerfile instructions, continuation lines joined, grouped by stage. */
function parseDockerfile(
  text: string,
): Array<{ from: string; name?: string; steps: Array<{ op: string; args: string }> }> {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: ReturnType<typeof parseDockerfile> = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op.toUpperCase() === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ from: image, name, steps: [] });
    } else {
      stages.at(-1)!.steps.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

describe('docker-compose.yml services', () => {
  it('run entry points that exist in src, one service per worker kind', () => {
    const kindsRun: string[] = [];
    for (const [name, service] of ledeServices) {
      const [entry, ...args] = service.command ?? [];
      const source = entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
      expect(existsSync(join(root, source)), `${name}: ${entry} has no ${source}`).toBe(true);
      if (entry === 'dist/workers/main.js') {
        expect(args, `${name}: kinds`).toHaveLength(1);
        expect(workerKinds as readonly string[], `${name}: unknown kind ${args[0]}`).toContain(args[0]);
        kindsRun.push(args[0]);
      }
      if (entry === 'dist/cli/main.js') expect(read(source)).toContain(`\n  ${args[0]}: {`);
    }
    expect(kindsRun.sort()).toEqual([...workerKinds].sort());
    expect(services.api.command).toEqual(['dist/api/main.js']);
    expect(services.migrate.command).toEqual(['dist/cli/main.js', 'migrate']);
  });

  it('set only environment variables the config knows (or the database image documents)', () => {
    for (const [name, service] of ledeServices) {
      for (const key of Object.keys(service.environment ?? {}))
        expect(Object.keys(envVars), `${name}: ${key}`).toContain(key);
    }
    expect(Object.keys(services.redis.environment ?? {})).toEqual([]);
    for (const key of Object.keys(services.postgres.environment ?? {}))
      expect(['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'PGDATA']).toContain(key);
  });

  it('give every lede service a configuration that loads, pointing at the compose Redis and PostgreSQL', () => {
    for (const [name, service] of ledeServices) {
      const config = loadConfig(environmentOf(service), join(root, 'config/lede.yaml'));
      expect(config.redis.url, name).toBe('redis://redis:6379');
      expect(config.database.url, name).toBe('postgres://lede:lede@postgres:5432/lede');
    }
  });

  it('publish the API on the port the API listens on, and probe /healthz there', () => {
    const envs: Array<Record<string, string>> = [{}, { LEDE_API_PORT: '9090' }];
    for (const env of envs) {
      const config = loadConfig(environmentOf(services.api, env), join(root, 'config/lede.yaml'));
      const expected = env.LEDE_API_PORT ? 9090 : defaults.api.port;
      expect(config.api.port).toBe(expected);
      const [hostPort, containerPort] = interpolate(services.api.ports![0], env).split(':').map(Number);
      expect([hostPort, containerPort]).toEqual([expected, expected]);
      expect(interpolate(services.api.healthcheck!.test!.join(' '), env)).toContain(`127.0.0.1:${expected}/healthz`);
    }
  });

  it('let the API listen on every interface in its container, where lede alone listens on loopback', () => {
    expect(defaults.api.host).toBe('127.0.0.1');
    expect(loadConfig(environmentOf(services.api), join(root, 'config/lede.yaml')).api.host).toBe('0.0.0.0');
  });

  it('keep Redis durable and never evicting queue keys, with a ping healthcheck and a volume', () => {
    const command = services.redis.command!.join(' ');
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync everysec');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(services.redis.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(services.redis.volumes![0]).toMatch(/:\/data$/);
    expect(services.postgres.image).toMatch(/^postgres:15/);
    expect(services.postgres.healthcheck!.test!.join(' ')).toContain('pg_isready');
    expect(services.postgres.volumes![0]).toMatch(/:\/var\/lib\/postgresql\/data$/);
  });

  it('start lede only on healthy stores, and after migrations succeeded', () => {
    for (const [name, service] of ledeServices) {
      expect(service.depends_on?.postgres?.condition, name).toBe('service_healthy');
      if (name === 'migrate') continue;
      expect(service.depends_on?.redis?.condition, name).toBe('service_healthy');
      expect(service.depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
    }
    expect(services.migrate.restart).toBe('no');
  });

  it('give running jobs longer to finish on stop than the longest job may take', () => {
    const longestJobSeconds = Math.max(defaults.fetch.timeoutMs, defaults.extract.timeoutMs) / 1000;
    for (const [name, service] of ledeServices) {
      expect(seconds(service.stop_grace_period ?? '10s'), name).toBeGreaterThan(longestJobSeconds);
    }
  });

  it('leave the workers scalable: no container names or host ports, each probing its own /healthz', () => {
    for (const kind of workerKinds) {
      const service = Object.values(services).find((s) => s.command?.[1] === kind)!;
      expect(service.container_name).toBeUndefined();
      expect(service.ports).toBeUndefined();
      const config = loadConfig(environmentOf(service), join(root, 'config/lede.yaml'));
      expect(service.healthcheck?.test?.join(' '), kind).toContain(`127.0.0.1:${config.metrics.port}/healthz`);
    }
    expect(services.migrate.healthcheck?.disable).toBe(true);
  });

  it('have every worker serve /metrics on the compose network', () => {
    for (const kind of workerKinds) {
      const service = Object.values(services).find((s) => s.command?.[1] === kind)!;
      const config = loadConfig(environmentOf(service), join(root, 'config/lede.yaml'));
      expect(config.metrics.port, kind).toBeGreaterThan(0);
      expect(config.metrics.host, kind).toBe('0.0.0.0');
    }
  });

  it('read the feed list from the host, so a change needs no rebuild, and reach the Docker host', () => {
    for (const [name, service] of ledeServices) {
      expect(service.volumes, name).toContain('./config:/app/config:ro');
      expect(service.extra_hosts, name).toContain('host.docker.internal:host-gateway');
    }
    expect(existsSync(join(root, defaults.feeds.file))).toBe(true);
  });
});

describe('the monitoring profile', () => {
  const prometheus = parseYaml(read('config/prometheus/prometheus.yml')) as {
    rule_files: string[];
    scrape_configs: Array<{
      job_name: string;
      static_configs?: Array<{ targets: string[] }>;
      dns_sd_configs?: Array<{ names: string[]; type: string; port: number }>;
    }>;
  };

  it('runs Prometheus and Grafana only with --profile monitoring', () => {
    expect(services.prometheus.profiles).toEqual(['monitoring']);
    expect(services.grafana.profiles).toEqual(['monitoring']);
    for (const [name, service] of ledeServices) expect(service.profiles, name).toBeUndefined();
  });

  it('scrapes every replica of every worker service through its compose DNS name, on its metrics port', () => {
    const workerServices = Object.entries(services).filter(([, s]) => s.command?.[0] === 'dist/workers/main.js');
    const dns = prometheus.scrape_configs.flatMap((c) => c.dns_sd_configs ?? []);
    for (const [name, service] of workerServices) {
      const port = loadConfig(environmentOf(service), join(root, 'config/lede.yaml')).metrics.port;
      expect(
        dns.some((d) => d.names.includes(name) && d.type === 'A' && d.port === port),
        `${name} scraped on :${port}`,
      ).toBe(true);
    }
    const api = prometheus.scrape_configs.flatMap((c) => c.static_configs ?? []).flatMap((c) => c.targets);
    expect(api).toContain(`api:${loadConfig(environmentOf(services.api), join(root, 'config/lede.yaml')).api.port}`);
  });

  it('loads the shipped alert rules and provisions the shipped dashboard', () => {
    expect(services.prometheus.volumes).toContain('./config/prometheus:/etc/prometheus:ro');
    for (const file of prometheus.rule_files)
      expect(existsSync(join(root, 'config/prometheus', file)), file).toBe(true);
    const grafanaMounts = services.grafana.volumes ?? [];
    expect(grafanaMounts).toContain('./config/grafana/provisioning:/etc/grafana/provisioning:ro');
    const dashboardMount = grafanaMounts.find((v) => v.startsWith('./config/grafana/lede-dashboard.json:'))!;
    const provider = parseYaml(read('config/grafana/provisioning/dashboards/lede.yml')) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect(dashboardMount.split(':')[1]).toBe(`${provider.providers[0].options.path}/lede-dashboard.json`);
    const sources = parseYaml(read('config/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: Array<{ type: string; url: string }>;
    };
    expect(sources.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
  });
});

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const [build, runtime] = [stages[0], stages.at(-1)!];
  const runs = (stage: typeof build) => stage.steps.filter((s) => s.op === 'RUN').map((s) => s.args);

  it('builds in one stage and runs from another, both on Node 22', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:22/);
    const buildRuns = runs(build).join('\n');
    for (const step of ['npm ci', 'npm run build', 'npm prune --omit=dev']) expect(buildRuns).toContain(step);
    expect(buildRuns).toMatch(/python3.*make.*g\+\+/);
  });

  it('runs as a non-root user, with node as the entry point and a healthcheck', () => {
    const user = runtime.steps.filter((s) => s.op === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user!.args);
    expect(runtime.steps.find((s) => s.op === 'ENTRYPOINT')?.args).toBe('["node"]');
    const healthcheck = runtime.steps.find((s) => s.op === 'HEALTHCHECK')!.args;
    expect(healthcheck).toContain(`process.env.LEDE_API_PORT||${defaults.api.port}`);
    expect(healthcheck).toContain('/healthz');
  });

  it('copies into the runtime image everything the services run and read', () => {
    const copied = runtime.steps
      .filter((s) => s.op === 'COPY')
      .map((s) =>
        s.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .at(-1)!
          .replace(/^\.\//, '')
          .replace(/\/$/, ''),
      );
    for (const needed of ['package.json', 'node_modules', 'dist', 'config', 'models']) expect(copied).toContain(needed);
    expect(existsSync(join(root, 'models/ner-en.json.gz'))).toBe(true);
    for (const [, service] of ledeServices) expect(service.command![0]).toMatch(/^dist\//);
  });

  it('carries the data files under src that tsc does not emit into dist', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
    const assets = walk(join(root, 'src')).filter((f) => !f.endsWith('.ts'));
    if (assets.length > 0) {
      // The build script copies them (package.json "build" runs scripts/copy-assets.mjs).
      const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
      expect(pkg.scripts.build).toContain('scripts/copy-assets.mjs');
      expect(build.steps.some((s) => s.op === 'COPY' && s.args.includes('scripts/copy-assets.mjs'))).toBe(true);
      expect(runs(build).join('\n')).toContain('npm run build');
    }
  });

  it('has a build context that holds what it copies', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const sources = stages
      .flatMap((s) => s.steps)
      .filter((s) => s.op === 'COPY' && !s.args.includes('--from'))
      .flatMap((s) => s.args.split(/\s+/).slice(0, -1));
    // .dockerignore semantics: the last matching line wins; a pattern covers its subtree.
    const excluded = (path: string) =>
      ignored.reduce((out, line) => {
        const negated = line.startsWith('!');
        const pattern = negated ? line.slice(1) : line;
        return path === pattern || path.startsWith(`${pattern}/`) ? !negated : out;
      }, false);
    for (const source of sources) {
      expect(existsSync(join(root, source)), source).toBe(true);
      expect(excluded(source.replace(/^\.\//, '')), source).toBe(false);
    }
  });
});

describe('.env.example', () => {
  const names = read('.env.example')
    .split('\n')
    .filter((l) => /^\w+=/.test(l))
    .map((l) => l.split('=')[0]);
  const composeText = read('docker-compose.yml');
  const interpolated = [...new Set([...composeText.matchAll(/\$\{(\w+)/g)].map((m) => m[1]))];

  it('names only variables the config, the database image or the monitoring profile knows', () => {
    const others = ['POSTGRES_PASSWORD', 'PROMETHEUS_PORT', 'GRAFANA_PORT', 'GRAFANA_ADMIN_PASSWORD'];
    for (const name of names) expect([...Object.keys(envVars), ...others], name).toContain(name);
  });

  it('documents every variable docker-compose.yml reads from the environment', () => {
    for (const name of interpolated) expect(names, name).toContain(name);
  });

  it('holds values the config accepts', () => {
    const env = Object.fromEntries(
      read('.env.example')
        .split('\n')
        .filter((l) => /^LEDE_\w+=/.test(l))
        .map((l) => [l.split('=')[0], l.slice(l.indexOf('=') + 1)]),
    );
    const config = loadConfig(env, join(root, 'config/lede.yaml'));
    expect(config.api.port).toBe(Number(env.LEDE_API_PORT));
  });
});
