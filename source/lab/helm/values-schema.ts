import { isValuesMap } from './values.js';

/**
 * The part of JSON Schema that charts' values.schema.json files use (traefik's: type,
 * properties, additionalProperties, items, enum, const, required, minimum, maximum,
 * pattern). Other keywords are ignored.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

export type SchemaViolation =
  | { at: Path; kind: 'type'; want: string[]; got: unknown }
  | { at: Path; kind: 'additional'; names: string[] }
  | { at: Path; kind: 'required'; names: string[] }
  | { at: Path; kind: 'enum'; allowed: unknown[] }
  | { at: Path; kind: 'const'; wanted: unknown }
  | { at: Path; kind: 'minimum' | 'maximum'; bound: number; got: number }
  | { at: Path; kind: 'pattern'; pattern: string; got: string };

type Path = (string | number)[];

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function typeMatches(wanted: string, value: unknown): boolean {
  const actual = jsonType(value);
  return actual === wanted || (wanted === 'number' && actual === 'integer');
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function checkScalar(schema: JsonSchema, value: unknown, at: Path, out: SchemaViolation[]) {
  if (schema.enum && !schema.enum.some((e) => sameJson(e, value)))
    out.push({ at, kind: 'enum', allowed: schema.enum });
  if ('const' in schema && !sameJson(schema.const, value))
    out.push({ at, kind: 'const', wanted: schema.const });
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      out.push({ at, kind: 'minimum', bound: schema.minimum, got: value });
    if (schema.maximum !== undefined && value > schema.maximum)
      out.push({ at, kind: 'maximum', bound: schema.maximum, got: value });
  }
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern, 'u').test(value))
    out.push({ at, kind: 'pattern', pattern: schema.pattern, got: value });
}

function checkObject(schema: JsonSchema, value: object, at: Path, out: SchemaViolation[]) {
  const entries = value as Record<string, unknown>;
  const missing = (schema.required ?? []).filter((name) => !(name in entries));
  if (missing.length) out.push({ at, kind: 'required', names: missing });
  const properties = schema.properties ?? {};
  const extra: string[] = [];
  for (const [name, child] of Object.entries(entries)) {
    const known = properties[name];
    if (known) walk(known, child, [...at, name], out);
    else if (schema.additionalProperties === false) extra.push(name);
    else if (isValuesMap(schema.additionalProperties))
      walk(schema.additionalProperties, child, [...at, name], out);
  }
  if (extra.length) out.push({ at, kind: 'additional', names: extra });
}

function walk(schema: JsonSchema, value: unknown, at: Path, out: SchemaViolation[]): void {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length && !types.some((t) => typeMatches(t, value))) {
    out.push({ at, kind: 'type', want: types, got: value });
    return;
  }
  checkScalar(schema, value, at, out);
  if (isValuesMap(value)) checkObject(schema, value, at, out);
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => walk(schema.items!, item, [...at, i], out));
  }
}

/** What the values break in the schema; empty when they meet it. */
export function schemaViolations(schema: JsonSchema, values: unknown): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  walk(schema, values ?? {}, [], out);
  return out;
}

/**
 * Helm 3.18's wording (github.com/xeipuuv/gojsonschema: `field: description`, the field
 * dotted from `(root)`). Checked against helm v3.18.0 on the traefik chart and a probe chart.
 */
function gojsonschemaLine(v: SchemaViolation): string[] {
  const field = v.at.length ? v.at.join('.') : '(root)';
  const json = (x: unknown) => JSON.stringify(x ?? null);
  switch (v.kind) {
    case 'type': {
      const want = v.want.length === 1 ? v.want[0] : `[${v.want.join(',')}]`;
      return [`${field}: Invalid type. Expected: ${want}, given: ${jsonType(v.got)}`];
    }
    case 'additional':
      return v.names.map((n) => `${field}: Additional property ${n} is not allowed`);
    case 'required':
      return v.names.map((n) => `${field}: ${n} is required`);
    case 'enum':
      return [`${field}: ${field} must be one of the following: ${v.allowed.map(json).join(', ')}`];
    case 'const':
      return [`${field}: ${field} does not match: ${json(v.wanted)}`];
    case 'minimum':
      return [`${field}: Must be greater than or equal to ${v.bound}`];
    case 'maximum':
      return [`${field}: Must be less than or equal to ${v.bound}`];
    case 'pattern':
      return [`${field}: Does not match pattern '${v.pattern}'`];
  }
}

/** santhosh-tekuri/jsonschema v6 lists wanted types in this order, whatever the schema's. */
const santhoshTypeOrder = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

function santhoshValue(x: unknown): string {
  if (x === null || x === undefined) return '<nil>';
  return typeof x === 'string' ? `'${x}'` : JSON.stringify(x);
}

function quotedList(names: string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

/**
 * Helm 4.1.4's wording (github.com/santhosh-tekuri/jsonschema/v6: `at 'POINTER': message`,
 * numbers are "number" whatever their value). Checked against helm v4.1.4.
 */
function santhoshLine(v: SchemaViolation): string {
  const pointer = v.at.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`);
  const at = `at '${pointer.join('')}'`;
  switch (v.kind) {
    case 'type': {
      const got = jsonType(v.got) === 'integer' ? 'number' : jsonType(v.got);
      const want = santhoshTypeOrder.filter((t) => v.want.includes(t)).join(' or ');
      return `${at}: got ${got}, want ${want}`;
    }
    case 'additional':
      return `${at}: additional properties ${quotedList(v.names)} not allowed`;
    case 'required':
      return `${at}: missing propert${v.names.length === 1 ? 'y' : 'ies'} ${quotedList(v.names)}`;
    case 'enum':
      return `${at}: value must be one of ${v.allowed.map(santhoshValue).join(', ')}`;
    case 'const':
      return `${at}: value must be ${santhoshValue(v.wanted)}`;
    case 'minimum':
    case 'maximum':
      return `${at}: ${v.kind}: got ${v.got}, want ${v.bound}`;
    case 'pattern':
      return `${at}: '${v.got}' does not match pattern '${v.pattern}'`;
  }
}

/**
 * The error `helm install`/`upgrade` stop with (pkg/chartutil/values.go at v3.18.0,
 * pkg/chart/common/util/values.go at v4.1.4). Several violations come in the libraries'
 * map order, which is not stable; the lab lists them in a fixed order.
 */
export function schemaErrorText(
  chart: string,
  violations: SchemaViolation[],
  major: 3 | 4,
): string {
  const lines =
    major === 3
      ? violations.flatMap(gojsonschemaLine)
      : violations.map(santhoshLine).sort((a, b) => a.localeCompare(b));
  return `values don't meet the specifications of the schema(s) in the following chart(s):\n${chart}:\n${lines.map((l) => `- ${l}\n`).join('')}`;
}
