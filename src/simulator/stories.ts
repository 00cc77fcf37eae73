// The hand-written fixture stories (fixtures/stories/*.json), validated so a typo in a fixture
// fails loudly here instead of as a puzzling pipeline result.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';
import type { SimStory } from './types.js';

const storySchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    paragraphs: z.array(z.string().min(1)).min(1),
    byline: z.string().optional(),
    dateline: z.string().optional(),
    publishedAt: z.iso.datetime({ offset: true }),
    agency: z.string().optional(),
    tags: z.array(z.string()).optional(),
  })
  .strict();

/** Same place from src/simulator (tsx) and dist/simulator (compiled). */
export const storiesDir = fileURLToPath(new URL('../../fixtures/stories/', import.meta.url));

/** Every fixture story, in file-name order. */
export function loadStories(dir = storiesDir): SimStory[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const result = storySchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!result.success)
        throw new Error(
          `simulator: fixtures/stories/${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      return result.data;
    });
}
