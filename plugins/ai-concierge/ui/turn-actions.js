import { turnTextsFor } from './turn-actions-texts.js';

function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

async function act(name, body, language) {
  const response = await fetch(`/api/actions/ai-concierge.${name}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': language === 'en' ? 'en' : 'ja' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, body: answer.result ?? answer };
}

/**
 * "Did this help?" under an answer: two buttons, then a thank-you in their place. The turn
 * keeps the rating (`turn.helpful`), so a re-render after a language switch shows the thanks.
 */
export function feedbackControls(turn, conversationId, language) {
  const t = turnTextsFor(language);
  const box = el('div', { className: 'feedback' });
  const show = () => {
    if (turn.helpful !== undefined) {
      box.replaceChildren(el('p', { textContent: turn.feedbackFailed ? t.feedbackFailed : t.thanks }));
      return;
    }
    const label = el('p', { id: `${turn.id}-helpful`, textContent: t.helpfulQuestion });
    const buttons = [
      [true, t.yes],
      [false, t.no],
    ].map(([helpful, text]) => {
      const button = el('button', { type: 'button', textContent: text });
      button.setAttribute('aria-describedby', label.id);
      button.addEventListener('click', async () => {
        turn.helpful = helpful;
        const { ok } = await act('feedback', { conversationId, turn: turn.conversation.turns, helpful }, language);
        turn.feedbackFailed = !ok;
        show();
      });
      return button;
    });
    box.replaceChildren(label, ...buttons);
  };
  show();
  return box;
}

/**
 * The offer of a person as a control: a consent checkbox (unticked: the transcript stays here)
 * and the button calling `ai-concierge.handoff`; the result replaces both.
 */
export function handoffControls(state, conversationId, language) {
  const t = turnTextsFor(language);
  const box = el('div', { className: 'handoff' });
  const show = () => {
    if (state.handedOff) {
      const { transcriptShared } = state.handedOff;
      box.replaceChildren(el('p', { textContent: `${t.handedOff} ${transcriptShared ? t.shared : t.notShared}` }));
      return;
    }
    const consent = el('input', { type: 'checkbox', id: `${state.id}-consent` });
    const button = el('button', { type: 'button', textContent: t.talkToPerson });
    button.addEventListener('click', async () => {
      button.disabled = true;
      const { ok, body } = await act(
        'handoff',
        { conversationId, shareTranscript: consent.checked, language },
        language,
      );
      if (ok) {
        state.handedOff = body;
        show();
      } else {
        button.disabled = false;
        box.append(el('p', { role: 'alert', textContent: t.handoffFailed }));
      }
    });
    box.replaceChildren(el('p', {}, [consent, el('label', { htmlFor: consent.id, textContent: t.consent })]), button);
  };
  show();
  return box;
}

/** The provisional text while an answer streams: labelled as a draft, outside the conversation's live region. */
export function draftBlock(language) {
  const t = turnTextsFor(language);
  const block = el('div', { className: 'draft' }, [
    el('p', { className: 'draft-label', textContent: t.provisional }),
    el('p', { className: 'draft-text' }),
  ]);
  block.lastChild.style.whiteSpace = 'pre-line';
  block.style.opacity = '0.75';
  block.style.borderInlineStart = '3px dashed currentColor';
  block.style.paddingInlineStart = '0.5em';
  return block;
}
