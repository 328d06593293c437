/**
 * `npm run --silent ask -- [--data DIR] [--json] [command] [text]`: answers one command and exits, or,
 * with no command, one command per line of standard input, each answered in turn (one answer line per
 * input line with --json, so a batch never loses its alignment).
 */
import { config as loadEnvFile } from 'dotenv';
import { createInterface } from 'node:readline';
import { Command as Program, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { invoke, type Outcome } from './invoke.ts';
import { toJson } from './json.ts';
import { renderOutcome } from './render.ts';

// .env is read quietly: dotenv must not write to stdout, where `ask --json` answers.
loadEnvFile({ quiet: true });

interface Flags {
  data?: string;
  json?: boolean;
  article?: string;
  page?: number;
}

/** `--page N`: a whole number from 1 (a page past the end shows the last one). */
function pageNumber(value: string): number {
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a page is a whole number from 1.');
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  const program = new Program()
    .name('ask')
    .description('Ask byline one question, or one per line of standard input.')
    .option('--data <dir>', 'folder of article files (default: BYLINE_DATA_DIR or data/)')
    .option('--json', 'answer with one JSON object per line')
    .option('--article <id>', 'only this article (an id from "articles", or a title)')
    .option('--page <n>', 'this page of a long answer (quotes, articles, who-is)', pageNumber)
    .argument('[command]', 'who-said, what-happened, quotes, who-is, articles, suggest, inspect, help')
    .argument('[text...]', "the command's text")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const flags = program.opts<Flags>();
  const [command, words = []] = program.processedArgs as [string | undefined, string[] | undefined];

  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // The engine is imported only once the arguments are known to be good: a usage error answers at once.
  const { openLibrary } = await import('../startup.ts');
  const engine = await openLibrary(flags.data ?? config.dataDir, logger);

  const answer = async (line: string): Promise<Outcome> => {
    try {
      const article = flags.article ? ` article:${flags.article}` : '';
      return await invoke(engine, `${line}${article}`, flags.page ? { page: String(flags.page) } : {});
    } catch (error) {
      logger.error({ err: error, line: line.slice(0, 200) }, 'command failed');
      return { type: 'error', message: 'Something went wrong while answering; see the log.' };
    }
  };
  const print = (outcome: Outcome) => {
    process.stdout.write(`${flags.json ? JSON.stringify(toJson(outcome)) : renderOutcome(outcome)}\n`);
  };

  if (command) {
    const outcome = await answer([command, ...words].join(' '));
    print(outcome);
    return outcome.type === 'error' || (outcome.type === 'reply' && outcome.reply.type === 'notice') ? 1 : 0;
  }
  // One answer per input line, in order; an empty line gets its answer too, so the output stays aligned.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) print(await answer(line));
  return 0;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const oneLine = error instanceof ConfigError || (error instanceof Error && error.name === 'StoreKeyMissing');
    process.stderr.write(`${oneLine ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
