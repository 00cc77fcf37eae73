// The `lede` command: batch processing, migrations and on-call tools. Each command's module is
// imported only when it runs, so `lede --help` or `lede jobs failed` does not load the
// extraction and tagging models that `lede process` needs.
import { parseArgs } from 'node:util';
import { ConfigError, errorMessage } from '../shared/errors.js';
import { loadConfig } from '../shared/config.js';
import { maskUrl } from '../shared/logger.js';

const print = (line: string) => console.log(line);

interface Command {
  summary: string;
  /** Every form, for `lede COMMAND --help`. */
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, Command> = {
  process: {
    summary: 'NDJSON in, enriched records out, without Redis (backfills, replays, evaluation)',
    usage: `lede process [--input FILE] [--output FILE] [--store DATABASE_URL] [--dom jsdom|linkedom]
             [--concurrency N] [--progress]
  NDJSON in, NDJSON out (default stdin/stdout), no Redis: the stage code for backfills, replays
  and evaluation. Story state is kept in --store between runs. N worker processes (default: one
  per core) extract and enrich lines in parallel; stories are assigned in input order, so the
  output is the same for any N. --progress: a progress line on stderr (default on a terminal).`,
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          input: { type: 'string' },
          output: { type: 'string' },
          store: { type: 'string' },
          dom: { type: 'string' },
          concurrency: { type: 'string' },
          progress: { type: 'boolean' },
        },
      });
      if (values.dom && values.dom !== 'jsdom' && values.dom !== 'linkedom')
        throw new ConfigError('process: --dom must be jsdom or linkedom');
      const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
      if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1))
        throw new ConfigError('process: --concurrency must be a whole number, 1 or more');
      const { runProcess } = await import('./process.js');
      const { formatSummary } = await import('./process-progress.js');
      const summary = await runProcess({
        ...values,
        dom: values.dom as 'jsdom' | 'linkedom' | undefined,
        concurrency,
        progress: values.progress || undefined,
      });
      console.error(formatSummary({ ...summary, bytes: 0 }, summary.elapsedMs));
      return 0;
    },
  },
  migrate: {
    summary: 'create or upgrade the store at DATABASE_URL',
    usage: `lede migrate
  Create or upgrade the tables of the store at DATABASE_URL, say which migrations it applied, exit.`,
    async run() {
      const config = loadConfig();
      const { openStore } = await import('../storage/index.js');
      const store = await openStore(config.database.url);
      try {
        const applied = await store.migrate().catch((err: unknown) => {
          const reason = errorMessage(err);
          const hint = /does not exist/.test(reason) ? ' (create it first, e.g. createdb, or fix DATABASE_URL)' : '';
          throw new ConfigError(`migrate: cannot migrate ${maskUrl(config.database.url)}: ${reason}${hint}`);
        });
        console.error(
          applied.length
            ? `lede migrate: ${store.kind} store at ${maskUrl(config.database.url)}: applied ${applied.join(', ')}`
            : `lede migrate: ${store.kind} store at ${maskUrl(config.database.url)} already up to date`,
        );
      } finally {
        await store.close();
      }
      return 0;
    },
  },
  feeds: {
    summary: "list the running pipeline's feeds with their health; add, remove, import or export OPML",
    usage: `lede feeds list
  The feeds the running pipeline polls (as its scheduler last synced them; else LEDE_FEEDS) with
  their health from the store: ok, backing_off, failing, stale, new.
lede feeds add ID URL [--name N] [--interval S] [--tags a,b]
lede feeds remove ID…
lede feeds import-opml FILE
lede feeds export-opml
  Edit the feed list file (LEDE_FEEDS); running workers pick the change up without a restart.`,
    async run(args) {
      const { feedsCommand } = await import('./feeds.js');
      return feedsCommand(loadConfig(), args, print);
    },
  },
  jobs: {
    summary: 'failed jobs with their reasons; retry them',
    usage: `lede jobs failed [--queue Q] [--limit N]
  Failed jobs with their reasons (queues: poll, fetch, enrich, store).
lede jobs retry QUEUE/ID | ID | --all [--queue Q]
  Retry failed jobs.`,
    async run(args) {
      const { jobsCommand } = await import('./jobs.js');
      return jobsCommand(loadConfig(), args, print);
    },
  },
  replay: {
    summary: "re-run a feed's stored items through the pipeline",
    usage: `lede replay --feed ID --since ISO-TIME
  Re-run a feed's stored items through the pipeline (new jobs; the store's dedupe keeps them from
  doubling anything).`,
    async run(args) {
      const { replayCommand } = await import('./jobs.js');
      return replayCommand(loadConfig(), args, print);
    },
  },
  stats: {
    summary: 'queue depths, throughput of the last hour, feeds by health',
    usage: `lede stats
  Queues (waiting, active, delayed, failed, completed in the last hour) and the running
  pipeline's feeds by health.`,
    async run() {
      const { statsCommand } = await import('./jobs.js');
      return statsCommand(loadConfig(), print);
    },
  },
  queues: {
    summary: "reset: clear the Redis prefix's job history so it can serve a new store",
    usage: `lede queues reset [--yes]
  Delete everything under the Redis prefix (LEDE_REDIS_PREFIX): job history, schedulers, limits,
  the change stream and the deployment id, so the prefix can serve a new store. Stop lede first.`,
    async run(args) {
      const { queuesCommand } = await import('./queues.js');
      return queuesCommand(loadConfig(), args, print);
    },
  },
};

const overview = `usage: lede COMMAND [ARGS]   (lede COMMAND --help for one command)

${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Settings come from config/lede.yaml and the environment (REDIS_URL, DATABASE_URL, LEDE_FEEDS, …),
as for the pipeline itself.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands[rest[0] ?? ''] : undefined;
    print(topic ? topic.usage : overview);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`lede: unknown command "${name}"\n\n${overview}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    print(command.usage);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    // One line for the operator: the message says where it comes from (config:, feeds:, …).
    console.error(err instanceof ConfigError ? err.message : `lede: ${errorMessage(err)}`);
    process.exit(1);
  });
