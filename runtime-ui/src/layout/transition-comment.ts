import { html, type TemplateResult } from 'lit';
import { translate } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';

export interface CommentPrompt {
  language: Language;
  /** The transition's label in the reader's language. */
  label: string;
  submit(comment: string): void;
  cancel(): void;
}

/**
 * The prompt for a transition whose metadata asks for a comment (`commentRequired`): an
 * ordinary form rather than `window.prompt`, so it is labelled, keyboard-usable and styled.
 */
export function renderCommentPrompt(prompt: CommentPrompt): TemplateResult {
  const say = (key: Parameters<typeof translate>[1]) => translate(prompt.language, key);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const comment = String(new FormData(event.target as HTMLFormElement).get('comment') ?? '').trim();
    if (comment) prompt.submit(comment);
  };
  return html`<form class="comment" @submit=${onSubmit} aria-labelledby="comment-title">
    <h3 id="comment-title">${translate(prompt.language, 'workflow.commentFor', { label: prompt.label })}</h3>
    <label for="comment">${say('workflow.comment')}</label>
    <textarea id="comment" name="comment" rows="4" required></textarea>
    <div class="actions">
      <button type="submit" class="primary">${say('workflow.confirm')}</button>
      <button type="button" @click=${prompt.cancel}>${say('workflow.cancel')}</button>
    </div>
  </form>`;
}
