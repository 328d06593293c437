/**
 * Sending a rendered {@link ReplyMessage} as the answer to an interaction, whatever state the interaction is
 * in: not yet answered (reply), deferred (edit the "thinking…" message), or already answered (follow up).
 */
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type APIEmbed,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
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

/** The interactions answered with a message (or a form): slash commands, message context menus, submitted forms. */
export type AnswerableInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ModalSubmitInteraction;

/**
 * Answers `interaction` with `message`. After a deferral the answer edits the "thinking…" message, whose
 * visibility was fixed when deferring; so when the answer must be ephemeral (a notice, a failure) but the
 * deferral was public, the "thinking…" message is deleted and the answer sent as an ephemeral follow-up.
 */
export async function sendReply(interaction: AnswerableInteraction, message: ReplyMessage): Promise<void> {
  if (message.modal && !interaction.deferred && !interaction.replied && !interaction.isModalSubmit()) {
    // A form is the first response or nothing (a modal cannot follow a deferral, nor answer a modal).
    await interaction.showModal(message.modal);
    return;
  }
  if (message.modal) message = { ...message, content: 'Please run the command again to open the form.', ephemeral: true };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(newMessageOptions(message));
  } else if (interaction.deferred && !interaction.replied && !(message.ephemeral && !interaction.ephemeral)) {
    await interaction.editReply(messageOptions(message));
  } else {
    if (interaction.deferred && !interaction.replied) await interaction.deleteReply();
    await interaction.followUp(newMessageOptions(message));
  }
}

/**
 * Answers a page button. A page replaces the message the button is on (UPDATE_MESSAGE, or an edit of it
 * after a deferred update), its buttons included; a notice (the list cannot be shown any more) is a new
 * ephemeral message, and the list stays as it was.
 */
export async function sendPage(interaction: ButtonInteraction, message: ReplyMessage, notice: boolean): Promise<void> {
  if (notice) {
    const options = newMessageOptions({ ...message, ephemeral: true });
    if (interaction.deferred || interaction.replied) await interaction.followUp(options);
    else await interaction.reply(options);
    return;
  }
  // The buttons are always sent: an empty list takes away those of a list that no longer has pages.
  const options = { ...messageOptions(message), components: message.components ?? [] };
  if (interaction.deferred) await interaction.editReply(options);
  else await interaction.update(options);
}
