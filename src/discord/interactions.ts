/**
 * The one `interactionCreate` handler: a switch per interaction kind (command, autocomplete, page button),
 * routing by command name to the transport-free commands in commands/. It owns Discord's timing rules (a first response within 3 s, defer
 * when the engine is slow), logs every interaction as structured fields, and turns failures into a kind
 * ephemeral message, without ever throwing itself.
 */
import type { InteractionOutcome } from '../service/metrics.ts';
import { performance } from 'node:perf_hooks';
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { findMessageCommand } from '../../commands/context-menus.ts';
import { findCommand, runCommand, submitForm, turnPage, type Caller, type Reply } from '../../commands/index.ts';
import { readPageButton } from '../../commands/paging.ts';
import type { Choice } from '../answers.ts';
import type { Engine } from '../engine.ts';
import { errorFields, isAlreadyAcknowledged, isUnknownInteraction } from './errors.ts';
import { INTERACTION_RESPONSE_WINDOW_MS } from './limits.ts';
import { commandOptionsOf } from './options.ts';
import { fitChoices, renderFailure, renderReply, textMessage } from './render.ts';
import { sendPage, sendReply, type AnswerableInteraction } from './reply.ts';

/** Default wait before deferring a slow command (1.5 s): leaves half of Discord's window for the deferral itself. */
export const DEFER_AFTER_MS = INTERACTION_RESPONSE_WINDOW_MS / 2;
/**
 * Commands in flight from which a new one is deferred before any work: with many answers pending, a new
 * one is likely to wait, and the "defer if slow" timer can only fire once the event loop is free. Deferring
 * first costs one more request, and only when byline is busy.
 */
export const DEFER_FIRST_WHEN_BUSY = 4;
/** Default time the engine gets for autocomplete (2 s) before byline answers with no choices, in time. */
export const AUTOCOMPLETE_BUDGET_MS = INTERACTION_RESPONSE_WINDOW_MS - 1000;

export interface InteractionHandlerOptions {
  engine: Engine;
  /**
   * The engine of the server an interaction comes from (its own articles beside the shared ones); null for
   * a direct message. Default: `engine` for every interaction.
   */
  engines?: (guildId: string | null) => Engine;
  logger: Logger;
  /** Milliseconds to wait for a command before deferring (default {@link DEFER_AFTER_MS}). */
  deferAfterMs?: number;
  /** Milliseconds autocomplete may take before answering empty (default {@link AUTOCOMPLETE_BUDGET_MS}). */
  autocompleteBudgetMs?: number;
  /** Told of every interaction's outcome once it is settled (metrics). */
  observe?: (outcome: InteractionOutcome) => void;
}


/** The fields every log line about an interaction carries. */
function interactionFields(interaction: ChatInputCommandInteraction | AutocompleteInteraction | MessageContextMenuCommandInteraction) {
  return { command: interaction.commandName, guildId: interaction.guildId, interactionId: interaction.id };
}

/** Who asks: the server, the member, and the member's permissions in the channel as the interaction carries them. */
function callerOf(interaction: Interaction): Caller {
  return { guildId: interaction.guildId, userId: interaction.user.id, permissions: interaction.memberPermissions?.bitfield.toString() ?? null };
}

const elapsedSince = (started: number) => Math.round(performance.now() - started);

/**
 * Creates the `interactionCreate` listener. The returned function never rejects: every error is logged and,
 * where Discord still allows it, answered with a short ephemeral message.
 */
