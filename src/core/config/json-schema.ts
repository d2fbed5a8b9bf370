import * as z from 'zod/mini';
import { Config } from './schema.js';

/** A zod schema as the JSON Schema document committed in schemas/<file> (draft 2020-12, input side), with its $id and title. */
export function jsonSchemaDocument(schema: z.core.$ZodType, file: string, title: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: `https://github.com/mage-os/mageos-repo/schemas/${file}`, title, ...generated };
}

/** The JSON Schema of config files, as committed in schemas/config.schema.json (a test keeps them equal). */
export function configJsonSchema(): Record<string, unknown> {
  return jsonSchemaDocument(Config, 'config.schema.json', 'mageos-repo build configuration');
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
