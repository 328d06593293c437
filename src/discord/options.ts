/**
 * The adapter from a Discord interaction's options to the transport-free {@link CommandOptions} the commands
 * read, so commands never see a discord.js type.
 */
import type { CommandOptions } from '../../commands/index.ts';

/** The part of discord.js's option resolver byline reads; both command and autocomplete interactions have it. */
export interface InteractionOptions {
  get(name: string): { value?: string | number | boolean; attachment?: { url: string; name: string; size: number; contentType: string | null } | undefined } | null;
  /** The subcommand chosen; discord.js's `getSubcommand(false)`. */
  getSubcommand?(required: false): string | null;
}

/**
 * Reads an interaction's options as {@link CommandOptions}. A value of another type than asked reads as
 * null (rather than throwing like discord.js's own getters), and blank strings read as null too.
 */
export function commandOptionsOf(options: InteractionOptions): CommandOptions {
  return {
    getString(name) {
      const value = options.get(name)?.value;
      return typeof value === 'string' && value.trim() !== '' ? value : null;
    },
    getBoolean(name) {
      const value = options.get(name)?.value;
      return typeof value === 'boolean' ? value : null;
    },
    getInteger(name) {
      const value = options.get(name)?.value;
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
    },
    getSubcommand() {
      try {
        return options.getSubcommand?.(false) ?? null;
      } catch {
        return null;
      }
    },
    getAttachment(name) {
      const file = options.get(name)?.attachment;
      return file ? { url: file.url, name: file.name, size: file.size, contentType: file.contentType ?? null } : null;
    },
  };
}
