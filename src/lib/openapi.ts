import type { MiddlewareHandler } from 'hono';
import * as z from 'zod';
import type { Permission } from '../auth/permissions';
import { type ErrorCode, errorCodes } from './errors';
import type { LocalizedText } from './i18n';

/**
 * How the API describes itself. Routes carry their OpenAPI metadata as markers (a symbol on the
 * middleware, in hono-openapi's format), so the document is generated from the very chains that
 * serve the requests: validators give request schemas, `authenticate` and `requirePermission`
 * give security and `x-permissions`, and `operation()` gives the rest. Nothing here runs per
 * request; the document is built by scripts/openapi.ts (and the drift test), never in the
 * Worker, which therefore does not bundle hono-openapi (src/openapi/document.ts hands the
 * markers over to it).
 */

/** Which part of a request names the store an action belongs to (see auth/policy.ts). */
export type StoreScope =
  | 'body.storeId'
  /** A report export's store, inside its `params`. */
  | 'body.params.storeId'
  | 'query.storeId'
  | 'path.storeId'
  | 'body.fromStoreId+toStoreId'
  /** The path's `{id}` is a sale: the caller must work in the sale's store. */
  | 'sale'
  /** The path's `{id}` is a shift: the caller must work in the shift's store. */
  | 'shift'
  /** The path's `{id}` is a table, a bill or a kitchen ticket: the caller must work in its store. */
  | 'table'
  | 'bill'
  | 'kitchenTicket';

type SchemaIo = 'input' | 'output';

const componentPrefix = '#/components/schemas/';

/** `#/$defs/Sale` (zod's own references) → `#/components/schemas/Sale`, everywhere in a schema. */
function pointAtComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointAtComponents);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    result[key] =
      key === '$ref' && typeof member === 'string' && member.startsWith('#/$defs/')
        ? componentPrefix + member.slice('#/$defs/'.length)
        : pointAtComponents(member);
  }
  return result;
}

/**
 * What hono-openapi calls a resolver, built on zod's own JSON Schema generator: request schemas
 * as the client sends them (`input`), response schemas as the server writes them (`output`).
 * A response schema that zod cannot express (a transform without a declared output) fails the
 * generation instead of becoming an empty schema that any value would satisfy.
 */
export function documentedSchema(schema: z.ZodType, io: SchemaIo) {
  return {
    vendor: 'zod',
    validate: schema['~standard'].validate,
    toOpenAPISchema: async () => {
      const {
        $schema: _dialect,
        $defs,
        ...json
      } = z.toJSONSchema(schema, {
        io,
        unrepresentable: io === 'input' ? 'any' : 'throw',
      });
      return {
        schema: pointAtComponents(json) as Record<string, unknown>,
        components: $defs ? { schemas: pointAtComponents($defs) as Record<string, never> } : {},
      };
    },
  };
}

/** The key of a middleware's marker; src/openapi/document.ts reads it. */
export const openApiMarker = Symbol.for('kasir-edge.openapi');

/** Marks a middleware so the generated document picks up what it describes. */
export function documents<M extends MiddlewareHandler>(
  middleware: M,
  marker: Record<string, unknown>,
): M {
  return Object.assign(middleware, { [openApiMarker]: marker });
}

export const fieldErrorSchema = z
  .object({
    path: z.string().meta({ description: 'Where in the input, e.g. `items.0.quantity`.' }),
    code: z.string(),
    message: z.string().meta({ description: 'In the language of the request.' }),
  })
  .meta({ id: 'FieldError' });

const errorCodeNames = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

/** RFC 9457 problem details, as every error of the API is answered (src/lib/errors.ts). */
export const problemSchema = z
  .looseObject({
    type: z.string().meta({ example: '/problems/not-found' }),
    title: z.string().meta({ example: 'Data tidak ditemukan' }),
    status: z.int().min(400).max(599),
    detail: z.string().optional(),
    code: z.enum(errorCodeNames),
    requestId: z.string(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .meta({
    id: 'Problem',
    description:
      'Kesalahan dalam format application/problem+json (RFC 9457), berbahasa Indonesia kecuali ' +
      'diminta lain lewat Accept-Language. · Every error, as application/problem+json (RFC 9457), ' +
      'in Bahasa Indonesia unless Accept-Language asks for English. Extra members (such as ' +
      '`current` on a 409) carry what the client needs to recover.',
  });

export const problemMediaType = 'application/problem+json';

/** A response that carries a JSON body, or one that carries none (204). */
export type ResponseSpec =
  | {
      description: LocalizedText;
      schema: z.ZodType;
      example?: unknown;
      /** `application/json` unless given; several when a query picks the format. */
      mediaType?: string | string[];
    }
  | { description: LocalizedText; schema?: undefined };

export interface OperationSpec {
  /** Stable, camelCase; the typed client and the reference page show it. */
  operationId: string;
  tag: string;
  summary: LocalizedText;
  description?: LocalizedText;
  /**
   * Permissions the action checks itself because a manager may approve them at the till instead
   * (a void, a refund, a discount beyond the limit): held by the caller, or approved by someone
   * who holds them. Plain permissions are documented by `requirePermission`.
   */
  approvablePermissions?: Permission[];
  /** Where the store comes from, when the action is a store's: the caller must work there. */
  storeScope?: StoreScope;
  /** The request body's example (rupiah amounts from the demo data). */
  requestExample?: unknown;
  /**
   * The body as the document shows it, when the route validates it more loosely on purpose
   * (the offline upload checks each sale on its own, so one bad sale cannot reject a batch).
   */
  documentedBody?: z.ZodType;
  responses: Record<number, ResponseSpec>;
  /**
   * Problems this route answers beyond the ones src/openapi/document.ts adds from what the route
   * does (400 with input, 401 signed in, 403 with a permission or store scope, 404 with a path
   * id, 413/415 with a body, 500 always).
   */
  errors?: ErrorCode[];
}

export const bilingual = (text: LocalizedText) => `${text.id} · ${text.en}`;

function responseObject(spec: ResponseSpec) {
  if (!spec.schema) return { description: bilingual(spec.description) };
  const mediaTypes = [spec.mediaType ?? 'application/json'].flat();
  const media = {
    schema: documentedSchema(spec.schema, 'output'),
    ...(spec.example === undefined ? {} : { example: spec.example }),
  };
  return {
    description: bilingual(spec.description),
    content: Object.fromEntries(mediaTypes.map((mediaType) => [mediaType, media])),
  };
}

/** The route's own description: summary, responses, the problems it may answer, its scope. */
export function operation(spec: OperationSpec): MiddlewareHandler {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = responseObject(response);
  }
  const describeRoute: MiddlewareHandler = (_c, next) => next();
  return documents(describeRoute, {
    spec: {
      operationId: spec.operationId,
      tags: [spec.tag],
      summary: bilingual(spec.summary),
      ...(spec.description ? { description: bilingual(spec.description) } : {}),
      ...(spec.approvablePermissions
        ? { 'x-approvable-permissions': spec.approvablePermissions }
        : {}),
      ...(spec.storeScope ? { 'x-store-scope': spec.storeScope } : {}),
      ...(spec.requestExample === undefined ? {} : { 'x-request-example': spec.requestExample }),
      ...(spec.documentedBody
        ? { 'x-documented-body': documentedSchema(spec.documentedBody, 'input') }
        : {}),
      ...(spec.errors ? { 'x-errors': spec.errors } : {}),
      responses,
    },
  });
}
