import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RuleMetadata } from './rule-types.ts';

/** Counts the records a rule selects; the shell posts `{ rule }` to `/api/segments/preview`. */
export type PreviewFunction = (rule: RuleMetadata) => Promise<{ count: number }>;

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; count: number }
  | { status: 'failed' };

/** Long enough that typing "74" asks once, short enough that the count follows the edit. */
export const PREVIEW_DELAY_MS = 400;

/**
 * The live count of a rule being edited. Each change restarts the wait, so a burst of
 * edits asks the server once; an answer to an older rule than the latest is dropped, so the
 * count shown is always the count of what is on screen.
 */
export class MatchPreview implements ReactiveController {
  state: PreviewState = { status: 'idle' };
  private readonly host: ReactiveControllerHost;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** Counts `rule` after the delay, unless another change comes first. */
  schedule(rule: RuleMetadata | undefined, preview: PreviewFunction | undefined): void {
    clearTimeout(this.timer);
    const request = ++this.latest;
    if (!rule || !preview) {
      this.show({ status: 'idle' });
      return;
    }
    this.show({ status: 'loading' });
    this.timer = setTimeout(() => void this.count(request, rule, preview), PREVIEW_DELAY_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.latest++;
  }

  private async count(request: number, rule: RuleMetadata, preview: PreviewFunction): Promise<void> {
    let next: PreviewState;
    try {
      const { count } = await preview(rule);
      next = { status: 'ready', count };
    } catch {
      next = { status: 'failed' };
    }
    if (request === this.latest) this.show(next);
  }

  private show(state: PreviewState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
