import { isComputeFailure, type ResolvedExpression, resolveCompute } from './compute-resolve.ts';
import type { EntityMetadata, FieldDefinition } from './types.ts';

/** A computed field with its resolved expression. */
export interface ComputedField {
  field: FieldDefinition;
  expression: ResolvedExpression;
}

/** Who must be recomputed when a record of an entity changes. */
export interface ComputeDependents {
  /** Entities aggregating this one through a collection: the parent is the row's `inverse`. */
  parents: { entity: string; inverse: string }[];
  /** Entities reading this one through a reference fact: the rows whose `reference` is the record. */
  referrers: { entity: string; reference: string }[];
}

/** The computed fields of an entity whose expressions resolve, in field order. */
export function computedFields(entity: EntityMetadata, entities: ReadonlyMap<string, EntityMetadata>): ComputedField[] {
  const fields: ComputedField[] = [];
  for (const field of entity.fields) {
    if (field.compute === undefined) continue;
    const expression = resolveCompute(field, entity, entities);
    if (!isComputeFailure(expression)) fields.push({ field, expression });
  }
  return fields;
}

/** Every node of a resolved expression, inlined computed fields and aggregate bodies included. */
export function expressionNodes(expression: ResolvedExpression): ResolvedExpression[] {
  const nodes = [expression];
  if (expression.node === 'field' && expression.compute) nodes.push(...expressionNodes(expression.compute));
  if (expression.node === 'aggregate') nodes.push(...expressionNodes(expression.value));
  if ('args' in expression) for (const arg of expression.args) nodes.push(...expressionNodes(arg));
  return nodes;
}

/** For each entity, the entities its computed fields read (through collections and references). */
export function computeDependencies(entities: ReadonlyMap<string, EntityMetadata>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const entity of entities.values()) {
    const reads = new Set<string>();
    for (const { expression } of computedFields(entity, entities)) {
      for (const node of expressionNodes(expression)) {
        if (node.node === 'count' || node.node === 'aggregate' || node.node === 'reference') {
          reads.add(node.target.name);
        }
      }
    }
    if (reads.size > 0) graph.set(entity.name, reads);
  }
  return graph;
}

/** The dependents of every entity that some computed field reads. */
export function computeDependents(entities: ReadonlyMap<string, EntityMetadata>): Map<string, ComputeDependents> {
  const dependents = new Map<string, ComputeDependents>();
  const of = (name: string) => {
    const entry = dependents.get(name) ?? { parents: [], referrers: [] };
    dependents.set(name, entry);
    return entry;
  };
  for (const entity of entities.values()) {
    for (const { expression } of computedFields(entity, entities)) {
      // Aggregate bodies read the child's own facts; a reference inside one reads a third entity.
      const walk = (node: ResolvedExpression, subject: string, inAggregate: boolean) => {
        if (node.node === 'count' || node.node === 'aggregate') {
          const parents = of(node.target.name).parents;
          if (!parents.some((p) => p.entity === subject && p.inverse === node.inverse.name)) {
            parents.push({ entity: subject, inverse: node.inverse.name });
          }
          if (node.node === 'aggregate') walk(node.value, node.target.name, true);
          return;
        }
        if (node.node === 'reference' && !inAggregate) {
          const referrers = of(node.target.name).referrers;
          if (!referrers.some((r) => r.entity === subject && r.reference === node.reference.name)) {
            referrers.push({ entity: subject, reference: node.reference.name });
          }
        }
        if (node.node === 'field' && node.compute) walk(node.compute, subject, inAggregate);
        if ('args' in node) for (const arg of node.args) walk(arg, subject, inAggregate);
      };
      walk(expression, entity.name, false);
    }
  }
  return dependents;
}

/** A path of entities from `start` back to itself through computed reads, or undefined. */
export function entityCycle(start: string, graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const seen = new Set<string>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    for (const next of graph.get(name) ?? []) {
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = visit(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return visit(start, [start]);
}
