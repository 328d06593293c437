/**
 * The one place where message components (buttons, select menus) and modal submits are routed, for both
 * transports (the gateway and the HTTP endpoint): a custom_id is matched to a handler, which answers with a
 * command {@link Reply} that replaces the message the component is on. Timing, logging and failures are
 * answering.ts's, as for commands.
 *
 * No component is wired yet: the paging buttons (state in the custom_id) register here when they land.
 */
import type { Reply } from '../../commands/index.ts';
import type { Engine } from '../engine.ts';

export interface ComponentContext {
  engine: Engine;
  /** The component's custom_id, as byline wrote it on the message (at most 100 characters). */
  customId: string;
  /** A select menu's chosen values; empty for a button. */
  values: readonly string[];
  /** A modal's text inputs by their custom_id; empty for a message component. */
  fields: Readonly<Record<string, string>>;
}

/** A routed component: its name (for logs and metrics, never the raw custom_id) and its handler. */
export interface ComponentRoute {
  name: string;
  handle(context: ComponentContext): Promise<Reply>;
}

/** Finds the route of a custom_id, or undefined when byline does not know it (an old or foreign message). */
export type ComponentRouter = (customId: string) => ComponentRoute | undefined;

/** byline's component routes. */
export const routeComponent: ComponentRouter = () => undefined;
