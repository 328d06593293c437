/**
 * Answering interactions, whatever carries them: the gateway (discord.js objects, interactions.ts) or
 * Discord's HTTP interactions endpoint (raw JSON, http/). This module owns Discord's timing rules — a first
 * response within 3 s, a deferral when the engine is slow or byline is busy, autocomplete answered in time
 * or empty — routes to the transport-free commands (and components to their one routing place), logs every
 * interaction as structured fields and turns failures into a kind ephemeral message, without ever throwing.
 *
 * A transport hands it the interaction as plain data ({@link CommandInteractionData} …) and a
 * {@link Responder}: the few ways Discord lets a bot answer. It knows nothing of discord.js or of HTTP.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { findMessageCommand, type TargetMessage } from '../../commands/context-menus.ts';
import { OUT_OF_DATE_BUTTON, findCommand, runCommand, type Caller, type CommandOptions, type Reply } from '../../commands/index.ts';
import type { Choice } from '../answers.ts';
import { UserInputError, type Engine } from '../engine.ts';
import type { InteractionOutcome } from '../service/metrics.ts';
import { routeComponent, type ComponentRouter } from './components.ts';
import { errorFields, isAlreadyAcknowledged, isUnknownInteraction, isUnknownWebhook } from './errors.ts';
import { INTERACTION_RESPONSE_WINDOW_MS } from './limits.ts';
import { fitChoices, renderFailure, renderReply, textMessage, type ReplyMessage } from './render.ts';
import { TurnQueue } from './turns.ts';

/** Default wait before deferring a slow command (1.5 s): leaves half of Discord's window for the deferral itself. */
export const DEFER_AFTER_MS = INTERACTION_RESPONSE_WINDOW_MS / 2;
/**
 * Commands in flight (or engine jobs waiting for their turn, turns.ts) from which a new one is deferred
 * before any work: with many answers pending, a new one is likely to wait behind them. Deferring first
 * costs one more request, and only when byline is busy.
 */
export const DEFER_FIRST_WHEN_BUSY = 4;
/** Default time the engine gets for autocomplete (2 s) before byline answers with no choices, in time. */
export const AUTOCOMPLETE_BUDGET_MS = INTERACTION_RESPONSE_WINDOW_MS - 1000;

/** What the member sees when they press a button that byline cannot read (another format, another version). */
export const UNKNOWN_COMPONENT_MESSAGE = OUT_OF_DATE_BUTTON;

/** What every interaction has, whatever its kind. */
export interface InteractionBase {
  id: string;
  /** Null in a direct message. */
  guildId: string | null;
  /**
   * Who asks: the server, the member and the member's permissions in the channel, as the interaction
   * carries them (what `/library` checks before acting); absent when the transport does not say.
   */
  caller?: Caller;
}

/** A message context menu used on a message ("Who said this?", "Add article to byline"). */
export interface MessageMenuInteractionData extends InteractionBase {
  commandName: string;
  /** The message it was used on, as the interaction carries it. */
  message: TargetMessage;
}

/** A slash command as both transports see it. */
export interface CommandInteractionData extends InteractionBase {
  commandName: string;
  options: CommandOptions;
}

/** An autocomplete request: the option being typed and what has been typed so far. */
export interface AutocompleteInteractionData extends CommandInteractionData {
  focused: { name: string; value: string };
}

/** A button or select menu pressed on one of byline's messages, or a modal submitted. */
export interface ComponentInteractionData extends InteractionBase {
  customId: string;
  /** A select menu's chosen values; empty for a button. */
  values: readonly string[];
  /** A modal's text inputs by their custom_id; empty for a message component. */
  fields: Readonly<Record<string, string>>;
  /** Where it comes from: a component on a message (its answer replaces that message), or a modal. */
  source: 'message' | 'modal';
}

/** The ways Discord lets a bot answer one interaction; each transport implements them. */
export interface Responder {
  /** First response: a new message (callback type 4). */
  reply(message: ReplyMessage): Promise<void>;
  /** First response: "byline is thinking…", to be edited later (type 5). */
  deferReply(ephemeral: boolean): Promise<void>;
  /** First response to a message component: the message it is on, replaced (type 7). */
  update(message: ReplyMessage): Promise<void>;
  /** First response to a message component: acknowledged, its message edited later (type 6). */
  deferUpdate(): Promise<void>;
  /** First response to autocomplete (type 8). */
  autocomplete(choices: Choice[]): Promise<void>;
  /** Edits the original response (the deferred one, or the message a component is on). */
  editOriginal(message: ReplyMessage): Promise<void>;
  /** Deletes the original response. */
  deleteOriginal(): Promise<void>;
  /** Sends one more message for the interaction. */
  followUp(message: ReplyMessage): Promise<void>;
  /** First response: a form to fill in (a modal, callback type 9); a transport without it shows no form. */
  modal?(modal: APIModalInteractionResponseCallbackData): Promise<void>;
}

