#!/usr/bin/env node
// The `lede` command. Runs the compiled CLI when built (dist/, as in the Docker image);
// otherwise loads the TypeScript source through tsx, so a fresh `npm ci` checkout works too.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/cli/main.js`;
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(`${root}src/cli/main.ts`).href);
}
