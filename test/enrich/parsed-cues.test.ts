import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PARSED_CUES_URL, parsedAhead, parsedCuesFile } from '../../src/enrich/topics/parsed-cues.js';

const shippedYaml = readFileSync(new URL('../../config/topics.yaml', import.meta.url), 'utf8');

describe('the cue file parsed ahead of time', () => {
  it('matches config/topics.yaml (after editing the cues: npm run build:topic-cues)', () => {
    expect(readFileSync(PARSED_CUES_URL, 'utf8')).toBe(parsedCuesFile(shippedYaml, parseYaml(shippedYaml)));
  });

  it('stands in only for the YAML it was parsed from', () => {
    const yaml = 'topics:\n  "medtop:15000000":\n    cues: { soccer: 3 }\n';
    const generated = join(mkdtempSync(join(tmpdir(), 'lede-parsed-cues-')), 'parsed-cues.json');
    writeFileSync(generated, parsedCuesFile(yaml, parseYaml(yaml)));
    expect(parsedAhead(yaml, generated)).toEqual({ topics: { 'medtop:15000000': { cues: { soccer: 3 } } } });
    expect(parsedAhead(yaml.replace('3', '4'), generated)).toBeUndefined();
    expect(parsedAhead(yaml, join(generated, '..', 'missing.json'))).toBeUndefined();
  });
});
