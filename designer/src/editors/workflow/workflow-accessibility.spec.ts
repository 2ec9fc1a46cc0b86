import { expect } from '@esm-bundle/chai';
import { seriousViolations } from '../test-support/axe.ts';
import { mount, settle, unmountAll } from '../test-support/mount.ts';
import { defineWorkflowEditor } from './index.ts';
import { inquiry, inquiryEntities, inquiryRoles, inquiryRules } from './inquiry-fixtures.ts';

defineWorkflowEditor();

describe('<kiban-workflow-editor> accessibility (axe-core, WCAG 2.1 AA)', () => {
  afterEach(unmountAll);

  it('has no serious or critical violations with nothing, a state and a transition selected', async () => {
    const editor = await mount('kiban-workflow-editor', {
      item: inquiry,
      entities: inquiryEntities,
      roles: inquiryRoles,
      rules: inquiryRules,
      errors: [{ pointer: '/transitions/1/roles', code: 'x', message: { ja: '問題', en: 'Problem' } }],
    });
    expect(await seriousViolations(editor)).to.deep.equal([]);
    editor.selection = { kind: 'state', index: 0 };
    await settle(editor);
    expect(await seriousViolations(editor)).to.deep.equal([]);
    editor.selection = { kind: 'transition', index: 1 };
    await settle(editor);
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });
});
