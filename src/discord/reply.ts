/**
 * Sending a rendered {@link ReplyMessage} as the answer to an interaction, whatever state the interaction is
 * in: not yet answered (reply), deferred (edit the "thinking…" message), or already answered (follow up).
 */
import { MessageFlags, type ChatInputCommandInteraction, type InteractionReplyOptions } from 'discord.js';
import type { ReplyMessage } from './render.ts';

/** The message in discord.js's option names; mentions stay off whatever the client's defaults are. */
function toReplyOptions(message: ReplyMessage): InteractionReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    allowedMentions: { parse: [] },
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * Answers `interaction` with `message`. After a public deferral, an ephemeral message (a notice, a failure)
 * cannot become ephemeral by editing, so the "thinking…" message is deleted and the answer sent as an
 * ephemeral follow-up instead.
 */
export async function sendReply(interaction: ChatInputCommandInteraction, message: ReplyMessage): Promise<void> {
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(toReplyOptions(message));
    return;
  }
  if (interaction.deferred && !interaction.replied) {
    if (message.ephemeral && !interaction.ephemeral) {
      await interaction.deleteReply();
      await interaction.followUp(toReplyOptions(message));
      return;
    }
    const { flags: _ephemeralIsFixedAtDeferral, ...edit } = toReplyOptions(message);
    await interaction.editReply(edit);
    return;
  }
  await interaction.followUp(toReplyOptions(message));
}
