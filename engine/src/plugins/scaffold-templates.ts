import { uiDefinition, uiSource } from './scaffold-ui-template.ts';

/**
 * The files of a new plugin: one entity and a staff role in metadata, one action, one route,
 * a job it enqueues and a scheduled one, one realtime channel, a staff page and a record
 * panel, and a test against the real host. Everything a city's developer needs to see how the
 * pieces fit, and nothing to delete before writing their own.
 */

export interface ScaffoldNames {
  /** kebab-case plugin name, e.g. `parking-permits`. */
  plugin: string;
  /** PascalCase entity name, e.g. `ParkingPermitsEntry`. */
  entity: string;
  /** The staff role the metadata defines. */
  role: string;
  engineVersion: string;
}

export function scaffoldFiles(names: ScaffoldNames): Record<string, string> {
  return {
    'package.json': packageJson(names),
    'README.md': readme(names),
    'src/index.ts': pluginSource(names),
    [`metadata/entities/${names.entity}.json`]: json(entity(names)),
    [`metadata/roles/${names.role}.json`]: role(names),
    [`test/${names.plugin}.test.ts`]: testSource(names),
    'ui/index.js': uiSource(names),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function packageJson({ plugin }: ScaffoldNames): string {
  return json({
    name: `@kiban/plugin-${plugin}`,
    version: '0.1.0',
    private: true,
    description: `The ${plugin} plugin for Kiban`,
    type: 'module',
    exports: { '.': './src/index.ts' },
    dependencies: { '@kiban/sdk': '*' },
  });
}

function readme({ plugin, entity, role }: ScaffoldNames): string {
  return `# ${plugin}

A Kiban plugin. It ships the entity \`${entity}\` and the staff role \`${role}\` as metadata
(\`metadata/\`), the action \`POST /api/actions/${plugin}.addEntry\` and the route
\`GET /api/plugins/${plugin}/summary\`, the job \`noticeEntry\` the action enqueues and the job
\`dailySummary\` that runs at six every morning, with settings administrators set at
\`PUT /api/admin/settings/${plugin}\`, the realtime channel \`${plugin}.entries\`, where
staff with the role hear of each new entry (\`src/index.ts\`), and a staff page and a panel
under \`${entity}\` records (\`ui/index.js\`).

Load it with \`KIBAN_PLUGINS=${plugin}\`; test it with \`npx vitest run plugins/${plugin}\`.
`;
}

function pluginSource({ plugin, entity, role, engineVersion }: ScaffoldNames): string {
  return `import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kiban/sdk';

const ENTITY = '${entity}';

/** The ${plugin} plugin: its data is metadata (\`metadata/\`); the code adds an action, a route, jobs and a channel. */
export default definePlugin({
  name: '${plugin}',
  version: '0.1.0',
  requires: { engine: '>=${engineVersion}' },
  metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
  realtime: {
    // Browsers join \`${plugin}.entries\`, room \`all\`, over socket.io at /realtime.
    channels: [
      {
        name: 'entries',
        authorize: ({ actor, room }) =>
          room === 'all' && actor.kind === 'principal' && actor.roles.includes('${role}'),
      },
    ],
  },
${uiDefinition({ plugin, entity, role, engineVersion })}  actions: [
    {
      name: 'addEntry',
      label: { ja: '登録する', en: 'Add an entry' },
      input: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string', minLength: 1, maxLength: 100 } },
        additionalProperties: false,
      },
      roles: ['${role}'],
      async handler(input, ctx) {
        const { title } = input as { title: string };
        const entry = await ctx.data(ctx.actor).create(ENTITY, { title });
        ctx.logger.info('entry added', { id: entry.id });
        // Runs after the action has committed, once per entry however often it is enqueued.
        await ctx.jobs.enqueue('noticeEntry', { id: entry.id }, { key: String(entry.id) });
        await ctx.realtime.emit('entries', 'all', 'entryAdded', { id: entry.id });
        return entry;
      },
    },
  ],
  // Set per environment by administrators; a property with \`writeOnly: true\` would be a secret.
  settings: {
    schema: {
      type: 'object',
      properties: { summaryTitle: { type: 'string', minLength: 1, maxLength: 100 } },
      additionalProperties: false,
    },
  },
  jobs: [
    {
      name: 'noticeEntry',
      async handler(payload, ctx) {
        ctx.logger.info('entry noticed', { id: (payload as { id: string }).id });
      },
    },
    {
      name: 'dailySummary',
      // In the city's time zone.
      cron: '0 6 * * *',
      async handler(_payload, ctx) {
        const { summaryTitle = 'daily summary' } = await ctx.settings<{ summaryTitle?: string }>();
        ctx.logger.info(summaryTitle, { entries: await ctx.data({ kind: 'system' }).count(ENTITY) });
      },
    },
  ],
  routes(app, ctx) {
    app.get('/summary', async (c) => c.json({ entries: await ctx.data(c.get('actor')).count(ENTITY) }));
  },
});
`;
}

function entity({ plugin, entity }: ScaffoldNames) {
  return {
    kind: 'entity',
    name: entity,
    label: { ja: `${plugin} の登録`, en: `${plugin} entry` },
    fields: [{ name: 'title', type: 'string', label: { ja: '題名', en: 'Title' }, required: true, maxLength: 100 }],
    titleField: 'title',
  };
}

/** Written out rather than `JSON.stringify`-ed, so that it is already in the repository's format. */
function role({ plugin, entity, role }: ScaffoldNames): string {
  return `{
  "kind": "role",
  "name": "${role}",
  "label": {
    "ja": "${plugin} の担当職員",
    "en": "${plugin} staff"
  },
  "audience": "staff",
  "permissions": [
    {
      "entity": "${entity}",
      "actions": ["read", "create", "update", "delete"]
    }
  ]
}
`;
}

function testSource({ plugin, role }: ScaffoldNames): string {
  return `import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.ts';

const ROLE = '${role}';
const ADD_ENTRY = '/api/actions/${plugin}.addEntry';
const SUMMARY = '/api/plugins/${plugin}/summary';

describe('${plugin}', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await createTestHost({ plugins: [plugin] });
  });
  afterAll(() => host?.close());

  it('adds an entry for staff with the role, and counts it', async () => {
    const clerk = await host.signInAs('staff', 'clerk', [ROLE]);
    const added = await clerk.request('POST', ADD_ENTRY, { body: { title: '最初の登録' } });
    expect(added.status).toBe(200);
    expect(added.body.title).toBe('最初の登録');
    expect((await clerk.request('GET', SUMMARY)).body).toEqual({ entries: 1 });
  });

  it('tells staff with the role of each new entry on the realtime channel', async () => {
    const clerk = await host.signInAs('staff', 'clerk-live', [ROLE]);
    const socket = await host.realtime(clerk);
    await socket.join('${plugin}.entries', 'all');
    const added = await clerk.request('POST', ADD_ENTRY, { body: { title: 'すぐ届く' } });
    const message = await socket.waitForMessage((candidate) => candidate.event === 'entryAdded');
    expect(message.payload).toEqual({ id: added.body.id });
    const visitor = await host.signInAs('staff', 'visitor-live', []);
    const outsider = await host.realtime(visitor);
    await expect(outsider.join('${plugin}.entries', 'all')).rejects.toThrow('realtime.forbidden');
  });

  it('runs the job the action enqueued, and the daily summary the next morning with its setting', async () => {
    const clerk = await host.signInAs('staff', 'clerk-3', [ROLE]);
    const added = await clerk.request('POST', ADD_ENTRY, { body: { title: 'ジョブの確認' } });
    await host.runJobs();
    const noticed = host.logs.filter((entry) => entry.message === 'entry noticed');
    expect(noticed.map((entry) => entry.fields?.id)).toContain(added.body.id);
    expect((await host.setSettings('${plugin}', { summaryTitle: '' })).status).toBe(422);
    expect((await host.setSettings('${plugin}', { summaryTitle: '本日の登録' })).status).toBe(200);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    await host.runJobs(tomorrow);
    expect(host.logs.filter((entry) => entry.message === '本日の登録')).toHaveLength(1);
  });

  it('refuses invalid input, callers without the role, and anonymous requests', async () => {
    const clerk = await host.signInAs('staff', 'clerk-2', [ROLE]);
    const invalid = await clerk.request('POST', ADD_ENTRY, { body: { title: '' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/title']);
    const visitor = await host.signInAs('staff', 'visitor', []);
    expect((await visitor.request('POST', ADD_ENTRY, { body: { title: 'x' } })).status).toBe(403);
    expect((await host.request('GET', SUMMARY)).status).toBe(401);
  });

  it('contributes a staff page and a panel under its records to the staff portal', async () => {
    const clerk = await host.signInAs('staff', 'clerk-4', [ROLE]);
    const app = (await clerk.request('GET', '/api/portal/app?portal=staff')).body;
    expect(app.staffPages.map((page: { path: string }) => page.path)).toEqual(['/staff/plugins/${plugin}/console']);
    expect(app.recordPanels.map((panel: { tag: string }) => panel.tag)).toEqual(['${plugin}-panel']);
  });
});
`;
}
