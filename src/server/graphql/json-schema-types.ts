import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLString,
  valueFromASTUntyped,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLNullableType,
  type GraphQLOutputType,
} from "graphql";

/**
 * GraphQL types from the JSON Schemas of the OpenAPI document (src/server/rest/openapi.ts), which
 * is itself made from the route table's zod schemas: one description of every object, three
 * surfaces (REST, its document, GraphQL). Field names stay as the REST API and the webhook
 * payloads spell them, so a client reads the same shapes everywhere.
 *
 * What GraphQL cannot say exactly becomes `JSON`: free-form maps (`serialized_data`), unions of
 * different shapes, and enums whose values are not GraphQL names (`request.added`).
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  maximum?: number;
};

export const GraphQLJSON = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value: a map whose keys are data (serialized_data, payloads), or a value of more than one shape",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
export const isGraphqlName = (name: string) => NAME.test(name) && !name.startsWith("__");
const pascal = (text: string) => text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase()).replace(/^[^A-Za-z_]/, "_$&");

/** The JSON property a GraphQL field reads (or an input field fills), when its name had to change. */
export const ORIGINAL_KEY = Symbol("originalKey");
type Keyed = { [ORIGINAL_KEY]?: Map<string, string> };

export class TypesFromJsonSchema {
  private named = new Map<string, GraphQLNullableType>();
  private componentOutputs = new Map<string, GraphQLOutputType>();
  private componentInputs = new Map<string, GraphQLInputType>();

  /** `extraFields`: fields an object type has beyond its JSON Schema (nested lists, relations.ts). */
  constructor(
    private components: Record<string, JsonSchema>,
    private extraFields: (typeName: string) => GraphQLFieldConfigMap<never, never> | undefined = () => undefined,
  ) {
    // Components keep their own names; an anonymous shape that wants one gets a number.
    for (const name of Object.keys(components)) this.used.add(name);
  }

  /** The output type of `schema`; `name` names it (and its anonymous parts) when it is an object or enum. */
  output(schema: JsonSchema, name: string, required = true): GraphQLOutputType {
    const { inner, nullable } = this.unwrapNull(schema);
    const type = this.nullableOutput(inner, name);
    return required && !nullable ? new GraphQLNonNull(type) : type;
  }

  /** The input type of `schema`; required when the schema says so and gives no default. */
  input(schema: JsonSchema, name: string, required = true): GraphQLInputType {
    const { inner, nullable } = this.unwrapNull(schema);
    const type = this.nullableInput(inner, name);
    return required && !nullable && schema.default === undefined ? new GraphQLNonNull(type) : type;
  }

  private nullableOutput(schema: JsonSchema, name: string, exact = false): GraphQLOutputType & GraphQLNullableType {
    const ref = this.refName(schema);
    if (ref) {
      const known = this.componentOutputs.get(ref);
      if (known) return known as GraphQLOutputType & GraphQLNullableType;
      const type = this.nullableOutput(this.components[ref], ref, true);
      this.componentOutputs.set(ref, type);
      return type;
    }
    const scalar = this.scalar(schema, name, exact);
    if (scalar) return scalar;
    if (schema.type === "array") return new GraphQLList(this.output(schema.items ?? {}, name));
    if (!this.isObjectWithFields(schema)) return GraphQLJSON;
    const properties = Object.entries(schema.properties!);
    const required = new Set(schema.required ?? []);
    const keys = this.keysOf(properties.map(([key]) => key));
    const type: GraphQLObjectType = new GraphQLObjectType({
      name: exact ? name : this.unique(name),
      description: schema.description,
      fields: () => {
        const fields: GraphQLFieldConfigMap<Record<string, unknown>, unknown> = {};
        for (const [key, property] of properties) {
          const field = keys.get(key)!;
          fields[field] = {
            type: this.output(property, `${type.name}${pascal(key)}`, required.has(key)),
            description: property.description,
            ...(field === key ? {} : { resolve: (source) => source[key] }),
          };
        }
        return { ...fields, ...(this.extraFields(type.name) as GraphQLFieldConfigMap<Record<string, unknown>, unknown>) };
      },
    });
    return type;
  }

  private nullableInput(schema: JsonSchema, name: string): GraphQLInputType & GraphQLNullableType {
    const ref = this.refName(schema);
    if (ref) {
      const known = this.componentInputs.get(ref);
      if (known) return known as GraphQLInputType & GraphQLNullableType;
      const type = this.nullableInput(this.components[ref], ref);
      this.componentInputs.set(ref, type);
      return type;
    }
    const scalar = this.scalar(schema, name);
    if (scalar) return scalar;
    if (schema.type === "array") return new GraphQLList(this.input(schema.items ?? {}, name));
    if (!this.isObjectWithFields(schema)) return GraphQLJSON;
    const properties = Object.entries(schema.properties!);
    const required = new Set(schema.required ?? []);
    const keys = this.keysOf(properties.map(([key]) => key));
    const typeName = this.unique(name.endsWith("Input") ? name : `${name}Input`);
    const type = new GraphQLInputObjectType({
      name: typeName,
      description: schema.description,
      fields: () => {
        const fields: GraphQLInputFieldConfigMap = {};
        for (const [key, property] of properties) {
          fields[keys.get(key)!] = { type: this.input(property, `${typeName.replace(/Input$/, "")}${pascal(key)}`, required.has(key)), description: property.description };
        }
        return fields;
      },
    });
    const renamed = new Map([...keys].filter(([key, field]) => key !== field).map(([key, field]) => [field, key]));
    if (renamed.size) (type as Keyed)[ORIGINAL_KEY] = renamed;
    return type;
  }

