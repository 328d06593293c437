/**
 * The gateway's {@link Responder}: answering through discord.js's interaction methods, with a rendered
 * {@link ReplyMessage} in discord.js's option names. Which method to call when (reply, edit, follow-up) is
 * decided in answering.ts, for both transports.
 */
import {
  MessageFlags,
  type APIEmbed,
  type AutocompleteInteraction,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { Responder } from './answering.ts';
import type { ReplyMessage } from './render.ts';

/** The message in discord.js's option names, without flags; mentions stay off whatever the client's defaults are. */
function messageOptions(message: ReplyMessage): { content?: string; embeds: APIEmbed[]; components?: NonNullable<ReplyMessage['components']>; allowedMentions: { parse: [] } } {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    ...(message.components !== undefined ? { components: message.components } : {}),
    allowedMentions: { parse: [] },
  };
}

/** The message as a new response: ephemeral through its flags. */
function newMessageOptions(message: ReplyMessage): InteractionReplyOptions {
  return { ...messageOptions(message), ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** A method the interaction's kind does not have: answering.ts never asks for it. */
function notFor(kind: string): never {
  throw new TypeError(`not a response to ${kind}`);
}

/** The responder of one discord.js interaction. */
export function gatewayResponder(interaction: RepliableInteraction | AutocompleteInteraction): Responder {
  if (interaction.isAutocomplete()) {
    const unsupported = async (): Promise<never> => notFor('an autocomplete interaction');
    return {
      autocomplete: async (choices) => void (await interaction.respond(choices)),
      reply: unsupported,
      deferReply: unsupported,
      update: unsupported,
      deferUpdate: unsupported,
      editOriginal: unsupported,
      deleteOriginal: unsupported,
      followUp: unsupported,
    };
  }
  const component = interaction.isMessageComponent() || (interaction.isModalSubmit() && interaction.isFromMessage()) ? interaction : null;
  return {
    reply: async (message) => void (await interaction.reply(newMessageOptions(message))),
    deferReply: async (ephemeral) => void (await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})),
    update: async (message) => void (await (component ?? notFor('a command')).update(messageOptions(message))),
    deferUpdate: async () => void (await (component ?? notFor('a command')).deferUpdate()),
    autocomplete: async () => notFor('a command or a component'),
    editOriginal: async (message) => void (await interaction.editReply(messageOptions(message))),
    deleteOriginal: () => interaction.deleteReply(),
    followUp: async (message) => void (await interaction.followUp(newMessageOptions(message))),
    // A submitted form cannot answer with another form; a command or a component can.
    ...(interaction.isModalSubmit() ? {} : { modal: async (modal) => void (await interaction.showModal(modal)) }),
  };
}