export function createInteractionHandler(options: InteractionHandlerOptions): (interaction: Interaction) => Promise<void> {
  const { engine, logger } = options;
  const engineFor = (guildId: string | null) => options.engines?.(guildId) ?? engine;
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const autocompleteBudgetMs = options.autocompleteBudgetMs ?? AUTOCOMPLETE_BUDGET_MS;
  const observe = (command: string, kind: InteractionOutcome['kind'], outcome: InteractionOutcome['outcome'], ms: number) => {
    try {
      options.observe?.({ command, kind, outcome, ms });
    } catch {
      // metrics never break an answer
    }
  };

  let commandsInFlight = 0;
  /**
   * Runs a slash command; defers if it has not answered within `deferAfterMs` (or at once when many are in
   * flight), then edits the deferred reply.
   */
  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    commandsInFlight++;
    try {
      await answerCommand(interaction, commandsInFlight > DEFER_FIRST_WHEN_BUSY);
    } finally {
      commandsInFlight--;
    }
  }

  async function answerCommand(interaction: ChatInputCommandInteraction, busy: boolean): Promise<void> {
    const fields = interactionFields(interaction);
    const command = findCommand(interaction.commandName);
    if (!command) {
      const started = performance.now();
      try {
        await sendReply(interaction, textMessage('byline does not know this command; it may have been removed.', true));
        logger.warn({ ...fields, ms: elapsedSince(started) }, 'unknown command');
        observe(fields.command, 'command', 'unknown_command', elapsedSince(started));
      } catch (error) {
        await failed(interaction, error, { ...fields, ms: elapsedSince(started) });
      }
      return;
    }
    const context = { engine: engineFor(interaction.guildId), options: commandOptionsOf(interaction.options), caller: callerOf(interaction) };
    // A command that opens a form answers with it at once: a modal must be the first response.
    const immediate = command.opensForm?.(context.options) ?? false;
    await answerWith(interaction, fields, () => runCommand(command, context), { hide: context.options.getBoolean('hide') ?? false, busy, immediate });
  }

  /**
   * Answers a command-like interaction (a slash command, a message context menu, a submitted form) with the
   * reply `run` makes: deferred first when busy, or when it has not answered within `deferAfterMs`
   * (never when it opens a form), then sent as the first response or as the edit of the deferral.
   */
  async function answerWith(
    interaction: AnswerableInteraction,
    fields: { command: string; guildId: string | null; interactionId: string },
    run: () => Promise<Reply>,
    how: { hide: boolean; busy: boolean; immediate?: boolean },
  ): Promise<void> {
    const started = performance.now();
    try {
      const defer = () => interaction.deferReply(how.hide ? { flags: MessageFlags.Ephemeral } : {});
      const { value: reply, deferred } = how.immediate
        ? { value: await run(), deferred: false }
        : how.busy
          ? (await defer(), { value: await run(), deferred: true })
          : await deferringIfSlow(run(), deferAfterMs, defer);
      await sendReply(interaction, renderReply(reply));
      logger.info({ ...fields, ms: elapsedSince(started), reply: reply.type, deferred }, 'answered');
      observe(fields.command, 'command', deferred ? 'deferred' : 'answered', elapsedSince(started));
    } catch (error) {
      await failed(interaction, error, { ...fields, ms: elapsedSince(started) });
    }
  }

  /** A message context menu ("Who said this?", "Add article to byline"): routed to commands/context-menus.ts. */
  async function onMessageMenu(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    commandsInFlight++;
    try {
      const fields = interactionFields(interaction);
      const menu = findMessageCommand(interaction.commandName);
      const target = interaction.targetMessage;
      const message = { id: target.id, content: target.content ?? '', embedUrls: target.embeds.map((embed) => embed.url).filter((url): url is string => typeof url === 'string') };
      const context = { engine: engineFor(interaction.guildId), caller: callerOf(interaction) };
      const run = async (): Promise<Reply> =>
        menu ? menu.run(message, context) : { type: 'notice', message: 'byline does not know this menu entry; it may have been removed.', hide: true };
      await answerWith(interaction, fields, run, { hide: false, busy: commandsInFlight > DEFER_FIRST_WHEN_BUSY });
    } finally {
      commandsInFlight--;
    }
  }

  /** A submitted form (a modal): routed by its custom_id to the command that opened it (commands/index.ts). */
  async function onModal(interaction: ModalSubmitInteraction): Promise<void> {
    commandsInFlight++;
    try {
      const values: Record<string, string> = {};
      for (const [id, field] of interaction.fields.fields) if ('value' in field && typeof field.value === 'string') values[id] = field.value;
      const fields = { command: interaction.customId.split(';')[1]?.slice(0, 32) || 'form', guildId: interaction.guildId, interactionId: interaction.id };
      const context = { engine: engineFor(interaction.guildId), caller: callerOf(interaction) };
      const run = async () => (await submitForm(interaction.customId, values, context)).reply;
      await answerWith(interaction, fields, run, { hide: false, busy: commandsInFlight > DEFER_FIRST_WHEN_BUSY });
    } finally {
      commandsInFlight--;
    }
  }

  /** Logs a failed command and, if Discord still accepts an answer, tells the user kindly. Never throws. */
  async function failed(interaction: AnswerableInteraction, error: unknown, fields: Record<string, unknown>) {
    const command = String(fields.command);
    if (isUnknownInteraction(error) || isAlreadyAcknowledged(error)) {
      logger.warn({ ...fields, err: errorFields(error) }, 'interaction could not be answered any more');
      observe(command, 'command', 'expired', Number(fields.ms));
      return;
    }
    logger.error({ ...fields, err: errorFields(error) }, 'command failed');
    observe(command, 'command', 'failed', Number(fields.ms));
    try {
      await sendReply(interaction, renderFailure());
    } catch (sendError) {
      logger.warn({ ...fields, err: errorFields(sendError) }, 'could not tell the user about the failure');
    }
  }

  /** Answers autocomplete within Discord's 3 s: the command's choices if they come in time, none otherwise. */
  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const started = performance.now();
    const fields = interactionFields(interaction);
    let choices: Choice[] = [];
    let outcome: InteractionOutcome['outcome'] = 'answered';
    try {
      const command = findCommand(interaction.commandName);
      const focused = interaction.options.getFocused(true);
      if (command?.autocomplete) {
        const context = {
          engine: engineFor(interaction.guildId),
          options: commandOptionsOf(interaction.options),
          focused: { name: focused.name, value: String(focused.value) },
        };
        const answer = await withinTime(command.autocomplete(context), autocompleteBudgetMs);
        if (answer === TIMED_OUT) {
          logger.warn({ ...fields, ms: elapsedSince(started) }, 'autocomplete too slow; answered empty');
          outcome = 'timed_out';
        } else choices = answer;
      }
    } catch (error) {
      logger.error({ ...fields, ms: elapsedSince(started), err: errorFields(error) }, 'autocomplete failed');
      outcome = 'failed';
    }
    try {
      const fitted = fitChoices(choices);
      await interaction.respond(fitted);
      logger.info({ ...fields, ms: elapsedSince(started), choices: fitted.length }, 'autocomplete answered');
      observe(fields.command, 'autocomplete', outcome, elapsedSince(started));
    } catch (error) {
      const level = isUnknownInteraction(error) ? 'warn' : 'error';
      observe(fields.command, 'autocomplete', isUnknownInteraction(error) ? 'expired' : 'failed', elapsedSince(started));
      logger[level]({ ...fields, ms: elapsedSince(started), err: errorFields(error) }, 'autocomplete could not be answered');
    }
  }

  /**
   * Answers a page button (Previous/Next under a long answer) from its custom_id alone: the command runs again
   * for the page the button names, and the page replaces the message within Discord's 3 s (deferred, then
   * edited, when the engine is slow). A button that cannot be answered gets a kind ephemeral message.
   */
  async function onButton(interaction: ButtonInteraction): Promise<void> {
    commandsInFlight++;
    try {
      await answerButton(interaction, commandsInFlight > DEFER_FIRST_WHEN_BUSY);
    } finally {
      commandsInFlight--;
    }
  }

  async function answerButton(interaction: ButtonInteraction, busy: boolean): Promise<void> {
    const started = performance.now();
    const button = readPageButton(interaction.customId);
    const fields = { command: button?.command ?? 'unknown', guildId: interaction.guildId, interactionId: interaction.id };
    try {
      const defer = () => interaction.deferUpdate();
      if (busy) await defer();
      const { value, deferred } = busy
        ? { value: await turnPage(interaction.customId, engineFor(interaction.guildId)), deferred: true }
        : await deferringIfSlow(turnPage(interaction.customId, engineFor(interaction.guildId)), deferAfterMs, defer);
      const { reply } = value;
      await sendPage(interaction, renderReply(reply), reply.type === 'notice');
      const page = reply.type === 'notice' ? null : (reply.paging?.page ?? null);
      logger.info({ ...fields, ms: elapsedSince(started), reply: reply.type, page, deferred }, 'page turned');
      observe(fields.command, 'button', reply.type === 'notice' && !button ? 'unknown_command' : deferred ? 'deferred' : 'answered', elapsedSince(started));
    } catch (error) {
      const ms = elapsedSince(started);
      if (isUnknownInteraction(error) || isAlreadyAcknowledged(error)) {
        logger.warn({ ...fields, ms, err: errorFields(error) }, 'interaction could not be answered any more');
        observe(fields.command, 'button', 'expired', ms);
        return;
      }
      logger.error({ ...fields, ms, err: errorFields(error) }, 'page button failed');
      observe(fields.command, 'button', 'failed', ms);
      try {
        await sendPage(interaction, renderFailure(), true);
      } catch (sendError) {
        logger.warn({ ...fields, err: errorFields(sendError) }, 'could not tell the user about the failure');
      }
    }
  }

  return async function onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
      else if (interaction.isMessageContextMenuCommand()) await onMessageMenu(interaction);
      else if (interaction.isModalSubmit()) await onModal(interaction);
      else logger.debug({ interactionId: interaction.id, kind: interaction.type }, 'interaction kind not handled');
    } catch (error) {
      logger.error({ interactionId: interaction.id, err: errorFields(error) }, 'interaction handler failed');
    }
  };
}

/**
 * Awaits `work`; if it has not settled after `ms`, calls `defer` meanwhile. Settles only once the deferral
 * has too, so the caller knows which response comes next (a reply, or an edit of the deferred one). When
 * `work` fails, its error wins over a failed deferral's.
 */
async function deferringIfSlow<T>(work: Promise<T>, ms: number, defer: () => Promise<unknown>): Promise<{ value: T; deferred: boolean }> {
  let deferral: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    deferral = defer();
    deferral.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
  }, ms);
  try {
    const value = await work;
    clearTimeout(timer);
    await deferral;
    return { value, deferred: deferral !== undefined };
  } catch (error) {
    clearTimeout(timer);
    await deferral?.catch(() => undefined);
    throw error;
  }
}

const TIMED_OUT = Symbol('timed out');

/** `work`'s result, or {@link TIMED_OUT} when it takes longer than `ms`; a late rejection is swallowed. */
async function withinTime<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
