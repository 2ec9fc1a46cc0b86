import type { CalendarPreference } from '../i18n/index.ts';
import type {
  EntityMetadata,
  FieldDefinition,
  FormMetadata,
  I18nText,
  Language,
  PageMetadata,
  ViewMetadata,
} from '../metadata/index.ts';
import type { PluginUi } from '../plugins/index.ts';

/** Which shell is asking: the resident portal or the staff portal. */
export type PortalName = 'resident' | 'staff';

/** The signed-in user as `GET /api/auth/me` describes them. */
export interface Principal {
  id: string;
  kind: 'staff' | 'resident' | 'system';
  username: string;
  displayName: string | null;
  roles: string[];
  department: string | null;
  /** How and when this session was signed in (absent for API tokens). */
  signIn?: { method: string; assurance: AssuranceLevel; at: string };
}

/** How sure the engine is of who signed in, lowest first; `jpki` is the My Number Card. */
export type AssuranceLevel = 'low' | 'substantial' | 'jpki';

/** A workflow state as the API names it; labels are metadata labels. */
export interface StateView {
  name: string;
  label: I18nText;
  final: boolean;
}

/** An entity as the portal may use it: only the fields the caller may read, and what they may do. */
export interface PortalEntity {
  name: string;
  label: I18nText;
  titleField?: string;
  fields: FieldDefinition[];
  permissions: { read: boolean; create: boolean; update: boolean; delete: boolean };
  workflow?: { name: string; stateField: string; states: StateView[] };
}

/** `GET /api/portal/app?portal=…`: everything a shell needs to build its menu and pages. */
export interface PortalApp {
  generation: number;
  principal: Principal;
  pages: PageMetadata[];
  entities: Record<string, PortalEntity>;
  forms: Record<string, FormMetadata>;
  views: Record<string, ViewMetadata>;
  plugins: PluginUi[];
  /** Staff portal pages plugins contribute, those this principal may open (absent from older engines). */
  staffPages?: PluginStaffPage[];
  /** Panels plugins add under records of these entities. */
  recordPanels?: PluginRecordPanel[];
  /** A plugin's page where a resident signs in again at a stronger assurance (step-up). */
  stepUpPage?: string;
  /** Elements plugins draw beside every page of this portal (absent from older engines). */
  portalWidgets?: PluginPortalWidget[];
}

/** A plugin's element on every page of the portal, in its own region named `label`. */
export interface PluginPortalWidget {
  plugin: string;
  name: string;
  label: I18nText;
  tag: string;
}

/** A plugin's staff page: its element `tag` is drawn at `path` (`/staff/plugins/<plugin>/<name>`). */
export interface PluginStaffPage {
  plugin: string;
  name: string;
  label: I18nText;
  tag: string;
  path: string;
  menuOrder?: number;
}

/** A plugin's panel on the detail view of records of `entities`. */
export interface PluginRecordPanel {
  plugin: string;
  name: string;
  label: I18nText;
  tag: string;
  entities: string[];
}

/** `GET /api/profile`: what a resident keeps about themselves, and their preferences. */
export interface Profile {
  displayName: string | null;
  displayNameKana: string | null;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  address: string | null;
  consentToReuse: boolean;
  language: Language | null;
  calendar: CalendarPreference | null;
}

/** One of `GET /api/workflows/mine`: a record of the caller's with where its workflow stands. */
export interface MyRecord {
  entity: string;
  id: string;
  title: string | null;
  workflow: string;
  state: StateView;
  updatedAt: string;
}

/** `GET /api/workflows/:entity/:id`. */
export interface WorkflowStatus {
  workflow: string;
  label: I18nText;
  state: StateView;
  transitions: { name: string; label: I18nText; to: string; commentRequired: boolean }[];
  history: {
    at: string;
    kind: 'start' | 'transition' | 'reassign';
    transition: string | null;
    from: string | null;
    to: string;
    actor: { id: string | null; name: string | null };
    comment: string | null;
    assignee: string | null;
  }[];
}

/** Who a task is for. */
export type AssignTo = { role: string } | { department: string } | { principal: string };

/** One of `GET /api/tasks`: a workflow human task. */
export interface Task {
  id: string;
  entity: string;
  recordId: string;
  workflow: string;
  state: string;
  label: I18nText;
  assignee: { kind: string; value: string };
  status: 'open' | 'done';
  createdAt: string;
  dueAt: string | null;
  completedAt: string | null;
  outcome: string | null;
}

const metadataOf = new WeakMap<PortalEntity, EntityMetadata>();

/**
 * The entity in the shape the record components take. The same object comes back for the
 * same entity, so a re-render does not look like new metadata to a list (which would reload).
 */
export function entityMetadata(entity: PortalEntity): EntityMetadata {
  let metadata = metadataOf.get(entity);
  if (!metadata) {
    metadata = {
      kind: 'entity',
      name: entity.name,
      label: entity.label,
      ...(entity.titleField ? { titleField: entity.titleField } : {}),
      fields: entity.fields,
    };
    metadataOf.set(entity, metadata);
  }
  return metadata;
}
