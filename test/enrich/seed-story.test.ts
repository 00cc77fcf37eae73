// The seed wire story scored against its hand annotation: a tag outside both the required and the
// acceptable set of its type is a false positive; names are compared after the annotation's aliases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/enrich/entities/index.js';
import type { Entity, EntityType } from '../../src/shared/types.js';

const root = new URL('../../fixtures/', import.meta.url);
const story = readFileSync(new URL('seed-wire-story.txt', root), 'utf8');
const annotation = JSON.parse(readFileSync(new URL('seed-wire-story.entities.json', root), 'utf8')) as Record<
  EntityType,
  { required: string[]; acceptable: string[] }
> & { aliases: Record<string, string[]> };

const bodyText = story.replace(/^\s*date \d{4}-\d{2}-\d{2}\s+/, '');
const straight = (s: string) => s.replace(/[’‘]/g, "'");
const canonicalOf = new Map<string, string>();
for (const [canonical, aliases] of Object.entries(annotation.aliases)) {
  for (const alias of aliases) canonicalOf.set(straight(alias), canonical);
}
const asAnnotated = (name: string) => canonicalOf.get(straight(name)) ?? straight(name);

function score(entities: Entity[], type: EntityType) {
  const predicted = new Set(entities.filter((e) => e.type === type).map((e) => asAnnotated(e.name)));
  const required = new Set(annotation[type].required.map(straight));
  const acceptable = new Set(annotation[type].acceptable.map(straight));
  const hits = [...predicted].filter((n) => required.has(n));
  const falsePositives = [...predicted].filter((n) => !required.has(n) && !acceptable.has(n));
  const missed = [...required].filter((n) => !predicted.has(n));
  return {
    precision: hits.length / Math.max(1, hits.length + falsePositives.length),
    recall: hits.length / required.size,
    falsePositives,
    missed,
  };
}

describe('entities of the seed wire story', () => {
  const entities = extractEntities({ bodyText });
  const scores = {
    person: score(entities, 'person'),
    organization: score(entities, 'organization'),
    location: score(entities, 'location'),
  };
  console.log(
    ['| type | precision | recall | false positives | missed |', '| --- | --- | --- | --- | --- |']
      .concat(
        Object.entries(scores).map(
          ([type, s]) =>
            `| ${type} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.falsePositives.join(', ')} | ${s.missed.join(', ')} |`,
        ),
      )
      .join('\n'),
  );

  it('finds the people with precision and recall of at least 0.9', () => {
    expect(scores.person.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.person.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the organizations and places with precision and recall of at least 0.85', () => {
    for (const type of ['organization', 'location'] as const) {
      expect(scores[type].precision, type).toBeGreaterThanOrEqual(0.85);
      expect(scores[type].recall, type).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('resolves every alias the story uses to its annotated entity', () => {
    const byMention = new Map<string, string[]>();
    for (const e of entities) {
      for (const m of e.mentions) byMention.set(straight(m.text), [...(byMention.get(straight(m.text)) ?? []), e.name]);
    }
    let checked = 0;
    for (const [canonical, aliases] of Object.entries(annotation.aliases)) {
      for (const alias of aliases.map(straight)) {
        if (!new RegExp(`(?<![\\w.])${alias.replace(/[.]/g, '\\.')}(?![\\w])`).test(straight(bodyText))) continue;
        checked++;
        const names = byMention.get(alias);
        expect(names, alias).toBeDefined();
        expect(names!.map(asAnnotated), alias).toContain(canonical);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('gives every mention the exact text at its offsets in the body', () => {
    for (const e of entities) for (const m of e.mentions) expect(bodyText.slice(m.start, m.end)).toBe(m.text);
  });

  it('ranks the protagonists first', () => {
    const top = entities.slice(0, 5).map((e) => e.name);
    expect(top).toContain('Kim Jong Un');
    expect(top).toContain('North Korea');
    expect(top).toContain('Russia');
  });
});
