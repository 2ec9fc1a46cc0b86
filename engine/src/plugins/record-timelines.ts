import {
  type Actor,
  isPluginError,
  type RecordTimeline,
  type RecordTimelineContribution,
  type RecordTimelineItem,
  type RecordTimelineRequest,
} from '@kiban/sdk';
import { KibanError } from '../errors.ts';
import { actionContext, type PluginRuntime } from './context.ts';

type Source = RecordTimeline['sources'][number];

/**
 * `ctx.plugins.timeline`: asks every loaded plugin's timeline contributions for `request.entity`
 * at once, as `actor`, and merges what they answer newest first. A refusal (403) or a failure
 * stays with its source — the reader is told which source is missing — and never hides the
 * others' entries.
 */
export async function readRecordTimeline(
  runtimes: readonly PluginRuntime[],
  request: RecordTimelineRequest,
  actor: Actor,
): Promise<RecordTimeline> {
  const asked = runtimes.flatMap((runtime) =>
    (runtime.definition.timelines ?? [])
      .filter((contribution) => contribution.entities.includes(request.entity))
      .map((contribution) => readOne(runtime, contribution, request, actor)),
  );
  const answers = await Promise.all(asked);
  const entries = answers
    .flatMap((answer) => answer.entries)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, request.limit);
  return { entries, sources: answers.map((answer) => answer.source) };
}

async function readOne(
  runtime: PluginRuntime,
  contribution: RecordTimelineContribution,
  request: RecordTimelineRequest,
  actor: Actor,
): Promise<{ entries: RecordTimeline['entries']; source: Source }> {
  const plugin = runtime.definition.name;
  const source = (status: Source['status'], entries: number): Source => ({
    plugin,
    name: contribution.name,
    label: contribution.label,
    status,
    entries,
  });
  try {
    const items = await contribution.read({ ...request }, actionContext(runtime.context, actor));
    const entries = items.slice(0, request.limit).map((item) => ({
      ...asEntry(item),
      plugin,
      source: `${plugin}.${contribution.name}`,
    }));
    return { entries, source: source('read', entries.length) };
  } catch (error) {
    if ((isPluginError(error) || error instanceof KibanError) && error.status === 403)
      return { entries: [], source: source('forbidden', 0) };
    runtime.logger.error(`timeline ${contribution.name} failed`, { error });
    return { entries: [], source: source('failed', 0) };
  }
}

/** Only the declared fields cross, as plain JSON values. */
function asEntry(item: RecordTimelineItem): RecordTimelineItem {
  return {
    id: String(item.id),
    at: new Date(item.at).toISOString(),
    kind: String(item.kind),
    title: String(item.title),
    state: item.state === undefined || item.state === null ? null : String(item.state),
  };
}
