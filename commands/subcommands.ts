/**
 * Commands of subcommands (`/library add`, `/library remove`): which options each takes. Apart from
 * command.ts so that paging.ts reads them without an import cycle.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import type { CommandDefinition, SubcommandDefinition } from './command.ts';

/** The options a subcommand (or, without subcommands, the command) takes. */
export function optionsOfDefinition(definition: CommandDefinition, subcommand: string | null): readonly APIApplicationCommandBasicOption[] {
  const options = definition.options ?? [];
  const subcommands = options.filter((o): o is SubcommandDefinition => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length === 0) return options as readonly APIApplicationCommandBasicOption[];
  return subcommands.find((o) => o.name === subcommand)?.options ?? [];
}

/** The names of a command's subcommands (none for most). */
export function subcommandsOf(definition: CommandDefinition): string[] {
  return (definition.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => o.name);
}
