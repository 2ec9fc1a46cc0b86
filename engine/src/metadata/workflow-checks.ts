import { displayPath, pointerOf } from './json-pointer.ts';
import type { LocalizedMessage } from './message-subject.ts';
import {
  didYouMean,
  fieldNamed,
  type SemanticContext,
  unknownEntityMessage,
  unknownFieldMessage,
} from './semantic-context.ts';
import type { Assignee, EntityMetadata, WorkflowAction, WorkflowMetadata } from './types.ts';

/**
 * A workflow is bound to an existing entity through an enum field that can hold every state;
 * transitions, timers, guards, roles and actions name things that exist and fit together.
 */
export function checkWorkflow(workflow: WorkflowMetadata, context: SemanticContext): void {
  const report = (path: (string | number)[], code: string, message: LocalizedMessage) =>
    context.report(workflow, pointerOf(...path), `semantic.workflow.${code}`, message);
  const other = context.items.find(
    (item) => item.kind === 'workflow' && item.entity === workflow.entity && item.name !== workflow.name,
  );
  if (other) {
    report(['entity'], 'entityTaken', {
      ja: `エンティティ「${workflow.entity}」にはワークフロー「${other.name}」があります。1 つのエンティティにワークフローは 1 つです。`,
      en: `The entity "${workflow.entity}" already follows the workflow "${other.name}"; an entity has one workflow.`,
    });
  }
  const states = new Map(workflow.states.map((state) => [state.name, state]));
  const stateNames = [...states.keys()];
  const unknownState = (path: (string | number)[], name: string) =>
    report(path, 'unknownState', {
      ja: `状態「${name}」はありません。${didYouMean(name, stateNames).ja}`,
      en: `There is no state "${name}".${didYouMean(name, stateNames).en}`,
    });
  reportDuplicates(
    workflow.states.map((state) => state.name),
    (i, name) =>
      report(['states', i, 'name'], 'duplicateState', {
        ja: `状態「${name}」が重複しています。`,
        en: `The state "${name}" is defined more than once.`,
      }),
  );
  reportDuplicates(
    workflow.transitions.map((transition) => transition.name),
    (i, name) =>
      report(['transitions', i, 'name'], 'duplicateTransition', {
        ja: `遷移「${name}」が重複しています。`,
        en: `The transition "${name}" is defined more than once.`,
      }),
  );
  if (!states.has(workflow.initial)) unknownState(['initial'], workflow.initial);

  const transitions = new Map(workflow.transitions.map((transition) => [transition.name, transition]));
  for (const [i, transition] of workflow.transitions.entries()) {
    for (const [j, from] of transition.from.entries()) {
      if (!states.has(from)) unknownState(['transitions', i, 'from', j], from);
      else if (states.get(from)?.final) {
        report(['transitions', i, 'from', j], 'fromFinal', {
          ja: `状態「${from}」は終了状態なので、そこから遷移できません。`,
          en: `The state "${from}" is final; no transition may leave it.`,
        });
      }
    }
    if (!states.has(transition.to)) unknownState(['transitions', i, 'to'], transition.to);
    if (transition.guard !== undefined) checkGuard(workflow, transition.guard, ['transitions', i, 'guard'], context);
    for (const [j, role] of (transition.roles ?? []).entries())
      checkRole(workflow, role, ['transitions', i, 'roles', j], context);
  }
  for (const [i, state] of workflow.states.entries()) {
    if (state.task) checkAssignee(workflow, state.task.assignTo, ['states', i, 'task', 'assignTo'], context);
    for (const [j, timer] of (state.timers ?? []).entries()) {
      const path = ['states', i, 'timers', j];
      if (timer.reassignTo) {
        if (!state.task) {
          report([...path, 'reassignTo'], 'reassignWithoutTask', {
            ja: `状態「${state.name}」には作業（task）がないので、担当を替えられません。`,
            en: `The state "${state.name}" has no task to reassign.`,
          });
        }
        checkAssignee(workflow, timer.reassignTo, [...path, 'reassignTo'], context);
      }
      if (timer.transition === undefined) continue;
      const transition = transitions.get(timer.transition);
      if (!transition?.from.includes(state.name)) {
        report([...path, 'transition'], 'timerTransition', {
          ja: `タイマーの遷移「${timer.transition}」は状態「${state.name}」から行える遷移ではありません。`,
          en: `The timer's transition "${timer.transition}" is not one that leaves the state "${state.name}".`,
        });
      }
    }
  }
  if (context.unverifiedEntities.has(workflow.entity)) return;
  const entity = context.entities.get(workflow.entity);
  if (!entity) {
    report(['entity'], 'unknownEntity', unknownEntityMessage('entity', workflow.entity, context.entities.keys()));
    return;
  }
  checkStateField(workflow, entity, stateNames, report);
  for (const [i, state] of workflow.states.entries()) {
    for (const [j, timer] of (state.timers ?? []).entries()) {
      if (timer.at && fieldNamed(entity, timer.at.field)?.type !== 'date') {
        report(['states', i, 'timers', j, 'at', 'field'], 'timerFieldNotDate', {
          ja: `タイマーの基準「${timer.at.field}」は ${entity.name} の日付（date）フィールドでなければなりません。`,
          en: `The timer's field "${timer.at.field}" must be a date field of ${entity.name}.`,
        });
      }
    }
  }
  for (const [i, transition] of workflow.transitions.entries()) {
    for (const [j, action] of (transition.actions ?? []).entries()) {
      checkAction(workflow, entity, action, ['transitions', i, 'actions', j], context, report);
    }
  }
}

