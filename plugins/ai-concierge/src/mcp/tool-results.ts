/** A tool's answer as MCP text content holding JSON. */
export const toolResult = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value) }] });

/** A tool's refusal: the same structured error the HTTP API answers, flagged so no client takes it for a result. */
export const toolError = (code: string, message: string, details?: unknown[]) => ({
  ...toolResult({ error: { code, message, ...(details?.length ? { details } : {}) } }),
  isError: true,
});
