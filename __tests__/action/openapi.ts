// GitHub's REST API description (@octokit/openapi, api.github.com.json, OpenAPI 3.0.3) as a request
// validator for the fake GitHub: which operation a method and path are, and whether the path
// parameters, query string and JSON body of a request are what that operation accepts.
//
// The description is loaded once per test file (13 MB, ~0.1 s). Schemas are converted from
// OpenAPI 3.0 to JSON Schema as they are needed: `$ref`s into components.schemas become local
// definitions, `nullable: true` becomes a "null" type, and objects that list their properties are
// closed (additionalProperties: false) unless the description says otherwise: GitHub lists every
// parameter an operation takes, so an unlisted one in a request is a misspelling that GitHub
// would silently ignore. Formats are checked for the few that GitHub's bodies use (date-time, uri,
// email); other formats are ignored.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

// ajv is CommonJS: under native ESM (jest) the class is `default.default`, elsewhere `default`.
type AjvClass = typeof AjvModule.Ajv;
const ajvExports = AjvModule as unknown as { default: AjvClass & { default?: AjvClass } };
const Ajv: AjvClass = ajvExports.default.default ?? ajvExports.default;
type AjvInstance = InstanceType<AjvClass>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

export interface OpenApiOperation {
  operationId: string;
  method: string;
  template: string;
  parameters: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonObject }> };
  responses: Record<string, JsonObject>;
}

export interface MatchedOperation {
  operation: OpenApiOperation;
  pathParams: Record<string, string>;
}

