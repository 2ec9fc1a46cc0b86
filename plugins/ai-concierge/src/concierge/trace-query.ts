import { PluginError } from '@kiban/sdk';
import { Ajv } from 'ajv';

/** Which traces a reviewer asks for: a page, and optionally only conversations with a turn of one status, rated unhelpful, or run by one agent. */
export interface TraceQuery {
  offset: number;
  status?: 'answered' | 'declined' | 'refused' | 'unavailable';
  notHelpful?: boolean;
  /** Only conversations with a turn this agent answered. */
  agent?: string;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    offset: { type: 'string', pattern: '^(0|[1-9][0-9]{0,6})$' },
    status: { enum: ['answered', 'declined', 'refused', 'unavailable'] },
    notHelpful: { enum: ['true', 'false'] },
    agent: { type: 'string', pattern: '^[a-z](?:-?[a-z0-9]){0,62}$' },
  },
};
const validate = new Ajv({ allErrors: true }).compile(schema);

/** The query string of `GET /traces`, checked; a bad value is a 422 naming it. */
export function parseTraceQuery(query: Record<string, string>): TraceQuery {
  if (!validate(query)) {
    throw new PluginError(
      'ai-concierge.invalidTraceQuery',
      422,
      { ja: '会話記録の条件に誤りがあります。', en: 'The trace query has invalid values.' },
      (validate.errors ?? []).map((error) => ({
        pointer: error.instancePath || `/${String(error.params.additionalProperty ?? '')}`,
        code: `schema.${error.keyword}`,
        message: { ja: '値が正しくありません。', en: error.message ?? 'invalid' },
      })),
    );
  }
  return {
    offset: Number(query.offset ?? 0),
    status: query.status as TraceQuery['status'],
    notHelpful: query.notHelpful === 'true',
    agent: query.agent,
  };
}
