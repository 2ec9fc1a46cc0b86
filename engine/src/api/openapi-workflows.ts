import type { WorkflowMetadata } from '../metadata/index.ts';
import { needs } from './openapi-access.ts';
import { idParameter } from './openapi-operations.ts';

type JsonObject = Record<string, unknown>;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** What `GET /api/workflows/{entity}/{id}` and a transition answer. */
export const WORKFLOW_STATUS_SCHEMA: JsonObject = {
  type: 'object',
  required: ['workflow', 'label', 'state', 'transitions', 'history', 'tasks'],
  properties: {
    workflow: { type: 'string' },
    label: { type: 'object' },
    state: {
      type: 'object',
      required: ['name', 'label', 'final'],
      properties: { name: { type: 'string' }, label: { type: 'object' }, final: { type: 'boolean' } },
    },
    transitions: {
      description: 'The transitions the caller may make now',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          label: { type: 'object' },
          to: { type: 'string' },
          commentRequired: { type: 'boolean' },
        },
      },
    },
    history: { type: 'array', items: { type: 'object' } },
    tasks: { type: 'array', items: { type: 'object' } },
  },
};

/** The status and transition endpoints of one published workflow, with its transitions as an enum. */
export function workflowPaths(workflow: WorkflowMetadata): JsonObject {
  const status = { $ref: '#/components/schemas/WorkflowStatus' };
  const json = { 'application/json': { schema: status } };
  const tags = [workflow.entity];
  const label = `${workflow.label.en ?? workflow.label.ja} (${workflow.label.ja})`;
  return {
    [`/api/workflows/${workflow.entity}/{id}`]: {
      get: {
        ...needs({ entity: workflow.entity, action: 'read' }),
        tags,
        operationId: `workflowStatus${workflow.entity}`,
        summary: `Where a ${workflow.entity} stands in the workflow ${label}`,
        parameters: [idParameter],
        responses: {
          '200': { description: 'State, allowed transitions, history, tasks', content: json },
          '404': problem('No such record'),
        },
      },
    },
    [`/api/workflows/${workflow.entity}/{id}/transitions/{transition}`]: {
      post: {
        ...needs({ entity: workflow.entity, action: 'read' }),
        tags,
        operationId: `transition${workflow.entity}`,
        summary: `Make a transition of the workflow ${label}`,
        parameters: [
          idParameter,
          {
            name: 'transition',
            in: 'path',
            required: true,
            schema: { enum: workflow.transitions.map((transition) => transition.name) },
          },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: { type: 'object', additionalProperties: false, properties: { comment: { type: 'string' } } },
            },
          },
        },
        responses: {
          '200': { description: 'Made; the new status', content: json },
          '403': problem('The caller may not make this transition'),
          '404': problem('No such record or transition'),
          '409': problem('The record is not in a state the transition starts from'),
          '412': problem('The record changed since it was read'),
          '422': problem('The guard is not met, a comment is missing, or an action failed'),
        },
      },
    },
  };
}