  private scalar(schema: JsonSchema, name: string, exact = false): (GraphQLScalarType | GraphQLEnumType) | null {
    const options = schema.anyOf ?? schema.oneOf;
    if (options) {
      const kinds = new Set(options.map((option) => scalarKind(this.resolve(option))));
      const [only] = kinds;
      return kinds.size === 1 && only ? only : GraphQLJSON;
    }
    if (schema.enum) return this.enumOf(schema.enum, name, exact);
    switch (schema.type) {
      case "string":
        return GraphQLString;
      case "integer":
        return GraphQLInt;
      case "number":
        return GraphQLFloat;
      case "boolean":
        return GraphQLBoolean;
      case undefined:
        return schema.properties || schema.$ref ? null : GraphQLJSON;
      default:
        return null;
    }
  }

  private enumOf(values: unknown[], name: string, exact: boolean): GraphQLScalarType | GraphQLEnumType {
    if (!values.every((value) => typeof value === "string" && isGraphqlName(value) && !["true", "false", "null"].includes(value))) {
      return values.every((value) => typeof value === "string") ? GraphQLString : GraphQLJSON;
    }
    // One enum per set of values: `status` of a request list filter and of a request are one type.
    const signature = `enum:${[...values].sort().join("|")}`;
    const known = this.named.get(signature);
    if (known) return known as GraphQLEnumType;
    const type = new GraphQLEnumType({ name: exact ? name : this.unique(name), values: Object.fromEntries((values as string[]).map((value) => [value, { value }])) });
    this.named.set(signature, type);
    return type;
  }

  private unwrapNull(schema: JsonSchema): { inner: JsonSchema; nullable: boolean } {
    const resolved = schema;
    // `{}` (z.unknown()) admits anything, null included.
    if (!resolved.type && !resolved.properties && !resolved.$ref && !resolved.enum && resolved.const === undefined && !resolved.anyOf && !resolved.oneOf && !resolved.allOf) {
      return { inner: resolved, nullable: true };
    }
    if (Array.isArray(resolved.type)) {
      const types = resolved.type.filter((type) => type !== "null");
      return { inner: { ...resolved, type: types.length === 1 ? types[0] : types }, nullable: types.length < resolved.type.length };
    }
    const options = resolved.anyOf ?? resolved.oneOf;
    if (options?.some((option) => option.type === "null")) {
      const rest = options.filter((option) => option.type !== "null");
      const { anyOf: _anyOf, oneOf: _oneOf, ...others } = resolved;
      return { inner: rest.length === 1 ? { ...rest[0], description: resolved.description ?? rest[0].description } : { ...others, anyOf: rest }, nullable: true };
    }
    return { inner: resolved, nullable: false };
  }

  private isObjectWithFields(schema: JsonSchema): boolean {
    return (schema.type === "object" || schema.type === undefined) && Boolean(schema.properties) && Object.keys(schema.properties!).length > 0;
  }

  private refName(schema: JsonSchema): string | null {
    const match = schema.$ref?.match(/^#\/components\/schemas\/(.+)$/);
    return match ? match[1] : null;
  }

  private resolve(schema: JsonSchema): JsonSchema {
    const ref = this.refName(schema);
    return ref ? this.components[ref] : schema;
  }

  /** GraphQL field names of JSON keys: the key itself when it is a valid name, else a cleaned one. */
  private keysOf(keys: string[]): Map<string, string> {
    const taken = new Set(keys.filter(isGraphqlName));
    const names = new Map<string, string>();
    for (const key of keys) {
      if (isGraphqlName(key)) {
        names.set(key, key);
        continue;
      }
      let name = key.replace(/[^_0-9A-Za-z]/g, "_").replace(/^(?=[0-9])|^__/, "_");
      while (taken.has(name)) name = `${name}_`;
      taken.add(name);
      names.set(key, name);
    }
    return names;
  }

  private used = new Set<string>(["Query", "Mutation", "Subscription", "JSON", "PageInfo"]);

  /** A type name not used yet (two anonymous shapes may want the same one). */
  unique(name: string): string {
    let candidate = pascal(name);
    for (let n = 2; this.used.has(candidate); n++) candidate = `${pascal(name)}${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

/** The built-in scalar a schema's values all are, if one (an enum or const of strings is a String). */
function scalarKind(schema: JsonSchema): GraphQLScalarType | null {
  if (schema.enum || schema.const !== undefined) {
    const values = schema.enum ?? [schema.const];
    return values.every((value) => typeof value === "string") ? GraphQLString : null;
  }
  const kinds: Record<string, GraphQLScalarType> = { string: GraphQLString, integer: GraphQLInt, number: GraphQLFloat, boolean: GraphQLBoolean };
  return typeof schema.type === "string" ? (kinds[schema.type] ?? null) : null;
}

/** A coerced input value with renamed fields turned back into the JSON keys the route's schema reads. */
export function toJsonValue(value: unknown, type: GraphQLInputType): unknown {
  if (value === null || value === undefined) return value;
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  if (inner instanceof GraphQLList) return (value as unknown[]).map((item) => toJsonValue(item, inner.ofType));
  if (!(inner instanceof GraphQLInputObjectType)) return value;
  const renamed = (inner as Keyed)[ORIGINAL_KEY];
  const fields = inner.getFields();
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    out[renamed?.get(name) ?? name] = toJsonValue(field, fields[name].type);
  }
  return out;
}
