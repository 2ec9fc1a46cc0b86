/** The mark the sandbox puts before a "translation": the target language's tag in brackets. */
export function sandboxTranslation(text: string, to: string): string {
  return `[${to}] ${text}`;
}
