/**
 * The one place where message components (buttons, select menus) and modal submits are routed, for both
 * transports (the gateway and the HTTP endpoint): a custom_id is matched to a handler, which answers with a
 * command {@link Reply} that replaces the message the component is on. Timing, logging and failures are
 * answering.ts's, as for commands.
 *
 * The page buttons of long answers (commands/paging.ts: the whole question in the custom_id): turnPage runs
 * the command again for the page the button names, with no state kept. The forms (modals) of commands
 * (`/library add text:`): submitForm hands the fields to the command that opened the form.
 */
import { submitForm, turnPage, type Caller, type Reply } from '../../commands/index.ts';
import { readPageButton } from '../../commands/paging.ts';
import type { Engine } from '../engine.ts';

export interface ComponentContext {
  engine: Engine;
  /** The component's custom_id, as byline wrote it on the message (at most 100 characters). */
  customId: string;
  /** A select menu's chosen values; empty for a button. */
  values: readonly string[];
  /** A modal's text inputs by their custom_id; empty for a message component. */
  fields: Readonly<Record<string, string>>;
  /** Who pressed or submitted it (a form that changes something checks their permissions again). */
  caller?: Caller;
}

/** A routed component: its name (for logs and metrics, never the raw custom_id) and its handler. */
export interface ComponentRoute {
  name: string;
  handle(context: ComponentContext): Promise<Reply>;
}

/** Finds the route of a custom_id, or undefined when byline does not know it (an old or foreign message). */
export type ComponentRouter = (customId: string) => ComponentRoute | undefined;

/**
 * A page button: named by its command; a submitted form (`form;<command>;<form>`, the text of
 * `/library add`): named by its command, answered by its `submit`; anything else byline cannot read is no
 * route (answered as out of date).
 */
export const routeComponent: ComponentRouter = (customId) => {
  if (customId.startsWith('form;')) {
    const name = customId.split(';')[1]?.slice(0, 32) || 'form';
    return { name, handle: async ({ engine, fields, caller }) => (await submitForm(customId, fields, { engine, ...(caller ? { caller } : {}) })).reply };
  }
  const button = readPageButton(customId);
  if (!button) return undefined;
  return { name: button.command, handle: async ({ engine }) => (await turnPage(customId, engine)).reply };
};
