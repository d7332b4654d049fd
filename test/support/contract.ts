import { dereference, type Schema, validate } from '@cfworker/json-schema';
import committed from '../../openapi.json';
import { createApp } from '../../src/app';
import { buildOpenApiDocument, type OpenApiDocument } from '../../src/openapi/document';

/**
 * The contract check every test request goes through (test/support/worker.ts): a response of a
 * documented operation must have a documented status, media type and body. A route, status or
 * field the document does not describe fails the test that met it. Responses are checked
 * against the committed openapi.json (the drift test keeps it equal to what the code generates).
 */

const documentUri = 'https://kasir.test/openapi.json';

let documentPromise: Promise<OpenApiDocument> | undefined;

/** The document as the code generates it now (the drift test compares it with openapi.json). */
export function currentDocument(): Promise<OpenApiDocument> {
  documentPromise ??= buildOpenApiDocument(createApp() as never);
  return documentPromise;
}

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}

interface Route {
  template: string;
  pattern: RegExp;
  literalSegments: number;
  methods: Record<string, Operation>;
}

const document = committed as unknown as OpenApiDocument;

let routes: Route[] | undefined;

function routesOf(): Route[] {
  routes ??= Object.entries(document.paths)
    .map(([template, item]) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literalSegments: template.split('/').filter((segment) => !segment.startsWith('{')).length,
      methods: item as unknown as Record<string, Operation>,
    }))
    // `/receipt-templates/effective` before `/receipt-templates/{id}`.
    .sort((a, b) => b.literalSegments - a.literalSegments);
  return routes;
}

const pointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The document indexed once; each response is validated by a reference into it. */
let lookup: Record<string, Schema | boolean> | undefined;

function validateAt(location: string, instance: unknown) {
  lookup ??= dereference({ ...(document as unknown as Schema), $id: documentUri });
  // Found by its JSON pointer; its own `#/components/…` references resolve in the lookup.
  let schema: unknown = document;
  for (const segment of location.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    schema = (schema as Record<string, unknown>)[key];
  }
  const root = { $id: documentUri, allOf: [schema as Schema] };
  return validate(instance, root, '2020-12', lookup, false);
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** Throws a ContractViolation unless the response is one the document describes. */
export async function checkContract(request: Request, response: Response): Promise<void> {
  const path = new URL(request.url).pathname;
  const method = request.method.toLowerCase();
  const route = routesOf().find(
    (candidate) => candidate.pattern.test(path) && candidate.methods[method],
  );
  const operation = route?.methods[method];
  if (!route || !operation) return; // not an API route (unknown paths, methods, test probes)
  // Not described yet: the coverage test in test/api/openapi.test.ts names it.
  if (!Object.keys(operation.responses).some((status) => status.startsWith('2'))) return;

  const where = `${request.method} ${route.template} → ${response.status}`;
  const documented = operation.responses[String(response.status)];
  if (!documented) throw new ContractViolation(`${where}: status not documented`);

  const text = await response.clone().text();
  const mediaType = response.headers.get('Content-Type')?.split(';')[0]?.trim();
  if (!documented.content) {
    if (text !== '') throw new ContractViolation(`${where}: documented without a body`);
    return;
  }
  if (!mediaType || !documented.content[mediaType]) {
    throw new ContractViolation(`${where}: media type ${mediaType} not documented`);
  }
  if (!mediaType.endsWith('json')) return;
  const location = [
    '',
    'paths',
    pointer(route.template),
    method,
    'responses',
    String(response.status),
    'content',
    pointer(mediaType),
    'schema',
  ].join('/');
  const result = validateAt(location, JSON.parse(text));
  if (!result.valid) {
    const errors = result.errors
      .slice(-5)
      .map((error) => `${error.instanceLocation}: ${error.error}`)
      .join('\n  ');
    throw new ContractViolation(`${where}: body does not match the document\n  ${errors}`);
  }
}
