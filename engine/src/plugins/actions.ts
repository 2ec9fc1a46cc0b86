import type { ActionContribution } from '@kiban/sdk';
import type { ValidateFunction } from 'ajv';
import type { Context } from 'hono';
import {
  ADMIN_ROLE,
  type AssuranceLevel,
  type AuditInput,
  meetsAssurance,
  type Principal,
  recordAudit,
} from '../access/index.ts';
import type { ApiEnv } from '../api/index.ts';
import { KibanError } from '../errors.ts';
import { createAjv, describeAjvErrors } from '../metadata/index.ts';
import { type DeniedRequest, denialAudit } from '../records/index.ts';
import { afterCommitOf } from '../runtime/after-commit.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { ActionRunner } from '../workflow/index.ts';
import { actorOf } from './actors.ts';
import { actionContext, type PluginRuntime } from './context.ts';
import { fromPluginError, pluginFailed } from './plugin-errors.ts';
import { inGivenTransaction } from './transaction-context.ts';

export interface RegisteredAction {
  runtime: PluginRuntime;
  action: ActionContribution;
  validate: ValidateFunction;
}

/** Every action by its qualified name `<plugin>.<action>`, with its input validator compiled once. */
export function registerActions(runtimes: readonly PluginRuntime[]): Map<string, RegisteredAction> {
  const ajv = createAjv();
  const registry = new Map<string, RegisteredAction>();
  for (const runtime of runtimes) {
    for (const action of runtime.definition.actions ?? []) {
      let validate: ValidateFunction;
      try {
        validate = ajv.compile(action.input);
      } catch (error) {
        throw pluginFailed(runtime.definition.name, 'actions', error);
      }
      registry.set(`${runtime.definition.name}.${action.name}`, { runtime, action, validate });
    }
  }
  return registry;
}

/**
 * `POST /api/actions/<plugin>.<action>`: the caller must hold one of the action's roles (any
 * signed-in principal when it names none), the body must satisfy the input schema — a 422
 * points at every bad value and the handler never sees them — and the result is the answer.
 */
export function actionHandler(registry: ReadonlyMap<string, RegisteredAction>) {
  return async (c: Context<ApiEnv>) => {
    const name = c.req.param('name') ?? '';
    const registered = registry.get(name);
    if (!registered) throw unknownAction(name);
    const principal = c.var.principal as Principal;
    try {
      checkCaller(c.var.live, principal, registered, name);
    } catch (error) {
      const entry = callRefusalAudit(error, { principal, method: c.req.method }, name);
      if (entry) await recordAudit(c.var.live.sql(), entry);
      throw error;
    }
    const input = checkInput(registered, await readInput(c));
    const context = actionContext(registered.runtime.context, actorOf(principal));
    const result = await registered.action.handler(input, context);
    return c.json(result ?? null);
  };
}

/**
 * Actions as workflow transitions call them: what the published workflow names runs without
 * a role check, as the principal who made the transition, inside the transition's transaction
 * — the action's data calls join it, so they commit or roll back with the transition.
 */
export function workflowActionRunner(registry: ReadonlyMap<string, RegisteredAction>): ActionRunner {
  return async ({ name, input, actor, live, em }) => {
    const registered = registry.get(name);
    if (!registered) throw unknownAction(name);
    const context = actionContext(registered.runtime.context, actorOf(actor));
    const checked = checkInput(registered, input);
    try {
      const transaction = { live, em, afterCommit: afterCommitOf(em) };
      return await inGivenTransaction(transaction, () => registered.action.handler(checked, context));
    } catch (error) {
      throw fromPluginError(error);
    }
  };
}

/**
 * Refuses a caller without one of the action's roles (403 `access.denied`) or whose session is
 * weaker than its `assurance` (403 `auth.stepUpRequired`).
 */
export function checkCaller(
  live: LiveApp,
  caller: Pick<Principal, 'kind' | 'roles' | 'signIn'>,
  registered: RegisteredAction,
  name: string,
): void {
  if (!mayCall(live, caller, registered.action.roles)) throw callDenied(name);
  const required = registered.action.assurance;
  if (required && !meetsAssurance(caller.signIn?.assurance, required)) throw stepUpRequired(name, required);
}

/** The `access.denied` entry of a refused action call, naming the action; undefined when the error is no refusal. */
export function callRefusalAudit(error: unknown, request: DeniedRequest, action: string): AuditInput | undefined {
  const entry = denialAudit(error, request);
  return entry && { ...entry, detail: { ...entry.detail, action } };
}

/** The input as the action's schema allows it; a 422 points at every bad value, and the handler never sees them. */
export function checkInput(registered: RegisteredAction, input: unknown): unknown {
  if (registered.validate(input)) return input;
  const root = { ja: '入力', en: 'The input' };
  throw new KibanError(
    'action.invalidInput',
    422,
    { ja: '入力内容に誤りがあります。', en: 'The input has invalid values.' },
    describeAjvErrors(registered.validate.errors, { data: input, root }),
  );
}

/** A role counts only when it is published for the principal's kind, as everywhere else. */
function mayCall(live: LiveApp, principal: Pick<Principal, 'kind' | 'roles'>, roles: string[] | undefined): boolean {
  if (!roles || roles.length === 0) return true;
  if (principal.kind === 'staff' && principal.roles.includes(ADMIN_ROLE)) return true;
  return roles.some((role) => {
    const item = live.item('role', role);
    return principal.roles.includes(role) && item?.kind === 'role' && item.audience === principal.kind;
  });
}

/** An action without input may be called with no body at all; otherwise the body is JSON. */
async function readInput(c: Context<ApiEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new KibanError('request.mediaType', 415, {
      ja: 'リクエスト本文は application/json で送ってください。',
      en: 'Send the request body as application/json.',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new KibanError('request.malformedJson', 400, {
      ja: `リクエスト本文が正しい JSON ではありません（${(error as Error).message}）。`,
      en: `The request body is not valid JSON (${(error as Error).message}).`,
    });
  }
}

function unknownAction(name: string): KibanError {
  return new KibanError('action.unknown', 404, {
    ja: `アクション「${name}」はありません。`,
    en: `There is no action "${name}".`,
  });
}

function callDenied(name: string): KibanError {
  return new KibanError('access.denied', 403, {
    ja: `アクション「${name}」を実行する権限がありません。`,
    en: `You may not call the action "${name}".`,
  });
}

/** The session is weaker than the action needs: sign in again with a stronger method (step-up). */
function stepUpRequired(name: string, required: AssuranceLevel): KibanError {
  return new KibanError(
    'auth.stepUpRequired',
    403,
    {
      ja: `アクション「${name}」には、より確かな本人確認（${required === 'jpki' ? 'マイナンバーカードによる公的個人認証' : required}）でのサインインが必要です。`,
      en: `The action "${name}" needs a sign-in with stronger assurance (${required}).`,
    },
    [
      {
        pointer: '',
        code: 'auth.stepUpRequired',
        message: { ja: `必要な保証レベル: ${required}`, en: `Assurance needed: ${required}` },
      },
    ],
  );
}
