import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMetadataDirectory } from './load-files.ts';
import type { MetadataItem, WorkflowMetadata } from './types.ts';
import { validateMetadata } from './validate.ts';

const exampleDir = (name: string) => fileURLToPath(new URL(`../../../examples/${name}/metadata`, import.meta.url));

let inquiryApp: MetadataItem[];
let subsidyApp: MetadataItem[];

beforeAll(async () => {
  inquiryApp = (await loadMetadataDirectory(exampleDir('inquiry'))).items.map((entry) => entry.item);
  subsidyApp = (await loadMetadataDirectory(exampleDir('subsidy-application'))).items.map((entry) => entry.item);
});

/** The inquiry app with its workflow changed by `change`; the problems as pointer and code. */
function problemsAfter(change: (workflow: WorkflowMetadata) => void) {
  const items = structuredClone(inquiryApp);
  change(items.find((item): item is WorkflowMetadata => item.kind === 'workflow') as WorkflowMetadata);
  return validateMetadata(items).map(({ pointer, code }) => ({ pointer, code }));
}

describe('workflow checks', () => {
  it('accepts both example workflows', () => {
    expect(validateMetadata(inquiryApp)).toEqual([]);
    expect(validateMetadata(subsidyApp)).toEqual([]);
    expect(validateMetadata([...inquiryApp, ...subsidyApp])).toEqual([]);
  });

  it('needs an enum state field that can hold every state', () => {
    expect(problemsAfter((workflow) => (workflow.stateField = 'answer'))).toEqual([
      { pointer: '/stateField', code: 'semantic.workflow.stateFieldNotEnum' },
    ]);
    expect(problemsAfter((workflow) => workflow.states.push({ name: 'archived', label: { ja: '保管' } }))).toEqual([
      { pointer: '/stateField', code: 'semantic.workflow.stateValuesMissing' },
    ]);
  });

  it('reports unknown states, guards, roles and timer transitions where they are', () => {
    expect(
      problemsAfter((workflow) => {
        workflow.initial = 'recieved';
        workflow.transitions[0].from = ['closed'];
        workflow.transitions[0].to = 'done';
        workflow.transitions[0].roles = ['inquiry-dsk'];
        workflow.transitions[3].guard = 'no-such-rule';
        workflow.states[2].timers = [{ after: { businessDays: 1 }, transition: 'accept' }];
      }),
    ).toEqual([
      { pointer: '/initial', code: 'semantic.workflow.unknownState' },
      { pointer: '/transitions/0/from/0', code: 'semantic.workflow.fromFinal' },
      { pointer: '/transitions/0/to', code: 'semantic.workflow.unknownState' },
      { pointer: '/transitions/0/roles/0', code: 'semantic.workflow.unknownRole' },
      { pointer: '/transitions/3/guard', code: 'semantic.workflow.unknownGuard' },
      { pointer: '/states/2/timers/0/transition', code: 'semantic.workflow.timerTransition' },
    ]);
  });

  it('keeps the state field to transitions and checks the fields actions write', () => {
    expect(
      problemsAfter((workflow) => {
        workflow.transitions[3].actions = [
          { type: 'setFields', values: { status: 'closed', answerdAt: '$now' } },
          { type: 'createRecord', entity: 'Ticket', values: {} },
        ];
      }),
    ).toEqual([
      { pointer: '/transitions/3/actions/0/values/status', code: 'semantic.workflow.stateFieldSet' },
      { pointer: '/transitions/3/actions/0/values/answerdAt', code: 'semantic.workflow.unknownField' },
      { pointer: '/transitions/3/actions/1/entity', code: 'semantic.workflow.unknownEntity' },
    ]);
  });

  it('allows one workflow per entity', () => {
    const items = structuredClone(inquiryApp);
    const workflow = items.find((item) => item.kind === 'workflow') as WorkflowMetadata;
    items.push({ ...workflow, name: 'inquiry-copy' });
    expect(validateMetadata(items).map(({ name, code }) => ({ name, code }))).toEqual([
      { name: 'inquiry', code: 'semantic.workflow.entityTaken' },
      { name: 'inquiry-copy', code: 'semantic.workflow.entityTaken' },
    ]);
  });

  it('refuses a malformed workflow by its schema', () => {
    const items = structuredClone(inquiryApp);
    const workflow = items.find((item) => item.kind === 'workflow') as WorkflowMetadata;
    (workflow.states[0].timers as unknown[])[0] = { after: { weeks: 2 }, transition: 'accept' };
    expect(validateMetadata(items).map(({ pointer }) => pointer)).toContain('/states/0/timers/0/after/weeks');
  });
});
