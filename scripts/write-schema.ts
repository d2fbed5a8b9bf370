// Regenerates the committed JSON Schemas from the zod schemas: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { configJsonSchemaText } from '../src/core/config/json-schema.js';
import { statusJsonSchemaText } from '../src/core/status/json-schema.js';

for (const [file, text] of [
  ['config.schema.json', configJsonSchemaText()],
  ['status.schema.json', statusJsonSchemaText()],
] as const) {
  writeFileSync(new URL(`../schemas/${file}`, import.meta.url), text);
  console.log(`wrote schemas/${file}`);
}
