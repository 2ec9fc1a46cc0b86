import type { Hono } from 'hono';
import type { Principal } from '../access/index.ts';
import type { EngineConfig } from '../config.ts';
import type { FileService } from '../files/index.ts';
import type { PackageOperations } from '../packages/index.ts';
import type { DelegationResolver, PluginUiBundle } from '../plugins/index.ts';
import type { UiDirectories } from '../portal/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { MetadataChanges, PublishOptions, PublishOutcome } from '../runtime/publish.ts';
import type { ActionRunner } from '../workflow/index.ts';
/** What the HTTP layer needs from the engine; routes never reach past it. */
import type { ActionDescription } from './openapi-platform.ts';
import type { Lang } from './problem.ts';
import type { SettingsDeps } from './routes/settings.ts';

export interface ApiDeps {
  config: EngineConfig;
  live(): LiveApp;
  publish(changes: MetadataChanges, options: PublishOptions): Promise<PublishOutcome>;
  /** Mounts the routes plugins declare public, before /api requires a principal. */
  publicRoutes?(app: Hono<ApiEnv>, options: { trustProxy: boolean; secureCookies: boolean }): void;
  /** Mounts the routes plugins contribute, behind authentication like the rest of /api. */
  pluginRoutes?(app: Hono<ApiEnv>): void;
  /** Export, plan and import of metadata packages, for the designer. */
  packages?: PackageOperations;
  /** Calls plugin actions for workflow transitions; without plugins, none exist. */
  runAction?: ActionRunner;
  /** Whether a principal may act for another on the record API (`Kiban-On-Behalf-Of`); without it, nobody may. */
  delegation?: DelegationResolver;
  /** The built browser apps and plugin code; without them the engine serves the API only. */
  ui?: UiDirectories;
  /** The loaded plugins' actions, for the OpenAPI document. */
  pluginActions?: readonly ActionDescription[];
  /** Files of records; without it the file routes are not mounted. */
  files?: FileService;
  /** The browser code plugins ship, listed for the portals. */
  pluginUi?: readonly PluginUiBundle[];
  /** The settings plugins declare, for administrators to set. */
  settings?: SettingsDeps;
  /** Tells the job runner a job became due (an administrator retried it). */
  wakeJobs?(): void;
}

/** Per-request values set by middleware. */
export interface ApiEnv {
  Variables: {
    lang: Lang;
    /** The generation this request runs against, fixed when the request starts. */
    live: LiveApp;
    principal: Principal | null;
    /**
     * On the record API, set when the principal acts for another (`Kiban-On-Behalf-Of`): that
     * principal, whose policies the request runs under, and the plugin that allowed it.
     */
    onBehalfOf?: { subject: Principal; plugin: string };
  };
}
