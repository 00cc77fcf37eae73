import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopicModel } from '../../src/enrich/topics/model.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-topic-model-'));
const write = (name: string, file: object): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(file));
  return path;
};
const valid = {
  kind: 'lede-topics-logreg',
  classes: ['medtop:04000000', 'medtop:15000000'],
  bias: [0.1, -0.1],
  weights: { goal: [1, 0.5] },
};

describe('loadTopicModel', () => {
  it('reads a well-formed model', () => {
    const model = loadTopicModel(write('ok.json', valid));
    expect(model.classes).toEqual(valid.classes);
    expect(model.weights.get('goal')).toEqual([1, 0.5]);
  });

  it('names what is wrong in a malformed model', () => {
    expect(() => loadTopicModel(write('kind.json', { ...valid, kind: 'other' }))).toThrow(/kind\.json: kind/);
    expect(() => loadTopicModel(write('classes.json', { ...valid, classes: ['sport', 'x'] }))).toThrow(/classes/);
    expect(() => loadTopicModel(write('bias.json', { ...valid, bias: [1] }))).toThrow(/bias\/classes mismatch/);
    expect(() => loadTopicModel(write('w.json', { ...valid, weights: { goal: [1, 'x'] } }))).toThrow(/weights\.goal/);
  });
});
