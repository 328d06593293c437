/**
 * Plain-text rendering of command replies, for the local console and `npm run ask` without `--json`.
 * It shows the same answers Discord does, laid out for a terminal.
 */
import type { ArticleRef, Passage, WhoSaidAnswer, WordChange } from '../answers.ts';
import type { Reply } from '../../commands/index.ts';
import { clip } from '../queries/suggest.ts';
import { attributionNote, certaintyOf, speakerWords } from './certainty.ts';

export function renderText(reply: Reply): string {
  switch (reply.type) {
    case 'notice':
      return reply.message;
    case 'who-said': {
      const { answers, suggestions, query } = reply.result;
      if (answers.length === 0) {
        const lines = [`No quote in the library matches “${query}” well enough.`];
        if (suggestions.length > 0) {
          lines.push('', 'The closest quotes:');
          for (const s of suggestions) lines.push(`  • ${quoted(s, 160)} — ${speakerWords(s.speaker, s.confidence)} (${source(s.article, s.paragraph)})`);
        }
        return lines.join('\n');
      }
      const [best, ...others] = answers;
      const lines = whoSaidAnswer(best!);
      if (others.length > 0) {
        lines.push('', 'Also close:');
        for (const o of others) lines.push(`  • ${quoted(o, 160)} — ${speakerWords(o.speaker, o.confidence)} (${source(o.article, o.paragraph)})`);
      }
      return lines.join('\n');
    }
    case 'what-happened': {
      const { passages, query } = reply.result;
      if (passages.length === 0) {
        return query ? `Nothing in the library is about “${query}”.` : 'The library has no articles yet.';
      }
      const lines = passagesText(passages, query);
      if (reply.result.several) lines.splice(1, 0, SEVERAL);
      if (reply.result.timeline.length > 0) {
        lines.push('', 'Timeline:');
        for (const t of reply.result.timeline) lines.push(`  ${t.date}  (${t.when}, ¶${t.paragraph})  ${clip(t.text, 120)}`);
      }
      return lines.join('\n');
    }
    case 'quotes': {
      const { speaker, quotes, speakers } = reply.result;
      if (speaker === null) {
        if (speakers.length === 0) return 'Nobody is quoted in the library yet.';
        return ['Quoted in the library:', ...speakers.map((s) => `  ${s.speaker} — ${count(s.quotes, 'quote')}`)].join('\n');
      }
      if (quotes.length === 0) return `No quotes from ${speaker}.`;
      return [`Quotes from ${speaker}:`, ...quotes.map((q) => `  • ${quoted(q)}${attributionNote(q.confidence)} (${source(q.article, q.paragraph)})`)].join('\n');
    }
    case 'articles': {
      const { articles } = reply.result;
      if (articles.length === 0) return 'The library has no articles yet.';
      return [
        `${count(articles.length, 'article')}:`,
        ...articles.map((a) => `  ${a.date ?? 'undated'}  ${a.title} — ${count(a.paragraphs, 'paragraph')}, ${count(a.quotes, 'quote')}, ${count(a.speakers, 'speaker')}  [${a.id}]`),
      ].join('\n');
    }
    case 'who-is': {
      const { people, query } = reply.result;
      if (people.length === 0) return `Nobody called “${query}” appears in the library.`;
      return people
        .map((p) => {
          const where = p.mentions ? p.mentions : `mentioned in ¶ ${p.mentionedIn.join(', ')}`;
          const lines = [`${p.display}${p.role && !p.display.includes(p.role) ? ` (${p.role})` : ''}`, `  in ${source(p.article)}, ${where}`];
          const others = (p.articles ?? []).slice(1);
          if (others.length > 0) lines.push(`  also in: ${others.slice(0, 4).map((o) => source(o.article)).join('; ')}${others.length > 4 ? `; and ${others.length - 4} more` : ''}`);
          for (const s of p.statements) lines.push(`  • ${s.kind === 'indirect' ? `(reported) ${s.text}` : `“${s.text}”`}${attributionNote(s.confidence)} (¶${s.paragraph})`);
          return lines.join('\n');
        })
        .join('\n\n');
    }
  }
}

/** A quote as shown: in quote marks when they are the article's words, labelled when it is reported speech. */
function quoted(answer: WhoSaidAnswer, max?: number): string {
  const text = max === undefined ? answer.quote : clip(answer.quote, max);
  return answer.kind === 'indirect' ? `(reported speech) ${text}` : `“${text}”`;
}

function whoSaidAnswer(answer: WhoSaidAnswer): string[] {
  const lines = [quoted(answer), `  — ${speakerWords(answer.speaker, answer.confidence)}`];
  if (certaintyOf(answer.confidence) === 'uncertain') lines.push(`  In the article: ${answer.sentence}`);
  lines.push(`  ${source(answer.article, answer.paragraph)}`);
  if (answer.differences.length > 0) lines.push(`  Exact words: ${differencesText(answer.differences)}`);
  return lines;
}

/**
 * The article's exact wording set against what was typed, as a correction of it: `{+word+}` is a word of
 * the article the user left out, `[-word-]` a word the user typed that the article does not have, and
 * `[-typed-]{+word+}` a word remembered differently.
 */
export function differencesText(changes: WordChange[]): string {
  return changes
    .map((c) => {
      switch (c.op) {
        case 'same':
          return c.text;
        case 'dropped':
          return `{+${c.text}+}`;
        case 'added':
          return `[-${c.text}-]`;
        case 'changed':
          return `[-${c.typed}-]{+${c.text}+}`;
      }
    })
    .join(' ');
}

/** Said when a topic fits several articles about equally (the same words in Discord). */
export const SEVERAL = 'Several articles match this topic; the best of them are shown, each with its lead.';

function passagesText(passages: Passage[], query: string | null): string[] {
  const lines: string[] = [query ? `What happened — ${query}:` : `Summary of ${passages[0]!.article.title}:`];
  let current = '';
  for (const p of passages) {
    if (p.article.id !== current) {
      current = p.article.id;
      lines.push('', `${p.article.title}${p.article.date ? ` (${p.article.date})` : ''}`);
    }
    const dates = p.dates.length > 0 ? `  [${p.dates.map((d) => `${d.text} = ${d.date}`).join('; ')}]` : '';
    lines.push(`  ¶${p.paragraph}  ${p.text}${dates}`);
  }
  return lines;
}

function source(article: ArticleRef, paragraph?: number): string {
  const parts = [article.title];
  if (article.date) parts.push(article.date);
  if (paragraph !== undefined) parts.push(`¶${paragraph}`);
  return parts.join(', ');
}

/** "1 quote", "2 quotes", "1,234 articles". */
function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
