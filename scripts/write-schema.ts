// Regenerates schemas/config.schema.json from the zod schema: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { configJsonSchemaText } from '../src/core/config/json-schema.js';

writeFileSync(new URL('../schemas/config.schema.json', import.meta.url), configJsonSchemaText());
console.log('wrote schemas/config.schema.json');