/**
 * The interaction can no longer be answered by the transport itself (the HTTP request was closed: Discord
 * gave up waiting). Counted as expired, like Discord's own "Unknown interaction".
 */
export class InteractionClosedError extends Error {
  override name = 'InteractionClosedError';
}

export interface AnswererOptions {
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
  /** Where a component's custom_id is routed (default: the one routing place, components.ts). */
  components?: ComponentRouter;
  /** Where the engine's work waits for its turn of the event loop (default: one queue per answerer). */
  queue?: TurnQueue;
}

/** Answers interactions; none of its functions ever rejects. */
export interface Answerer {
  command(interaction: CommandInteractionData, responder: Responder): Promise<void>;
  /** A message context menu: routed to commands/context-menus.ts, timed and answered as a command. */
  menu(interaction: MessageMenuInteractionData, responder: Responder): Promise<void>;
  autocomplete(interaction: AutocompleteInteractionData, responder: Responder): Promise<void>;
  component(interaction: ComponentInteractionData, responder: Responder): Promise<void>;
}

/** Where an interaction stands: what has been answered so far decides how the next message is sent. */
type State = 'new' | 'deferred-public' | 'deferred-ephemeral' | 'deferred-update' | 'answered';

const elapsedSince = (started: number) => Math.round(performance.now() - started);

/**
 * True when Discord (or the closed request) says the interaction cannot be answered any more: nothing more
 * is sent for it (a failure message would meet the same answer).
 */
function isExpired(error: unknown): boolean {
  return error instanceof InteractionClosedError || isUnknownInteraction(error) || isUnknownWebhook(error) || isAlreadyAcknowledged(error);
}

