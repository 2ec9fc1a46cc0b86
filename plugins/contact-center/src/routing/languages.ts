/**
 * The languages that serve a conversation written in `language` without a translator: a queue
 * or an operator listing one of them is preferred. やさしい日本語 is written by anyone who writes
 * Japanese, so a Japanese-speaking operator serves it too.
 */
export function servingLanguages(language: string): string[] {
  return language === 'ja-easy' ? ['ja-easy', 'ja'] : [language];
}
