// Where the development data lives: `../shared/data` beside the repository (as laid out for
// developers and CI), or LEDE_SHARED_DATA. Tests, evals, benches and build scripts all resolve
// data through here, so no machine-specific path is written anywhere else. The data is read at
// run time and never copied into the repository (research-use licences).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export function sharedDataDir(): string {
  return process.env.LEDE_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
}

/** Absolute path of `relative` under the shared data folder; throws, naming it, when missing. */
export function sharedDataPath(relative: string): string {
  const path = resolve(sharedDataDir(), relative);
  if (!existsSync(path)) {
    throw new Error(
      `shared data not found: ${path} (expected ../shared/data beside the repository, or set LEDE_SHARED_DATA)`,
    );
  }
  return path;
}
