/**
 * `/who-is` (issue #9), each labelled query `{query, name, role, urls}` asked as a member would type it:
 *
 * - for a person (`name` given): whether the first person listed is that person: the same name once
 *   folded (or the query's, when the label keeps a shorter name because some articles never give it in
 *   full: "Trump" for "Donald Trump"), or a name of two words or more whose words are all the label's
 *   with the same surname (a typo allowed: "Zelenskyy" / "Zelensky");
 * - for something that is no person (`name: null`: a place, an institution, a group, an event): whether
 *   no one is listed.
 */
import { UserInputError } from '../../src/engine.ts';
import type { EvalLibrary } from './corpus.ts';
import { isTypo } from '../../src/search/match.ts';
import { speakerKey } from '../../src/queries/people.ts';

export interface WhoIsLabel {
  query: string;
  name: string | null;
  role: string | null;
  urls: string[];
}

export interface WhoIsFigures {
  people: number;
  rightFirst: number;
  nonPeople: number;
  nonPeopleUnlisted: number;
  misses: string[];
}

const same = (a: string, b: string) => a === b || isTypo(a, b);

export function samePerson(found: string, label: WhoIsLabel): boolean {
  const key = speakerKey(found);
  const names = [speakerKey(label.name ?? ''), speakerKey(label.query)];
  if (names.includes(key)) return true;
  const foundWords = key.split(' ');
  const labelWords = names[0]!.split(' ');
  if (foundWords.length < 2) return false;
  return same(foundWords.at(-1)!, labelWords.at(-1)!) && foundWords.every((w) => labelWords.some((l) => same(w, l)));
}

export async function evaluateWhoIs(library: EvalLibrary, labels: WhoIsLabel[]): Promise<WhoIsFigures> {
  const figures: WhoIsFigures = { people: 0, rightFirst: 0, nonPeople: 0, nonPeopleUnlisted: 0, misses: [] };
  for (const label of labels) {
    let listed: string[] = [];
    try {
      listed = (await library.whoIs(label.query)).people.map((p) => p.name);
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
    }
    if (label.name === null) {
      figures.nonPeople++;
      if (listed.length === 0) figures.nonPeopleUnlisted++;
      else figures.misses.push(`"${label.query}" (no person) → ${listed.join(', ')}`);
    } else {
      figures.people++;
      if (listed[0] !== undefined && samePerson(listed[0], label)) figures.rightFirst++;
      else figures.misses.push(`"${label.query}" → ${listed.slice(0, 3).join(', ') || 'no one'} (expected ${label.name})`);
    }
  }
  return figures;
}
