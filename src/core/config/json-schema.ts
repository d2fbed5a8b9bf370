import * as z from 'zod/mini';
import { Config } from './schema.js';

/** The JSON Schema of config files, as committed in schemas/config.schema.json (a test keeps them equal). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Config, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: 'https://github.com/mage-os/mageos-repo/schemas/config.schema.json',
    title: 'mageos-repo build configuration',
    ...schema,
  };
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
