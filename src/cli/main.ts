// The `lede` command: batch processing, migrations and on-call tools.
//   lede process [--input F] [--output F] [--store URL] [--dom jsdom|linkedom]
//   lede migrate
//   lede feeds list|add|remove|import-opml|export-opml
//   lede jobs failed|retry, lede replay, lede stats
import { parseArgs } from 'node:util';
import { ConfigError } from '../shared/errors.js';
import { loadConfig } from '../shared/config.js';
import { openStore } from '../storage/index.js';
import { runProcess } from './process.js';
import { feedsCommand } from './feeds.js';
import { jobsCommand, replayCommand, statsCommand } from './jobs.js';

const print = (line: string) => console.log(line);

const usage = `usage: lede <command>
  process [--input FILE] [--output FILE] [--store DATABASE_URL] [--dom jsdom|linkedom]
          NDJSON in, NDJSON out (default stdin/stdout); story state kept in --store between runs
  migrate   run database migrations for DATABASE_URL, then exit
  feeds list | add ID URL [--name N] [--interval S] [--tags a,b] | remove ID… | import-opml FILE | export-opml
  jobs failed [--queue Q] [--limit N]      failed jobs with their reasons
  jobs retry QUEUE/ID | ID | --all [--queue Q]
  replay --feed ID --since ISO-TIME        re-run a feed's stored items through the pipeline
  stats                                    queues, feeds, throughput of the last hour`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'process': {
      const { values } = parseArgs({
        args: rest,
        options: {
          input: { type: 'string' },
          output: { type: 'string' },
          store: { type: 'string' },
          dom: { type: 'string' },
        },
      });
      if (values.dom && values.dom !== 'jsdom' && values.dom !== 'linkedom')
        throw new ConfigError('process: --dom must be jsdom or linkedom');
      const { lines, errors } = await runProcess({ ...values, dom: values.dom as 'jsdom' | 'linkedom' | undefined });
      console.error(`lede process: ${lines} lines, ${errors} errors`);
      return 0;
    }
    case 'migrate': {
      const config = loadConfig();
      const store = await openStore(config.database.url);
      await store.migrate();
      await store.close();
      console.error(`lede migrate: ${store.kind} store up to date`);
      return 0;
    }
    case 'feeds':
      return feedsCommand(loadConfig(), rest, print);
    case 'jobs':
      return jobsCommand(loadConfig(), rest, print);
    case 'replay':
      return replayCommand(loadConfig(), rest, print);
    case 'stats':
      return statsCommand(loadConfig(), print);
    default:
      console.error(usage);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: Error) => {
    console.error(err instanceof ConfigError || err.name === 'TypeError' ? err.message : err);
    process.exit(1);
  });
