/**
 * Registers byline's slash commands with Discord (`npm run deploy-commands`): in one guild when
 * `DISCORD_GUILD_ID` is set (instant, for development), globally otherwise. Run it when the commands change,
 * never on every start. `--dry-run` prints the JSON it would send and needs no token.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes, type APIApplicationCommandOption, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { messageCommands } from '../../commands/context-menus.ts';
import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';

export interface DeployOptions {
  config: Config;
  /** Print the commands instead of sending them. */
  dryRun?: boolean;
  /** Where the JSON (dry run) or the summary goes; default stdout. */
  print?: (line: string) => void;
}

export interface DeployResult {
  /** `guild` when registered in `DISCORD_GUILD_ID` only, `global` otherwise. */
  scope: 'guild' | 'global';
  /** The route the commands were (or would be) sent to, e.g. `/applications/123/guilds/456/commands`. */
  route: string;
  /** Names of the commands registered, as Discord confirmed them (or as they would be sent). */
  names: string[];
}

/**
 * The request body: every slash command's definition, in the order of commands/index.ts, then the message
 * context menus ("Who said this?", "Add article to byline").
 */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  // The definitions are readonly data; the request body is a copy of them (a subcommand's options too).
  const copy = (option: { options?: readonly unknown[] }): APIApplicationCommandOption =>
    ({ ...option, ...(option.options ? { options: option.options.map((inner) => copy(inner as { options?: readonly unknown[] })) } : {}) }) as APIApplicationCommandOption;
  const slash = commands.map(({ definition: { options, ...definition } }) => ({ ...definition, ...(options ? { options: options.map(copy) } : {}) }));
  return [...slash, ...messageCommands.map(({ definition }) => ({ ...definition }))];
}

/**
 * Sends every command definition to Discord with one bulk overwrite (PUT), so commands removed from byline
 * disappear from Discord too. Without `DISCORD_CLIENT_ID` the application id is asked of Discord with the token.
 */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const { config } = options;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const body = commandDefinitions();
  const scope = config.discordGuildId ? 'guild' : 'global';

  if (options.dryRun) {
    const applicationId = config.discordClientId ?? '<application id>';
    print(JSON.stringify(body, null, 2));
    return { scope, route: commandsRoute(applicationId, config.discordGuildId), names: body.map((command) => command.name) };
  }

  if (!config.discordToken) {
    throw new ConfigError('DISCORD_TOKEN', 'DISCORD_TOKEN must be set to deploy commands (or use --dry-run to only print them)');
  }
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const applicationId = config.discordClientId ?? ((await rest.get(Routes.oauth2CurrentApplication())) as { id: string }).id;
  const route = commandsRoute(applicationId, config.discordGuildId);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  const names = registered.map((command) => command.name);
  const where = config.discordGuildId ? `guild ${config.discordGuildId}` : 'all guilds (global commands can take up to an hour to appear)';
  print(`Registered ${names.length} commands in ${where}: ${names.map((name) => `/${name}`).join(', ')}`);
  return { scope, route, names };
}

/** Where the commands go: a guild's commands, or the application's global ones. */
function commandsRoute(applicationId: string, guildId: string | null): `/${string}` {
  const base = `/applications/${applicationId}` as const;
  return guildId ? `${base}/guilds/${guildId}/commands` : `${base}/commands`;
}

/** The command line: `tsx src/discord/deploy-commands.ts [--dry-run]`, reading `.env` first. */
async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  try {
    const where = await deployCommands({ config: loadConfig(), dryRun: argv.includes('--dry-run') });
    if (argv.includes('--dry-run')) process.stderr.write(`(dry run: would PUT these to ${where.route})\n`);
    return 0;
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `Deploying commands failed: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
