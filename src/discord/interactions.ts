/**
 * The gateway's `interactionCreate` handler: it turns discord.js's interaction objects (commands,
 * autocomplete, page buttons, message context menus, modals) into the plain data and the {@link Responder} of answering.ts, which
 * owns the timing rules, the routing to the transport-free commands (and of buttons, through
 * components.ts), the logging and the failures for both transports (the HTTP endpoint is the other one).
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageComponentInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
} from 'discord.js';
import type { Caller } from '../../commands/index.ts';
import {
  createAnswerer,
  type AnswererOptions,
  type AutocompleteInteractionData,
  type CommandInteractionData,
  type ComponentInteractionData,
  type MessageMenuInteractionData,
} from './answering.ts';
import { errorFields } from './errors.ts';
import { commandOptionsOf } from './options.ts';
import { gatewayResponder } from './reply.ts';

export { AUTOCOMPLETE_BUDGET_MS, DEFER_AFTER_MS, DEFER_FIRST_WHEN_BUSY } from './answering.ts';

export type InteractionHandlerOptions = AnswererOptions;

/** Who asks: the server, the member, and the member's permissions in the channel as the interaction carries them. */
function callerOf(interaction: Pick<Interaction, 'guildId' | 'user' | 'memberPermissions'>): Caller {
  return { guildId: interaction.guildId, userId: interaction.user.id, permissions: interaction.memberPermissions?.bitfield.toString() ?? null };
}

function commandData(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandInteractionData {
  return {
    id: interaction.id,
    guildId: interaction.guildId,
    caller: callerOf(interaction),
    commandName: interaction.commandName,
    options: commandOptionsOf(interaction.options),
  };
}

/** A message context menu: the message it was used on, its text and its embeds' links. */
function menuData(interaction: MessageContextMenuCommandInteraction): MessageMenuInteractionData {
  const target = interaction.targetMessage;
  return {
    id: interaction.id,
    guildId: interaction.guildId,
    caller: callerOf(interaction),
    commandName: interaction.commandName,
    message: { id: target.id, content: target.content ?? '', embedUrls: target.embeds.map((embed) => embed.url).filter((url): url is string => typeof url === 'string') },
  };
}

function autocompleteData(interaction: AutocompleteInteraction): AutocompleteInteractionData {
  const focused = interaction.options.getFocused(true);
  return { ...commandData(interaction), focused: { name: focused.name, value: String(focused.value) } };
}

function componentData(interaction: MessageComponentInteraction | ModalSubmitInteraction): ComponentInteractionData {
  const base = { id: interaction.id, guildId: interaction.guildId, caller: callerOf(interaction), customId: interaction.customId };
  if (interaction.isModalSubmit()) {
    const fields: Record<string, string> = {};
    for (const [customId, field] of interaction.fields.fields) if ('value' in field && typeof field.value === 'string') fields[customId] = field.value;
    return { ...base, values: [], fields, source: interaction.isFromMessage() ? 'message' : 'modal' };
  }
  return { ...base, values: interaction.isAnySelectMenu() ? [...interaction.values] : [], fields: {}, source: 'message' };
}

/**
 * Creates the `interactionCreate` listener. The returned function never rejects: every error is logged and,
 * where Discord still allows it, answered with a short ephemeral message.
 */
export function createInteractionHandler(options: InteractionHandlerOptions): (interaction: Interaction) => Promise<void> {
  const answerer = createAnswerer(options);
  const { logger } = options;
  return async function onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await answerer.command(commandData(interaction), gatewayResponder(interaction));
      else if (interaction.isAutocomplete()) await answerer.autocomplete(autocompleteData(interaction), gatewayResponder(interaction));
      else if (interaction.isMessageContextMenuCommand()) await answerer.menu(menuData(interaction), gatewayResponder(interaction));
      else if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
        await answerer.component(componentData(interaction), gatewayResponder(interaction));
      } else logger.debug({ interactionId: interaction.id, kind: interaction.type }, 'interaction kind not handled');
    } catch (error) {
      logger.error({ interactionId: interaction.id, err: errorFields(error) }, 'interaction handler failed');
    }
  };
}
