import type { SemanticContext } from './semantic-context.ts';
import type { AgentMetadata } from './types.ts';

/**
 * An agent's roles exist, and what it names fits its answerer: the extractive answerer quotes
 * passages and chooses no actions, so it can neither call tools nor run a named model.
 */
export function checkAgent(agent: AgentMetadata, context: SemanticContext): void {
  const fail = (pointer: string, code: string, ja: string, en: string) =>
    context.report(agent, pointer, `semantic.agent.${code}`, { ja, en });
  const roles = new Set(context.items.flatMap((item) => (item.kind === 'role' ? [item.name] : [])));
  for (const [i, role] of (agent.roles ?? []).entries()) {
    if (!roles.has(role))
      fail(`/roles/${i}`, 'unknownRole', `ロール「${role}」はありません。`, `There is no role "${role}".`);
  }
  if (agent.answerer !== 'extractive') return;
  if (agent.tools?.length) {
    fail(
      '/tools',
      'toolsNeedModel',
      '抜粋で答えるエージェント（answerer: extractive）はアクションを呼び出せません。tools を外すか、answerer を model にしてください。',
      'An extractive agent (answerer: extractive) calls no actions. Remove tools, or set answerer to model.',
    );
  }
  if (agent.model !== undefined) {
    fail(
      '/model',
      'modelNeedsModelAnswerer',
      'model は answerer が model のときだけ指定できます。',
      'model may only be given when answerer is model.',
    );
  }
}
