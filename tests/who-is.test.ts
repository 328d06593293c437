import { describe, expect, it } from 'vitest';
import { Library } from '../src/library.ts';

const library = await Library.fromTexts([
  {
    id: 'a', title: 'Mayor Ann Oak resigns', date: '2020-05-05', source: null, file: 'a.txt',
    paragraphs: ['Mayor Ann Oak of Leeds resigned on Monday. "I leave with a heavy heart," Oak said.', 'She had led the town since 2015.'],
  },
  {
    id: 'b', title: 'Leeds council elects a new mayor', date: '2020-05-20', source: null, file: 'b.txt',
    paragraphs: ['The council of Leeds elected Tom Reyes as mayor. Former mayor Ann Oak congratulated him.', 'Oak said the town was in good hands.'],
  },
]);

describe('/who-is across articles', () => {
  it('one person per identity, with every article they appear in, the most relevant first', async () => {
    const { people } = await library.whoIs('Oak');
    expect(people).toHaveLength(1);
    expect(people[0]!.name).toBe('Ann Oak');
    expect(people[0]!.articles?.map((a) => a.article.id)).toEqual(['a', 'b']);
    expect(people[0]!.mentions).toMatch(/^mentioned in \d+ paragraphs? of 2 articles$/);
  });

  it('a place (a city of the gazetteer) is not a person', async () => {
    expect((await library.whoIs('Leeds')).people).toEqual([]);
  });
});
