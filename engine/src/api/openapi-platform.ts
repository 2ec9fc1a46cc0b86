import { METADATA_KINDS } from '../metadata/index.ts';
import { needs } from './openapi-access.ts';
import {
  idParameter,
  itemsOf,
  type JsonObject,
  markCapabilities,
  ok,
  operation,
  pathParameter,
  problem,
  queryParameters,
  requestBody,
} from './openapi-operations.ts';

/**
 * The routes every engine serves besides the generated record API: sign-in, the caller's
 * profile and applications, the task inbox, segment previews, the portal catalog and the
 * metadata registry.
 */
export function platformPaths(): JsonObject {
  return {
    '/api/openapi.json': {
      get: operation('meta', 'openApiDocument', 'This document, generated from the published metadata', {
        '200': ok('The OpenAPI 3.1 document'),
      }),
    },
    '/api/auth/login': {
      post: operation(
        'auth',
        'login',
        'Sign in with a username and password; answers the session cookie',
        {
          '200': ok('Signed in'),
          '422': problem('Wrong username or password, or an invalid body'),
        },
        { requestBody: requestBody('login'), security: [] },
      ),
    },
    '/api/auth/signup': {
      post: operation(
        'auth',
        'signup',
        'Sign up as a resident; granted the resident roles marked selfSignUp',
        {
          '201': ok('Signed up and signed in'),
          '409': problem('The username is taken'),
          '422': problem('Invalid values'),
        },
        { requestBody: requestBody('signup'), security: [] },
      ),
    },
    '/api/auth/logout': {
      post: operation('auth', 'logout', 'End the session', { '204': { description: 'Signed out' } }),
    },
    '/api/auth/me': {
      get: operation('auth', 'me', 'The signed-in principal, its roles and capabilities', {
        '200': ok('The principal'),
      }),
    },
    '/api/profile': {
      get: operation('profile', 'readProfile', 'The caller’s profile: what forms may prefill, language, calendar', {
        '200': ok('The profile'),
      }),
      put: operation(
        'profile',
        'updateProfile',
        'Replace the caller’s profile',
        {
          '200': ok('The stored profile'),
          '422': problem('Invalid values'),
        },
        { requestBody: requestBody('profile') },
      ),
    },
    '/api/tasks': {
      get: operation(
        'tasks',
        'listTasks',
        'The caller’s task inbox: tasks of their roles, department or person',
        {
          '200': ok('Tasks, newest first', itemsOf()),
          '400': problem('Invalid query'),
        },
        { parameters: queryParameters('taskQuery') },
      ),
    },
    '/api/tasks/{id}/reassign': {
      post: operation(
        'tasks',
        'reassignTask',
        'Hand an open task to a role, a department or a person',
        {
          '200': ok('The reassigned task'),
          '404': problem('No such open task'),
          '422': problem('Invalid values'),
        },
        { parameters: [idParameter], requestBody: requestBody('reassignTask') },
      ),
    },
    '/api/workflows/mine': {
      get: operation('workflows', 'myApplications', 'My applications: the caller’s records in a workflow', {
        '200': ok('Records with their state', itemsOf()),
      }),
    },
    '/api/segments/preview': {
      post: operation(
        'segments',
        'previewRule',
        'Count and sample the records a rule being edited selects',
        {
          '200': ok('Count and sample'),
          '422': problem('The rule is not valid'),
        },
        { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } } },
      ),
    },
    '/api/segments/{name}/preview': {
      post: operation(
        'segments',
        'previewSegment',
        'Count and sample the records a published segment selects',
        {
          '200': ok('Count and sample, within the caller’s row policy'),
          '404': problem('No such segment'),
        },
        { parameters: [pathParameter('name')] },
      ),
    },
    '/api/portal/app': {
      get: operation(
        'portal',
        'portalApp',
        'What a portal draws: pages, entities, forms and views the caller may open',
        {
          '200': ok('The portal catalog'),
          '400': problem('Invalid query'),
        },
        { parameters: queryParameters('portalQuery') },
      ),
    },
    ...registryPaths(),
  };
}

const kindParameter = pathParameter('kind', {
  enum: [...METADATA_KINDS],
});
const nameParameter = pathParameter('name');

/** The registry needs `metadata.read`; saving drafts and publishing `metadata.publish`, as its routes check. */
function registryPaths(): JsonObject {
  return markCapabilities(allRegistryPaths(), (path, method) =>
    (path.startsWith('/api/metadata/drafts/') && method === 'put') || path === '/api/metadata/publish'
      ? 'metadata.publish'
      : 'metadata.read',
  );
}

function allRegistryPaths(): JsonObject {
  return {
    '/api/metadata': {
      get: operation('metadata', 'listMetadata', 'Every published item and the live generation', {
        '200': ok('Items'),
      }),
    },
    '/api/metadata/{kind}/{name}': {
      get: operation(
        'metadata',
        'readMetadata',
        'One published item',
        {
          '200': ok('The item'),
          '404': problem('Not published'),
        },
        { parameters: [kindParameter, nameParameter] },
      ),
    },
    '/api/metadata/{kind}/{name}/versions': {
      get: operation(
        'metadata',
        'listVersions',
        'The published versions of one item',
        {
          '200': ok('Versions', itemsOf()),
        },
        { parameters: [kindParameter, nameParameter] },
      ),
    },
    '/api/metadata/drafts': {
      get: operation('metadata', 'listDrafts', 'Saved drafts', { '200': ok('Drafts', itemsOf()) }),
    },
    '/api/metadata/drafts/{kind}/{name}': {
      get: operation(
        'metadata',
        'readDraft',
        'One draft with its revision',
        {
          '200': ok('The draft'),
          '404': problem('No such draft'),
        },
        { parameters: [kindParameter, nameParameter] },
      ),
      put: operation(
        'metadata',
        'saveDraft',
        'Save a draft (If-Match: its revision); answers it with its problems',
        {
          '200': ok('The saved draft and its validation problems'),
          '412': problem('The draft changed since it was read'),
          '422': problem('Invalid values'),
        },
        { parameters: [kindParameter, nameParameter], requestBody: requestBody('draft') },
      ),
    },
    '/api/metadata/publish': {
      post: operation(
        'metadata',
        'publish',
        'Publish items and drafts; dryRun answers the migration plan',
        {
          '200': ok('The publication or its plan'),
          '409': problem('Destructive steps need confirmDestructive, or a step is blocked'),
          '422': problem('The app would be invalid'),
        },
        { requestBody: requestBody('publish') },
      ),
    },
  };
}

/** A plugin action as the OpenAPI document describes it. */
export interface ActionDescription {
  name: string;
  label: { ja: string; en?: string };
  input: JsonObject;
  roles?: string[];
}

/** `POST /api/actions/<plugin>.<action>` of each loaded plugin's actions, with its input schema. */
export function actionPaths(actions: readonly ActionDescription[]): JsonObject {
  return Object.fromEntries(
    actions.map((action) => [
      `/api/actions/${action.name}`,
      {
        post: operation(
          'actions',
          `action.${action.name}`,
          `${action.label.en ?? action.label.ja} (${action.label.ja})`,
          {
            '200': ok('The action’s answer', {}),
            '422': problem('The input does not satisfy the action’s schema'),
          },
          {
            ...needs({ roles: action.roles ?? [] }),
            description: action.roles?.length ? `Roles: ${action.roles.join(', ')}` : 'Any signed-in principal',
            requestBody: { required: true, content: { 'application/json': { schema: action.input } } },
          },
        ),
      },
    ]),
  );
}