const SPEC_PATH = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export class OpenApiDescription {
  private readonly spec: JsonObject;
  private readonly bySegments = new Map<number, { template: string; regex: RegExp; names: string[]; literals: number }[]>();
  private readonly bodyValidators = new Map<string, ValidateFunction>();
  private readonly responseValidators = new Map<string, ValidateFunction | null>();
  private readonly paramValidators = new Map<string, ValidateFunction>();
  private readonly ajv: AjvInstance;
  private readonly coercingAjv: AjvInstance;

  constructor(specPath = SPEC_PATH) {
    this.spec = JSON.parse(readFileSync(specPath, 'utf8')) as JsonObject;
    if (typeof this.spec.openapi !== 'string' || !this.spec.openapi.startsWith('3.0')) {
      throw new Error(`${specPath}: expected an OpenAPI 3.0 description, got ${String(this.spec.openapi)}`);
    }
    for (const template of Object.keys(this.spec.paths as JsonObject)) {
      const segments = template.split('/');
      const names: string[] = [];
      let literals = 0;
      const pattern = segments
        .map((segment) => {
          if (!segment.includes('{')) {
            literals++;
            return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          }
          return segment.replace(/\{([^}]+)\}|([^{]+)/g, (_, name: string | undefined, literal: string | undefined) => {
            if (name !== undefined) {
              names.push(name);
              return '([^/]+)';
            }
            return literal!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          });
        })
        .join('/');
      const list = this.bySegments.get(segments.length) ?? [];
      list.push({ template, regex: new RegExp(`^${pattern}$`), names, literals });
      this.bySegments.set(segments.length, list);
    }
    // Prefer the most literal template (/repos/{o}/{r}/check-runs/{id} over /repos/{o}/{r}/{x}/{y}/{z}).
    for (const list of this.bySegments.values()) list.sort((a, b) => b.literals - a.literals);
    const options = { strict: false, allErrors: true, logger: false as const, validateFormats: true };
    this.ajv = new Ajv(options);
    this.coercingAjv = new Ajv({ ...options, coerceTypes: true });
    for (const ajv of [this.ajv, this.coercingAjv]) {
      ajv.addFormat('date-time', DATE_TIME);
      ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
      ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
    }
  }

  get version(): string {
    return `${String((this.spec.info as JsonObject).version)} (OpenAPI ${String(this.spec.openapi)})`;
  }

  /** The operation a method and a path (no query string) are, or undefined. */
  match(method: string, path: string): MatchedOperation | { error: string } {
    const segments = path.split('/');
    const candidates = this.bySegments.get(segments.length) ?? [];
    const paths = this.spec.paths as Record<string, JsonObject>;
    let pathKnown = false;
    for (const { template, regex, names } of candidates) {
      const found = regex.exec(path);
      if (!found) continue;
      pathKnown = true;
      const item = paths[template];
      const raw = item[method.toLowerCase()];
      if (!isObject(raw)) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => (pathParams[name] = decodeURIComponent(found[i + 1])));
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      const own = Array.isArray(raw.parameters) ? raw.parameters : [];
      const parameters = [...shared, ...own].map((p) => this.deref(p) as unknown as OpenApiParameter);
      return {
        operation: {
          operationId: String(raw.operationId),
          method: method.toUpperCase(),
          template,
          parameters,
          requestBody: raw.requestBody ? (this.deref(raw.requestBody) as unknown as OpenApiOperation['requestBody']) : undefined,
          responses: (raw.responses ?? {}) as Record<string, JsonObject>,
        },
        pathParams,
      };
    }
    if (pathKnown) return { error: `${method.toUpperCase()} ${path}: the path exists in GitHub's REST API but not with method ${method.toUpperCase()}` };
    return { error: `${method.toUpperCase()} ${path}: no such path in GitHub's REST API` };
  }

  /** Problems with a request to a matched operation (empty when GitHub's description accepts it). */
  validateRequest(
    matched: MatchedOperation,
    query: URLSearchParams,
    contentType: string | undefined,
    rawBody: string,
  ): string[] {
    const { operation, pathParams } = matched;
    const where = `${operation.method} ${operation.template} (${operation.operationId})`;
    const errors: string[] = [];
    // Path parameters.
    for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
      const value = pathParams[parameter.name];
      if (value === undefined) errors.push(`${where}: path parameter ${parameter.name} is missing`);
      else errors.push(...this.checkParameter(where, parameter, value));
    }
    // Query parameters: known names, valid values, the required ones present.
    const queryParameters = new Map(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
    for (const [name, value] of query) {
      const parameter = queryParameters.get(name);
      if (!parameter) errors.push(`${where}: unknown query parameter "${name}" (GitHub takes ${[...queryParameters.keys()].join(', ') || 'none'})`);
      else errors.push(...this.checkParameter(where, parameter, value));
    }
    for (const parameter of queryParameters.values()) {
      if (parameter.required && !query.has(parameter.name)) errors.push(`${where}: required query parameter "${parameter.name}" is missing`);
    }
    // Body.
    if (rawBody.length === 0) {
      if (operation.requestBody?.required) errors.push(`${where}: the request body is required`);
      return errors;
    }
    if (!operation.requestBody) {
      errors.push(`${where}: the operation takes no request body, got ${JSON.stringify(rawBody.slice(0, 200))}`);
      return errors;
    }
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const content = operation.requestBody.content[mediaType];
    if (!content) {
      errors.push(`${where}: request content-type "${contentType}" is not one of ${Object.keys(operation.requestBody.content).join(', ')}`);
      return errors;
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      errors.push(`${where}: the request body is not JSON (${(error as Error).message})`);
      return errors;
    }
    if (content.schema) {
      const validate = this.bodyValidator(operation, mediaType, content.schema);
      if (!validate(body)) errors.push(...formatErrors(`${where}: request body`, validate.errors));
    }
    return errors;
  }

  /** Problems with a response the fake sends (its realism), against the operation's response schema. */
  validateResponse(operation: OpenApiOperation, status: number, body: unknown): string[] {
    const key = `${operation.operationId} ${status}`;
    let validate = this.responseValidators.get(key);
    if (validate === undefined) {
      const response = operation.responses[String(status)] ?? operation.responses.default;
      const resolved = response ? (this.deref(response) as JsonObject) : undefined;
      const schema = (resolved?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
      validate = schema?.schema ? this.compile(this.ajv, schema.schema as JsonObject, false) : null;
      this.responseValidators.set(key, validate);
    }
    if (!validate || validate(body)) return [];
    return formatErrors(`fake response to ${operation.method} ${operation.template} (${status})`, validate.errors);
  }

  private checkParameter(where: string, parameter: OpenApiParameter, value: string): string[] {
    if (!parameter.schema) return [];
    const key = `${where} ${parameter.in} ${parameter.name}`;
    let validate = this.paramValidators.get(key);
    if (!validate) {
      // Parameters arrive as strings: wrap them so that ajv coerces "100" to 100.
      const wrapper: JsonObject = { type: 'object', properties: { value: parameter.schema }, required: ['value'] };
      validate = this.compile(this.coercingAjv, wrapper, false);
      this.paramValidators.set(key, validate);
    }
    if (validate({ value })) return [];
    const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: e.instancePath.replace(/^\/value/, '') }));
    return formatErrors(`${where}: ${parameter.in} parameter ${parameter.name}=${JSON.stringify(value)}`, errors).map((e) => e.replace(/ \/: /, ': '));
  }

  private bodyValidator(operation: OpenApiOperation, mediaType: string, schema: JsonObject): ValidateFunction {
    const key = `${operation.operationId} ${mediaType}`;
    let validate = this.bodyValidators.get(key);
    if (!validate) {
      validate = this.compile(this.ajv, schema, true);
      this.bodyValidators.set(key, validate);
    }
    return validate;
  }

  /** Compiles an OpenAPI 3.0 schema, its component references carried along as definitions. */
  private compile(ajv: AjvInstance, schema: JsonObject, close: boolean): ValidateFunction {
    const definitions: JsonObject = {};
    const pending: { name: string; close: boolean; key: string }[] = [];
    const convert = (node: Json, closeObjects: boolean): Json => {
      if (!isObject(node)) return node;
      if (typeof node.$ref === 'string') {
        const prefix = '#/components/schemas/';
        if (!node.$ref.startsWith(prefix)) throw new Error(`unsupported $ref ${node.$ref}`);
        const name = node.$ref.slice(prefix.length);
        const key = `${name}${closeObjects ? '' : '~open'}`;
        if (!(key in definitions)) {
          definitions[key] = {};
          pending.push({ name, close: closeObjects, key });
        }
        return { $ref: `#/definitions/${encodeURIComponent(key).replace(/~/g, '~0')}` };
      }
      const out: JsonObject = {};
      for (const [keyword, value] of Object.entries(node)) {
        if (keyword === 'nullable' || keyword === 'example' || keyword === 'examples' || keyword === 'discriminator' || keyword.startsWith('x-')) continue;
        if (keyword === 'properties' && isObject(value)) {
          out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, closeObjects)]));
        } else if ((keyword === 'items' || keyword === 'not' || keyword === 'additionalProperties') && isObject(value)) {
          out[keyword] = convert(value, closeObjects);
        } else if ((keyword === 'anyOf' || keyword === 'oneOf') && Array.isArray(value)) {
          out[keyword] = value.map((sub) => convert(sub, closeObjects));
        } else if (keyword === 'allOf' && Array.isArray(value)) {
          // A part of an allOf sees only its own properties: it must stay open.
          out[keyword] = value.map((sub) => convert(sub, false));
        } else {
          out[keyword] = value;
        }
      }
      if (closeObjects && isObject(out.properties) && !('additionalProperties' in node) && !('allOf' in node)) {
        // Properties that anyOf/oneOf branches name are allowed too; a branch we cannot read keeps the object open.
        const names = new Set(Object.keys(out.properties));
        let readable = true;
        for (const branch of [...((node.anyOf as Json[] | undefined) ?? []), ...((node.oneOf as Json[] | undefined) ?? [])]) {
          if (!isObject(branch) || '$ref' in branch) readable = false;
          else if (isObject(branch.properties)) for (const name of Object.keys(branch.properties)) names.add(name);
        }
        if (readable) {
          out.properties = { ...Object.fromEntries([...names].map((name) => [name, {}])), ...out.properties };
          out.additionalProperties = false;
        }
      }
      if (node.nullable === true) {
        if (typeof out.type === 'string') {
          out.type = [out.type, 'null'];
          if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
          return out;
        }
        return { anyOf: [{ type: 'null' }, out] };
      }
      return out;
    };
    const root = convert(schema, close) as JsonObject;
    const schemas = (this.spec.components as JsonObject).schemas as JsonObject;
    while (pending.length > 0) {
      const { name, close: closeObjects, key } = pending.pop()!;
      if (!(name in schemas)) throw new Error(`no components.schemas.${name} in GitHub's description`);
      definitions[key] = convert(schemas[name], closeObjects);
    }
    return ajv.compile({ ...root, definitions });
  }

  /** Follows a `$ref` into the description's components (parameters, request bodies, responses). */
  private deref(node: Json): Json {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
      if (hops > 10) throw new Error(`$ref loop at ${current.$ref}`);
      const pointer = current.$ref;
      if (!pointer.startsWith('#/')) throw new Error(`unsupported $ref ${pointer}`);
      let target: Json = this.spec;
      for (const part of pointer.slice(2).split('/')) {
        const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
        if (!isObject(target) || !(key in target)) throw new Error(`unresolvable $ref ${pointer}`);
        target = target[key];
      }
      current = target;
    }
    return current;
  }
}

function formatErrors(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const at = e.instancePath || '/';
    const detail =
      e.keyword === 'additionalProperties'
        ? `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : e.keyword === 'enum'
          ? `${e.message} (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
          : e.message;
    return `${prefix} ${at}: ${detail}`;
  });
}

let shared: OpenApiDescription | undefined;

/** GitHub's REST API description, loaded once per test file. */
export function githubOpenApi(): OpenApiDescription {
  shared ??= new OpenApiDescription();
  return shared;
}
