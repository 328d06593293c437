/**
 * Discord's hard limits on what a bot may send, as named constants. A message that breaks one is refused
 * with error 50035 (Invalid Form Body), so every payload is cut to fit before it leaves (see render.ts).
 * Source: https://discord.com/developers/docs/resources/message#embed-object-embed-limits and
 * https://discord.com/developers/docs/interactions/application-commands#autocomplete and
 * https://discord.com/developers/docs/components/reference#button.
 */

/** Characters in a message's plain `content`. */
export const MESSAGE_CONTENT_MAX = 2000;

/** Characters in an embed's title. */
export const EMBED_TITLE_MAX = 256;
/** Characters in an embed's description. */
export const EMBED_DESCRIPTION_MAX = 4096;
/** Fields in one embed. */
export const EMBED_FIELDS_MAX = 25;
/** Characters in a field's name. */
export const EMBED_FIELD_NAME_MAX = 256;
/** Characters in a field's value. */
export const EMBED_FIELD_VALUE_MAX = 1024;
/** Characters in an embed's footer text. */
export const EMBED_FOOTER_MAX = 2048;
/** Characters in an embed's author name. */
export const EMBED_AUTHOR_MAX = 256;
/** Characters across title, description, field names and values, footer and author of all embeds of a message. */
export const EMBED_TOTAL_MAX = 6000;
/** Embeds in one message. */
export const EMBEDS_PER_MESSAGE_MAX = 10;

/** Choices in one autocomplete answer. */
export const AUTOCOMPLETE_CHOICES_MAX = 25;
/** Characters in an autocomplete choice's name. */
export const CHOICE_NAME_MAX = 100;
/** Characters in an autocomplete choice's value. */
export const CHOICE_VALUE_MAX = 100;

/** Characters in a component's `custom_id` (a page button carries its whole state in it). */
export const CUSTOM_ID_MAX = 100;

/** Milliseconds Discord gives a bot for its first response to an interaction before the token dies (10062). */
export const INTERACTION_RESPONSE_WINDOW_MS = 3000;

/**
 * REST options for the client that answers interactions. Discord's interaction endpoints (the callback, and
 * the webhook that edits a deferred reply or sends a follow-up) "are not bound to the bot's Global Rate
 * Limit" (Discord's rate-limit documentation), but @discordjs/rest counts every request against its own
 * 50-a-second global budget: under a burst, deferred answers then queue behind it for seconds (the load test
 * saw 9,000 "rate limited" waits and edits never sent). Answering interactions is all byline's client does at
 * run time, so the client-side global budget is lifted; per-route limits (one bucket per interaction token)
 * and a global 429 from Discord itself are still honoured by @discordjs/rest.
 */
export const INTERACTION_REST_OPTIONS = { globalRequestsPerSecond: Number.POSITIVE_INFINITY } as const;
