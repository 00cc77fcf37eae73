// The shipped cue file (config/topics.yaml) parsed ahead of time into parsed-cues.json
// (`npm run build:topic-cues`): parsing the YAML cost every process that enriches about 250 ms,
// and a test run starts dozens. The JSON records the SHA-256 of the YAML it was parsed from; a
// cue file with other contents (edited, or an operator's own) is parsed from its YAML as before.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const PARSED_CUES_URL = new URL('./parsed-cues.json', import.meta.url);

interface ParsedCuesFile {
  source: string;
  sha256: string;
  cues: unknown;
}

/** The generated file's text for cue YAML `yamlText` already parsed into `cues`. */
export function parsedCuesFile(yamlText: string, cues: unknown): string {
  const file: ParsedCuesFile = { source: 'config/topics.yaml', sha256: digest(yamlText), cues };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/**
 * The parsed form of `yamlText` when the generated file was made from exactly that text;
 * undefined otherwise (a stale or missing file): the caller parses the YAML.
 */
export function parsedAhead(yamlText: string, generated: string | URL = PARSED_CUES_URL): unknown {
  let file: ParsedCuesFile;
  try {
    file = JSON.parse(readFileSync(generated, 'utf8')) as ParsedCuesFile;
  } catch {
    return undefined;
  }
  return file.sha256 === digest(yamlText) ? file.cues : undefined;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