type Report = (path: (string | number)[], code: string, message: LocalizedMessage) => void;

function checkStateField(workflow: WorkflowMetadata, entity: EntityMetadata, stateNames: string[], report: Report) {
  const field = fieldNamed(entity, workflow.stateField);
  if (!field) {
    report(
      ['stateField'],
      'unknownField',
      unknownFieldMessage(
        entity.name,
        workflow.stateField,
        entity.fields.map((f) => f.name),
      ),
    );
    return;
  }
  if (field.type !== 'enum') {
    report(['stateField'], 'stateFieldNotEnum', {
      ja: `状態を保存するフィールド「${field.name}」は列挙（enum）でなければなりません。`,
      en: `The state field "${field.name}" must be an enum field.`,
    });
    return;
  }
  const values = new Set((field.values ?? []).map((value) => value.value));
  const missing = stateNames.filter((name) => !values.has(name));
  if (missing.length > 0) {
    report(['stateField'], 'stateValuesMissing', {
      ja: `フィールド「${field.name}」の値に状態 ${missing.join('、')} がありません。`,
      en: `The field "${field.name}" has no value for the state(s) ${missing.join(', ')}.`,
    });
  }
}

function checkAction(
  workflow: WorkflowMetadata,
  entity: EntityMetadata,
  action: WorkflowAction,
  path: (string | number)[],
  context: SemanticContext,
  report: Report,
): void {
  if (action.type === 'notify') {
    checkAssignee(workflow, action.to, [...path, 'to'], context);
    return;
  }
  if (action.type !== 'setFields' && action.type !== 'createRecord') return;
  const target = action.type === 'createRecord' ? context.entities.get(action.entity) : entity;
  if (action.type === 'createRecord' && !target) {
    if (!context.unverifiedEntities.has(action.entity)) {
      const pointer = pointerOf(...path, 'entity');
      report(
        [...path, 'entity'],
        'unknownEntity',
        unknownEntityMessage(displayPath(pointer), action.entity, context.entities.keys()),
      );
    }
    return;
  }
  if (!target) return;
  for (const name of Object.keys(action.values)) {
    // A created record may be given an owner, e.g. the applicant of the record transitioned.
    if (name === 'owner' && action.type === 'createRecord') continue;
    const field = fieldNamed(target, name);
    if (!field || field.type === 'collection') {
      report(
        [...path, 'values', name],
        'unknownField',
        unknownFieldMessage(
          target.name,
          name,
          target.fields.map((f) => f.name),
        ),
      );
    } else if (action.type === 'setFields' && name === workflow.stateField) {
      report([...path, 'values', name], 'stateFieldSet', {
        ja: `状態フィールド「${name}」は遷移でだけ変わります。setFields では設定できません。`,
        en: `The state field "${name}" changes only by transitions; setFields cannot set it.`,
      });
    }
  }
}

function checkGuard(workflow: WorkflowMetadata, name: string, path: (string | number)[], context: SemanticContext) {
  const rule = context.items.find((item) => item.kind === 'rule' && item.name === name);
  if (rule?.kind === 'rule' && rule.entity === workflow.entity) return;
  const rules = context.items.filter((item) => item.kind === 'rule').map((item) => item.name);
  context.report(
    workflow,
    pointerOf(...path),
    'semantic.workflow.unknownGuard',
    rule
      ? {
          ja: `ルール「${name}」はエンティティ「${workflow.entity}」についてのルールではありません。`,
          en: `The rule "${name}" is not about the entity "${workflow.entity}".`,
        }
      : {
          ja: `ルール「${name}」はありません。${didYouMean(name, rules).ja}`,
          en: `There is no rule "${name}".${didYouMean(name, rules).en}`,
        },
  );
}

function checkRole(workflow: WorkflowMetadata, name: string, path: (string | number)[], context: SemanticContext) {
  if (context.items.some((item) => item.kind === 'role' && item.name === name)) return;
  const roles = context.items.filter((item) => item.kind === 'role').map((item) => item.name);
  context.report(workflow, pointerOf(...path), 'semantic.workflow.unknownRole', {
    ja: `ロール「${name}」はありません。${didYouMean(name, roles).ja}`,
    en: `There is no role "${name}".${didYouMean(name, roles).en}`,
  });
}

function checkAssignee(
  workflow: WorkflowMetadata,
  assignee: Assignee,
  path: (string | number)[],
  context: SemanticContext,
) {
  if ('role' in assignee) checkRole(workflow, assignee.role, [...path, 'role'], context);
}

function reportDuplicates(names: string[], report: (index: number, name: string) => void): void {
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (seen.has(name)) report(i, name);
    seen.add(name);
  }
}
