// JSON Schema validators for API tests: the OpenAPI document's components and the unedited IPTC
// ninjs 2.1 schema (with the local GeoJSON schema its places[].geojson refers to), no network.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.js';

const load = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../../src/api/schemas/${name}`, import.meta.url), 'utf8')) as object;

export const NINJS_SCHEMA_ID = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json';
const OPENAPI_ID = 'urn:lede:openapi';

export function createValidators() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(load('geojson.json'));
  ajv.addSchema(load('ninjs-schema_2.1.json'));
  ajv.addSchema({ ...JSON.parse(JSON.stringify(openApiDocument)), $id: OPENAPI_ID });
  const ninjs = ajv.getSchema(NINJS_SCHEMA_ID)!;
  const compiled = new Map<string, ValidateFunction>();
  return {
    ajv,
    ninjs,
    /** Validate `body` against a schema object taken from the OpenAPI document. */
    validateAgainst: (schema: object, body: unknown, what: string) => {
      // Refs in the document's schemas (#/components/…) resolve against the document itself.
      const key = JSON.stringify(schema);
      let validate = compiled.get(key);
      if (!validate) compiled.set(key, (validate = ajv.compile(rewriteRefs(schema))));
      const ok = validate(body);
      expect(validate.errors ?? [], `${what}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
      expect(ok).toBe(true);
    },
    expectValidNinjs: (item: unknown) => {
      const ok = ninjs(item);
      expect(ninjs.errors ?? [], JSON.stringify(item).slice(0, 200)).toEqual([]);
      expect(ok).toBe(true);
    },
  };
}

/** "#/components/…" inside a schema copied out of the document → a ref into the registered document. */
function rewriteRefs(schema: object): object {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${OPENAPI_ID}${value}` : value,
    ),
  ) as object;
}
