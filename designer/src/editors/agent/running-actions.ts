/** An action a loaded plugin offers, as the signed-in person's OpenAPI document lists it. */
export interface RunningAction {
  /** `<plugin>.<action>` */
  name: string;
  summary: string;
}

interface CallerDocument {
  paths?: Record<string, { post?: { summary?: unknown }; [method: string]: unknown }>;
}

const ACTION_PATH = '/api/actions/';

/**
 * The actions in `GET /api/openapi.json`: the engine lists there each plugin action the caller
 * may call, so an agent's tools can be picked rather than typed.
 */
export function runningActions(document: CallerDocument): RunningAction[] {
  return Object.entries(document.paths ?? {})
    .filter(([path]) => path.startsWith(ACTION_PATH))
    .map(([path, operations]) => ({
      name: path.slice(ACTION_PATH.length),
      summary: typeof operations.post?.summary === 'string' ? operations.post.summary : '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
