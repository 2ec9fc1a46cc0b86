import { expect } from '@esm-bundle/chai';
import type { CspProbeResult } from './support/csp-probe.page.ts';

/**
 * The portal is served with `script-src 'self'` and no 'unsafe-eval'. A page holding that
 * policy (`support/csp-page.html`) mounts `<kiban-form>` with the published schema and submits
 * invalid values: the form must refuse them in the browser, with no refusal by the policy other
 * than the page's own deliberate `Function` call, which shows that the policy is in force.
 */
describe('<kiban-form> under the portal Content-Security-Policy', () => {
  it('validates in the browser without eval or new Function', async () => {
    const iframe = document.createElement('iframe');
    const report = new Promise<{ result?: CspProbeResult; error?: string }>((resolve) => {
      window.addEventListener('message', function onMessage(event: MessageEvent) {
        if (event.source !== iframe.contentWindow || event.data?.kind !== 'kiban-csp-probe') return;
        window.removeEventListener('message', onMessage);
        resolve(event.data);
      });
    });
    iframe.src = '/test/support/csp-page.html';
    document.body.append(iframe);
    try {
      const { result, error } = await report;
      expect(error).to.equal(undefined);
      if (!result) throw new Error('The probe sent no result.');
      expect(result.codeGenerationRefused, 'the policy refuses code generation').to.equal(true);
      expect(result.violations).to.deep.equal(['script-src eval']);
      expect(result.warnings).to.deep.equal([]);
      expect(result.submitted).to.equal(false);
      expect(result.errors.name).to.contain('入力してください');
      expect(result.errors.email).to.contain('メールアドレス');
      expect(result.errors.seats).to.contain('10 以下');
      expect(result.errors.deposit).to.contain('0 以上');
      expect(result.errors.birthDate).to.contain('以降');
    } finally {
      iframe.remove();
    }
  });
});
