import * as fc from 'fast-check';

/**
 * Values that a JSON Schema of the OpenAPI document accepts, as fast-check arbitraries: the
 * starting point the fuzz suite mutates. Only the keywords our generated document uses are
 * understood; an unknown shape yields any JSON, which the mutations then make worse anyway.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

/** Known ids of the fuzzed tenant, by the name of the field or parameter that carries them. */
export type KnownIds = Record<string, readonly string[]>;

export interface ValueContext {
  resolve: (ref: string) => JsonSchema;
  knownIds: KnownIds;
}

/** Arrays stay short: a fuzz case is about the shape of a body, not its volume. */
const maxGeneratedItems = 3;

const dateTime = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z') })
  .filter((date) => !Number.isNaN(date.getTime()))
  .map((date) => date.toISOString());

function stringValue(schema: JsonSchema, name: string, context: ValueContext) {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  switch (schema.format) {
    case 'uuid': {
      const known = context.knownIds[name] ?? [];
      const random = fc.uuid({ version: [4, 7] });
      return known.length > 0 ? fc.oneof(fc.constantFrom(...known), random) : random;
    }
    case 'date-time':
      return dateTime;
    case 'date':
      return dateTime.map((value) => value.slice(0, 10));
    case 'email':
      return fc.nat().map((n) => `fuzz-${n}@kasir.test`);
    case 'uri':
      return fc.constantFrom('https://kasir.test/logo.png', 'https://cdn.kasir.test/a/b.jpg');
  }
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((value) => value.length >= minLength && value.length <= (schema.maxLength ?? 200));
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength), unit: 'grapheme' });
}

function objectValue(schema: JsonSchema, context: ValueContext): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
    const key = schema.propertyNames
      ? (arbitraryFor(schema.propertyNames, context) as fc.Arbitrary<string>)
      : fc.string({ minLength: 1, maxLength: 10 });
    return fc.dictionary(key, arbitraryFor(schema.additionalProperties, context), {
      maxKeys: maxGeneratedItems,
    });
  }
  const record = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [
      key,
      arbitraryFor(property, context, key),
    ]),
  );
  return fc.record(record, { requiredKeys: schema.required ?? [] });
}

/** An arbitrary of values the schema accepts (`name`: the field's name, to aim ids at rows). */
export function arbitraryFor(
  schema: JsonSchema,
  context: ValueContext,
  name = '',
): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryFor(context.resolve(schema.$ref), context, name);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives)
    return fc.oneof(...alternatives.map((each) => arbitraryFor(each, context, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringValue(schema, name, context);
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1000, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1000,
        max: schema.maximum ?? 1_000_000,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? arbitraryFor(schema.items, context) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(
          schema.minItems ?? 0,
          Math.min(schema.maxItems ?? 3, maxGeneratedItems),
        ),
      });
    case 'object':
      return objectValue(schema, context);
    default:
      return schema.properties ? objectValue(schema, context) : fc.jsonValue({ maxDepth: 2 });
  }
}
