import { createApp } from '../app';
import { buildOpenApiDocument } from './document';

/** openapi.json exactly as committed: the document of a fresh app, two-space JSON. */
export async function openApiJson(): Promise<string> {
  const document = await buildOpenApiDocument(createApp() as never);
  return `${JSON.stringify(document, null, 2)}\n`;
}
