import type { PolicyPrincipal } from '../access/index.ts';
import type { Capability, EntityAction } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';

type JsonObject = Record<string, unknown>;

/**
 * The extension that says what a part of the OpenAPI document needs: an operation (needs the
 * action on the entity, or the capability), a record schema (its fields follow the field
 * rules of the action) or a list parameter (its filterable fields follow the read rules).
 * Builders mark what they add; `documentForCaller` removes what the caller may not use and
 * then the marks themselves. Unmarked operations are shown to every signed-in caller.
 */
export const ACCESS_NOTE = 'x-kiban-access';

export interface AccessNote {
  entity?: string;
  action?: EntityAction;
  capability?: Capability;
}

export const needs = (note: AccessNote): JsonObject => ({ [ACCESS_NOTE]: note });

interface Decision {
  allowed: boolean;
  /** Fields of an allowed action the caller may not use. */
  hidden: ReadonlySet<string>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The document as one caller sees it: only the operations their roles allow, only the
 * fields they may read (in read schemas and filters) or write (in create and update
 * schemas), and only the component schemas that what remains refers to.
 */
export function documentForCaller(document: JsonObject, live: LiveApp, principal: PolicyPrincipal): JsonObject {
  const copy = structuredClone(document);
  const nothingHidden: ReadonlySet<string> = new Set();
  const decide = (note: AccessNote | undefined): Decision => {
    if (!note) return { allowed: true, hidden: nothingHidden };
    if (note.capability)
      return { allowed: live.policy.hasCapability(principal, note.capability), hidden: nothingHidden };
    const entity = note.entity ? live.entities.get(note.entity) : undefined;
    if (!entity || !note.action) return { allowed: false, hidden: nothingHidden };
    const auth = live.policy.authorize(principal, entity, note.action);
    return { allowed: auth.allowed, hidden: note.action === 'read' ? auth.hiddenFields : auth.readOnlyFields };
  };

  const paths = (copy.paths ?? {}) as Record<string, JsonObject>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method] as JsonObject | undefined;
      if (operation && !decide(operation[ACCESS_NOTE] as AccessNote | undefined).allowed) delete item[method];
    }
    if (!METHODS.some((method) => method in item)) delete paths[path];
  }
  visit(copy.paths, (node) => {
    const note = node[ACCESS_NOTE] as AccessNote | undefined;
    if (note && node.in === 'query') restrictFields(node.schema as JsonObject, decide(note));
  });

  const schemas = ((copy.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, JsonObject>;
  for (const schema of Object.values(schemas)) {
    const note = schema[ACCESS_NOTE] as AccessNote | undefined;
    if (note) restrictFields(schema, decide(note));
  }
  const used = referenced(copy, schemas);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  visit(copy, (node) => {
    delete node[ACCESS_NOTE];
  });
  return copy;
}

/** Leaves only the properties the caller may use; none at all when the action is not theirs. */
function restrictFields(schema: JsonObject, decision: Decision): void {
  const properties = schema.properties as JsonObject | undefined;
  if (properties) {
    for (const name of Object.keys(properties)) {
      if (!decision.allowed || decision.hidden.has(name)) delete properties[name];
    }
  }
  if (Array.isArray(schema.required)) {
    const kept = schema.required.filter((name: string) => properties !== undefined && name in properties);
    if (kept.length > 0) schema.required = kept;
    else delete schema.required;
  }
}

/** The component schemas reachable from the paths, following references between schemas. */
function referenced(document: JsonObject, schemas: Record<string, JsonObject>): Set<string> {
  const prefix = '#/components/schemas/';
  const found = new Set<string>();
  const queue: unknown[] = [document.paths];
  while (queue.length > 0) {
    visit(queue.pop(), (node) => {
      const ref = node.$ref;
      if (typeof ref !== 'string' || !ref.startsWith(prefix)) return;
      const name = ref.slice(prefix.length);
      if (found.has(name)) return;
      found.add(name);
      if (schemas[name]) queue.push(schemas[name]);
    });
  }
  return found;
}

function visit(value: unknown, each: (node: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const entry of value) visit(entry, each);
  } else if (value !== null && typeof value === 'object') {
    each(value as JsonObject);
    for (const entry of Object.values(value)) visit(entry, each);
  }
}
