import { jsonSchemaDocument } from '../config/json-schema.js';
import { StatusDocument } from './status-document.js';

/** The JSON Schema of status.json, as committed in schemas/status.schema.json (a test keeps them equal). */
export function statusJsonSchemaText(): string {
  return `${JSON.stringify(jsonSchemaDocument(StatusDocument, 'status.schema.json', 'mageos-repo nightly status (status.json)'), null, 2)}\n`;
}
