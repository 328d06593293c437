/**
 * Small text helpers of reading articles from outside: dates as pages write them, and text cleaned of
 * control characters and odd whitespace. Apart from extract.ts so they load without the HTML parser.
 */

/**
 * A date as the page writes it, as `YYYY-MM-DD`: an ISO timestamp keeps the day it names (the publisher's
 * own day, not converted to UTC); other forms ("March 5, 2020") go through Date, read as UTC.
 */
export function isoDate(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return validDay(`${iso[1]}-${iso[2]}-${iso[3]}`);
  const parsed = Date.parse(`${text}${/\d{1,2}:\d{2}|Z$|GMT|UTC/.test(text) ? '' : ' UTC'}`);
  if (Number.isNaN(parsed)) return null;
  return validDay(new Date(parsed).toISOString().slice(0, 10));
}

function validDay(day: string): string | null {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return null;
  const year = date.getUTCFullYear();
  return year >= 1800 && year <= 2200 ? day : null;
}

/** Whitespace folded (non-breaking and zero-width spaces included), control characters dropped. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
