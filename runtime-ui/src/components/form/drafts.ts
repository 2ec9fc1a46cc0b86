import type { RecordData } from '../../metadata/index.ts';

/**
 * Drafts stay on the resident's device (localStorage), one per form. Storage can be missing
 * or full (private windows, quotas); a draft is a convenience, so that only reports failure.
 */
const key = (formName: string) => `kiban:form-draft:${formName}`;

export function loadDraft(formName: string): RecordData | undefined {
  try {
    const stored = localStorage.getItem(key(formName));
    const parsed: unknown = stored === null ? undefined : JSON.parse(stored);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as RecordData) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(formName: string, values: RecordData): boolean {
  try {
    localStorage.setItem(key(formName), JSON.stringify(values));
    return true;
  } catch {
    return false;
  }
}

export function discardDraft(formName: string): void {
  try {
    localStorage.removeItem(key(formName));
  } catch {
    // Nothing stored can be left behind when storage is unavailable.
  }
}
