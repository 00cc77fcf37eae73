// After tsc: copy the data files that src/ reads at run time (JSON, gzip models next to code)
// into dist/, since tsc copies only the JSON files that code imports.
import { cpSync } from 'node:fs';

cpSync('src', 'dist', { recursive: true, filter: (src) => !src.endsWith('.ts') });