/** Creates the answerer both transports share. */
export function createAnswerer(options: AnswererOptions): Answerer {
  const { engine, logger } = options;
  const engineFor = (guildId: string | null) => options.engines?.(guildId) ?? engine;
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const autocompleteBudgetMs = options.autocompleteBudgetMs ?? AUTOCOMPLETE_BUDGET_MS;
  const components = options.components ?? routeComponent;
  // The engine's work runs one job per turn of the event loop, so that interactions keep being read and
  // first responses keep being sent while a burst is worked through (turns.ts).
  const queue = options.queue ?? new TurnQueue();
  const observe = (command: string, kind: InteractionOutcome['kind'], outcome: InteractionOutcome['outcome'], ms: number) => {
    try {
      options.observe?.({ command, kind, outcome, ms });
    } catch {
      // metrics never break an answer
    }
  };

  /**
   * One interaction being answered: its state, and sending a message whatever that state is — a first
   * reply (or an update of a component's message), an edit of the deferred response, or a follow-up.
   * A deferral's visibility is fixed when deferring; so when the message must be ephemeral (a notice, a
   * failure) but the deferral was public, the "thinking…" message is deleted and the message sent as an
   * ephemeral follow-up.
   */
  function conversation(responder: Responder) {
    let state: State = 'new';
    return {
      get state() {
        return state;
      },
      async deferReply(ephemeral: boolean) {
        await responder.deferReply(ephemeral);
        state = ephemeral ? 'deferred-ephemeral' : 'deferred-public';
      },
      async deferUpdate() {
        await responder.deferUpdate();
        state = 'deferred-update';
      },
      /** Sends `message`; `update` replaces the message a component is on instead of replying. */
      async send(message: ReplyMessage, update = false) {
        if (message.modal) {
          // A form is the first response or nothing: after a deferral (or where no form can be shown) the member is told to ask again.
          if (state === 'new' && responder.modal) {
            await responder.modal(message.modal);
            state = 'answered';
            return;
          }
          message = textMessage('Please run the command again to open the form.', true);
        }
        if (state === 'new') {
          await (update && !message.ephemeral ? responder.update(message) : responder.reply(message));
        } else if (state === 'deferred-ephemeral' || (state === 'deferred-public' && !message.ephemeral)) {
          await responder.editOriginal(message);
        } else if (state === 'deferred-update' && !message.ephemeral) {
          await responder.editOriginal(message);
        } else {
          if (state === 'deferred-public') await responder.deleteOriginal();
          await responder.followUp(message);
        }
        state = 'answered';
      },
    };
  }

  /** Logs a failed interaction and, if Discord still accepts an answer, tells the member kindly. Never throws. */
  async function failed(
    talk: ReturnType<typeof conversation>,
    kind: InteractionOutcome['kind'],
    error: unknown,
    fields: Record<string, unknown> & { command: string; ms: number },
  ) {
    if (isExpired(error)) {
      logger.warn({ ...fields, err: errorFields(error) }, 'interaction could not be answered any more');
      observe(fields.command, kind, 'expired', fields.ms);
      return;
    }
    logger.error({ ...fields, err: errorFields(error) }, `${kind} failed`);
    observe(fields.command, kind, 'failed', fields.ms);
    try {
      await talk.send(renderFailure());
    } catch (sendError) {
      logger.warn({ ...fields, err: errorFields(sendError) }, 'could not tell the user about the failure');
    }
  }

  let commandsInFlight = 0;
  /** Runs `work`, counting it among the commands in flight (for the "busy" deferral). */
  async function counted(work: (busy: boolean) => Promise<void>): Promise<void> {
    commandsInFlight++;
    try {
      await work(commandsInFlight > DEFER_FIRST_WHEN_BUSY || queue.waiting >= DEFER_FIRST_WHEN_BUSY);
    } finally {
      commandsInFlight--;
    }
  }

  /**
   * Runs a slash command; defers if it has not answered within `deferAfterMs` (or at once when many are in
   * flight), then edits the deferred reply.
   */
  async function command(interaction: CommandInteractionData, responder: Responder): Promise<void> {
    await answerAsCommand(interaction, responder, () => {
      const found = findCommand(interaction.commandName);
      if (!found) return { unknown: 'byline does not know this command; it may have been removed.' };
      const context = { engine: engineFor(interaction.guildId), options: interaction.options, ...(interaction.caller ? { caller: interaction.caller } : {}) };
      // A command that opens a form answers with it at once: a modal must be the first response.
      const immediate = found.opensForm?.(context.options) ?? false;
      return {
        hide: context.options.getBoolean('hide') ?? false,
        ...(immediate ? { immediate: () => runCommand(found, context) } : {}),
        run: () => queue.run(() => runCommand(found, context)),
      };
    });
  }

  /** Answers autocomplete within Discord's 3 s: the command's choices if they come in time, none otherwise. */
  async function autocomplete(interaction: AutocompleteInteractionData, responder: Responder): Promise<void> {
    const started = performance.now();
    const fields = { command: interaction.commandName, guildId: interaction.guildId, interactionId: interaction.id };
    let choices: Choice[] = [];
    let outcome: InteractionOutcome['outcome'] = 'answered';
    try {
      const found = findCommand(interaction.commandName);
      const suggest = found?.autocomplete;
      if (suggest) {
        const context = { engine: engineFor(interaction.guildId), options: interaction.options, focused: interaction.focused };
        // Ahead of the commands in the queue; skipped if it has not started when the budget runs out.
        const gaveUp = new AbortController();
        const answer = await withinTime(queue.run(() => suggest.call(found, context), { urgent: true, signal: gaveUp.signal }), autocompleteBudgetMs);
        if (answer === TIMED_OUT) {
          gaveUp.abort();
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
      await responder.autocomplete(fitted);
      logger.info({ ...fields, ms: elapsedSince(started), choices: fitted.length }, 'autocomplete answered');
      observe(fields.command, 'autocomplete', outcome, elapsedSince(started));
    } catch (error) {
      const expired = isExpired(error);
      observe(fields.command, 'autocomplete', expired ? 'expired' : 'failed', elapsedSince(started));
      logger[expired ? 'warn' : 'error']({ ...fields, ms: elapsedSince(started), err: errorFields(error) }, 'autocomplete could not be answered');
    }
  }

  /**
   * Answers a component (a page button) or a modal through the one routing place: its handler's reply
   * replaces the message the component is on, buttons included (deferred, then edited, when slow or when
   * byline is busy); a notice or a failure goes to the member alone, and the message stays as it was. A
   * custom_id nobody routes gets a kind ephemeral message.
   */
  async function component(interaction: ComponentInteractionData, responder: Responder): Promise<void> {
    const started = performance.now();
    const route = components(interaction.customId);
    const kind = interaction.source === 'modal' ? 'modal' : 'button';
    const fields = { command: route?.name ?? 'unknown', guildId: interaction.guildId, interactionId: interaction.id };
    const talk = conversation(responder);
    const update = interaction.source === 'message';
    try {
      if (!route) {
        await talk.send(textMessage(UNKNOWN_COMPONENT_MESSAGE, true));
        logger.warn({ ...fields, ms: elapsedSince(started) }, 'unknown component');
        observe(fields.command, kind, 'unknown_command', elapsedSince(started));
        return;
      }
      await counted(async (busy) => {
        const context = {
          engine: engineFor(interaction.guildId),
          customId: interaction.customId,
          values: interaction.values,
          fields: interaction.fields,
          ...(interaction.caller ? { caller: interaction.caller } : {}),
        };
        const defer = () => (update ? talk.deferUpdate() : talk.deferReply(false));
        if (busy) await defer();
        const run = () => asNotice(queue.run(() => route.handle(context)));
        const { value: reply, deferred } = busy ? { value: await run(), deferred: true } : await deferringIfSlow(run(), deferAfterMs, defer);
        const message = renderReply(reply);
        // The buttons are always sent with a page: an empty list takes away those of a list that has no pages left.
        await talk.send(update && !message.ephemeral ? { ...message, components: message.components ?? [] } : message, update);
        const page = reply.type === 'notice' ? null : (reply.paging?.page ?? null);
        logger.info({ ...fields, ms: elapsedSince(started), reply: reply.type, page, deferred }, 'answered');
        observe(fields.command, kind, deferred ? 'deferred' : 'answered', elapsedSince(started));
      });
    } catch (error) {
      await failed(talk, kind, error, { ...fields, ms: elapsedSince(started) });
    }
  }

  /** A message context menu, answered as a command is: deferred when slow or busy, failures told kindly. */
  async function menu(interaction: MessageMenuInteractionData, responder: Responder): Promise<void> {
    await answerAsCommand(interaction, responder, () => {
      const found = findMessageCommand(interaction.commandName);
      if (!found) return { unknown: 'byline does not know this menu entry; it may have been removed.' };
      return { hide: false, run: () => queue.run(() => found.run(interaction.message, { engine: engineFor(interaction.guildId), caller: interaction.caller ?? null })) };
    });
  }

  /**
   * What a slash command and a message menu share: an unknown name told kindly; the work deferred at once
   * when byline is busy (or never, for a form, which must be the first response), else when it is slow; the
   * reply sent (or the deferral edited), logged and counted; a failure told kindly.
   */
  async function answerAsCommand(
    interaction: InteractionBase & { commandName: string },
    responder: Responder,
    prepare: () => { unknown: string } | { hide: boolean; immediate?: () => Promise<Reply>; run: () => Promise<Reply> },
  ): Promise<void> {
    const started = performance.now();
    const fields = { command: interaction.commandName, guildId: interaction.guildId, interactionId: interaction.id };
    const talk = conversation(responder);
    try {
      await counted(async (busy) => {
        const plan = prepare();
        if ('unknown' in plan) {
          await talk.send(textMessage(plan.unknown, true));
          logger.warn({ ...fields, ms: elapsedSince(started) }, 'unknown command');
          observe(fields.command, 'command', 'unknown_command', elapsedSince(started));
          return;
        }
        const defer = () => talk.deferReply(plan.hide);
        if (busy && !plan.immediate) await defer();
        const { value: reply, deferred } = plan.immediate
          ? { value: await plan.immediate(), deferred: false }
          : busy
            ? { value: await plan.run(), deferred: true }
            : await deferringIfSlow(plan.run(), deferAfterMs, defer);
        await talk.send(renderReply(reply));
        logger.info({ ...fields, ms: elapsedSince(started), reply: reply.type, deferred }, 'answered');
        observe(fields.command, 'command', deferred ? 'deferred' : 'answered', elapsedSince(started));
      });
    } catch (error) {
      await failed(talk, 'command', error, { ...fields, ms: elapsedSince(started) });
    }
  }

  return { command, menu, autocomplete, component };
}

/** A handler's reply; a question it cannot answer as asked becomes a kind notice, as {@link runCommand} does. */
async function asNotice(work: Promise<Reply>): Promise<Reply> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserInputError) return { type: 'notice', message: error.message, hide: true };
    throw error;
  }
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
