import * as z from 'zod/mini';
import { StatusDocument } from './status-document.js';

/** The JSON Schema of status.json, as committed in schemas/status.schema.json (a test keeps them equal). */
export function statusJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(StatusDocument, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: 'https://github.com/mage-os/mageos-repo/schemas/status.schema.json',
    title: 'mageos-repo nightly status (status.json)',
    ...schema,
  };
}

export function statusJsonSchemaText(): string {
  return `${JSON.stringify(statusJsonSchema(), null, 2)}\n`;
}
