import type { ErrorObject } from 'ajv';
import { pointerOf } from './json-pointer.ts';

/**
 * ajv reports a failed `if` next to the failed `then`, every branch of a failed anyOf/oneOf,
 * and a wrapper for each bad property name. And because a failed subschema's annotations are
 * dropped, a property that a failed branch declares comes back as "unevaluated" too — it is
 * not unknown, the branch failed for another reason. Only the real problems stay.
 */
export function withoutNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const real = errors.filter((error) => error.keyword !== 'if' && error.keyword !== 'propertyNames');
  const alternatives = real.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  const isBranchError = (error: ErrorObject) =>
    alternatives.some((alt) => alt !== error && error.schemaPath.startsWith(`${alt.schemaPath}/`));
  const failedPaths = new Set(real.map((error) => error.instancePath));
  const declaredByFailures = new Set<string>();
  for (const error of real) {
    if (error.keyword === 'unevaluatedProperties') continue;
    const declared = (error.parentSchema as { properties?: object } | undefined)?.properties;
    for (const key of Object.keys(declared ?? {})) declaredByFailures.add(`${error.instancePath}${pointerOf(key)}`);
  }
  const isAftermath = (error: ErrorObject) => {
    if (error.keyword !== 'unevaluatedProperties') return false;
    const property = `${error.instancePath}${pointerOf(error.params.unevaluatedProperty as string)}`;
    // With an unknown `type`, no type's options apply: the type is the one problem to report.
    return (
      declaredByFailures.has(property) ||
      failedPaths.has(`${error.instancePath}/type`) ||
      real.some((other) => other.instancePath === property || other.instancePath.startsWith(`${property}/`))
    );
  };
  return real.filter((error) => !isBranchError(error) && !isAftermath(error));
}
