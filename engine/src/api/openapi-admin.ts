import type { Capability } from '../metadata/index.ts';
import {
  idParameter,
  itemsOf,
  type JsonObject,
  markCapabilities,
  ok,
  operation,
  pathParameter,
  problem,
  requestBody,
  UUID,
} from './openapi-operations.ts';

const gzip = (description: string) => ({ description, content: { 'application/gzip': { schema: {} } } });
const archiveBody = {
  required: true,
  content: { 'application/gzip': { schema: { type: 'string', contentMediaType: 'application/gzip' } } },
};

/** What each administration route requires, as its route file checks it. */
function adminCapability(path: string): Capability {
  if (path.startsWith('/api/admin/principals')) return 'principals.manage';
  if (path === '/api/audit') return 'audit.read';
  if (path.startsWith('/api/admin/jobs') || path.startsWith('/api/admin/settings')) return 'platform.manage';
  return path.endsWith('/plan') || path.endsWith('/import') ? 'metadata.publish' : 'metadata.read';
}

/** Administration: principals and their API tokens, the audit trail, metadata packages. */
export function adminPaths(): JsonObject {
  return markCapabilities(allAdminPaths(), adminCapability);
}

function allAdminPaths(): JsonObject {
  return {
    '/api/admin/principals': {
      get: operation('admin', 'listPrincipals', 'Every principal with roles and department', {
        '200': ok('Principals', itemsOf()),
      }),
      post: operation(
        'admin',
        'createPrincipal',
        'Create a staff, resident or system principal',
        {
          '201': ok('The principal'),
          '409': problem('The username is taken'),
          '422': problem('Invalid values, or a role the kind may not hold'),
        },
        { requestBody: requestBody('createPrincipal') },
      ),
    },
    '/api/admin/principals/{id}/roles': {
      put: operation(
        'admin',
        'setRoles',
        'Replace a principal’s roles',
        {
          '200': ok('The principal'),
          '404': problem('No such principal'),
          '422': problem('Invalid values'),
        },
        { parameters: [idParameter], requestBody: requestBody('setRoles') },
      ),
    },
    '/api/admin/principals/{id}/attributes': {
      put: operation(
        'admin',
        'setAttributes',
        'Set a staff member’s attributes (e.g. ward) that row conditions read as $principal.<name>',
        {
          '200': ok('The principal'),
          '404': problem('No such principal'),
          '422': problem('An attribute no published role declares, or a value outside its list'),
        },
        { parameters: [idParameter], requestBody: requestBody('setAttributes') },
      ),
    },
    '/api/admin/jobs': {
      get: operation('admin', 'listJobs', 'Background jobs and the dead-letter list', {
        '200': ok('Jobs', itemsOf()),
        '400': problem('Invalid query'),
      }),
    },
    '/api/admin/jobs/{id}/retry': {
      post: operation(
        'admin',
        'retryJob',
        'Run a dead job again',
        {
          '200': ok('The job'),
          '404': problem('No such job'),
        },
        { parameters: [pathParameter('id')] },
      ),
    },
    '/api/admin/settings': {
      get: operation('admin', 'listSettings', 'Every plugin’s settings (secrets never shown)', {
        '200': ok('Settings'),
      }),
    },
    '/api/admin/settings/{plugin}': {
      get: operation(
        'admin',
        'readSettings',
        'One plugin’s settings (secrets never shown)',
        {
          '200': ok('Settings'),
          '404': problem('No such plugin or no settings'),
        },
        { parameters: [pathParameter('plugin')] },
      ),
      put: operation(
        'admin',
        'writeSettings',
        'Set one plugin’s settings',
        {
          '200': ok('Settings'),
          '422': problem('Invalid values'),
        },
        {
          parameters: [pathParameter('plugin')],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        },
      ),
    },
    '/api/admin/principals/{id}/tokens': {
      get: operation(
        'admin',
        'listTokens',
        'A principal’s API tokens (never the secrets)',
        { '200': ok('Tokens', itemsOf()) },
        {
          parameters: [idParameter],
        },
      ),
      post: operation(
        'admin',
        'createToken',
        'Issue an API token; the secret is answered once',
        {
          '201': ok('The token with its secret'),
          '422': problem('Invalid values'),
        },
        { parameters: [idParameter], requestBody: requestBody('createToken') },
      ),
    },
    '/api/admin/principals/{id}/tokens/{tokenId}': {
      delete: operation(
        'admin',
        'revokeToken',
        'Revoke an API token',
        {
          '204': { description: 'Revoked' },
          '404': problem('No such token'),
        },
        { parameters: [idParameter, pathParameter('tokenId', UUID)] },
      ),
    },
    '/api/audit': {
      get: operation('admin', 'listAudit', 'The audit trail, newest first', {
        '200': ok('Entries', itemsOf()),
        '400': problem('Invalid query'),
      }),
    },
    '/api/admin/packages/export': {
      post: operation(
        'packages',
        'exportPackage',
        'Export the published app as a package archive',
        { '200': gzip('The .tar.gz archive') },
        {
          requestBody: requestBody('exportPackage'),
        },
      ),
    },
    '/api/admin/packages/plan': {
      post: operation(
        'packages',
        'planPackage',
        'What importing the archive would do: items, reference rows, migration; full or partial',
        {
          '200': ok('The plan'),
          '415': problem('Not application/gzip'),
          '422': problem('The package or the app after it would be invalid'),
        },
        { requestBody: archiveBody },
      ),
    },
    '/api/admin/packages/import': {
      post: operation(
        'packages',
        'importPackage',
        'Import the archive atomically: metadata, migration, reference data and history',
        {
          '200': ok('The result with its plan'),
          '409': problem('Destructive steps need confirmDestructive=true, or a concurrent import'),
          '415': problem('Not application/gzip'),
          '422': problem('The package or the app after it would be invalid'),
        },
        {
          parameters: [
            { name: 'confirmDestructive', in: 'query', required: false, schema: { enum: ['true', 'false'] } },
          ],
          requestBody: archiveBody,
        },
      ),
    },
    '/api/admin/packages/history': {
      get: operation('packages', 'packageHistory', 'Imports and rollbacks, newest first', {
        '200': ok('History', itemsOf()),
      }),
    },
  };
}
