import type { LookupFunction } from '../components/form/index.ts';
import type { EntityMetadata, FormMetadata, JsonSchema, MetadataItem } from '../metadata/index.ts';
import { entityMetadata, type PortalApp } from '../portal/portal-types.ts';
import { type ApiOptions, fetchRecordPage, requestJson } from './client.ts';

/** What `<kiban-form>` needs, as the API publishes it. */
export interface FormBundle {
  form: FormMetadata;
  entity: EntityMetadata;
  /** The entity's create schema from the OpenAPI document; absent when the document lacks it. */
  recordSchema?: JsonSchema;
  /** Choices of reference fields: up to 200 records of the target, named by its `titleField`. */
  lookup: LookupFunction;
  /** Every entity the app publishes to this user: line-item children and what computed fields read. */
  entities: ReadonlyMap<string, EntityMetadata>;
  /** The create schema of each line-item collection's child, by collection name. */
  lineItemSchemas: Record<string, JsonSchema>;
}

/** Loads a form bundle by the form's name; `<kiban-form-page>` takes one to fit where it runs. */
export type FormBundleLoader = (formName: string, options: ApiOptions) => Promise<FormBundle>;

/**
 * Fetches a published form with its entity and record schema through the registry API
 * (which needs `metadata.read`). The schema is the very one the server validates with
 * (`components.schemas.<Entity>Create` of `/api/openapi.json`).
 */
export const loadForm: FormBundleLoader = async (formName, options) => {
  const [{ items }, schema] = await Promise.all([
    requestJson<{ items: MetadataItem[] }>('/api/metadata', options),
    createSchemas(options),
  ]);
  const form = items.find((item): item is FormMetadata => item.kind === 'form' && item.name === formName);
  if (!form) throw new Error(`The form "${formName}" is not published.`);
  const entities = new Map(
    items.filter((item): item is EntityMetadata => item.kind === 'entity').map((entity) => [entity.name, entity]),
  );
  return bundle(form, entities, schema, options);
};

/**
 * The same from the portal's app description, which holds the forms the signed-in user may
 * fill in and the fields they may read: what the portal shells use.
 */
export function portalFormLoader(app: PortalApp): FormBundleLoader {
  return async (formName, options) => {
    const form = app.forms[formName];
    if (!form) throw new Error(`The form "${formName}" is not available.`);
    const entities = new Map(Object.values(app.entities).map((entity) => [entity.name, entityMetadata(entity)]));
    return bundle(form, entities, await createSchemas(options), options);
  };
}

type SchemaOf = (entity: string) => JsonSchema | undefined;

async function createSchemas(options: ApiOptions): Promise<SchemaOf> {
  const openApi = await requestJson<{ components?: { schemas?: Record<string, JsonSchema> } }>(
    '/api/openapi.json',
    options,
  );
  return (entity) => openApi.components?.schemas?.[`${entity}Create`];
}

function bundle(
  form: FormMetadata,
  entities: Map<string, EntityMetadata>,
  schemaOf: SchemaOf,
  options: ApiOptions,
): FormBundle {
  const entity = entities.get(form.entity);
  if (!entity) throw new Error(`The entity "${form.entity}" of the form "${form.name}" is not published.`);
  const lookup: LookupFunction = async (field) => {
    const target = field.target ? entities.get(field.target) : undefined;
    if (!target) return [];
    const page = await fetchRecordPage(target.name, new URLSearchParams({ limit: '200' }), options);
    const title = target.titleField ?? 'id';
    return page.items.map((record) => ({
      value: String(record.id),
      label: String(record[title] ?? record.id),
      record,
    }));
  };
  const lineItemSchemas: Record<string, JsonSchema> = {};
  for (const field of entity.fields) {
    const schema = field.lineItems && field.target ? schemaOf(field.target) : undefined;
    if (schema) lineItemSchemas[field.name] = schema;
  }
  return { form, entity, recordSchema: schemaOf(entity.name), lookup, entities, lineItemSchemas };
}
