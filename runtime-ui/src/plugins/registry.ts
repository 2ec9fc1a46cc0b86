import type { FieldDefinition, Language } from '../metadata/index.ts';

/**
 * What `<kiban-form>` sets on a plugin's field widget before each render. The widget shows
 * `value`, labels itself with `label`, and reports a change by setting its own `value` and
 * dispatching an `input` event (bubbling and composed).
 */
export interface FieldWidgetElement extends HTMLElement {
  value: unknown;
  field: FieldDefinition;
  label: string;
  language: Language;
  required: boolean;
  readOnly: boolean;
  invalid: boolean;
  /** The error text to announce with the widget, or an empty string. */
  errorMessage: string;
}

const fieldWidgets = new Map<string, string>();
const pageComponents = new Map<string, string>();

/** A custom element name: lower-case, starting with a letter, with a hyphen. */
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;

function register(registry: Map<string, string>, what: string, name: string, tagName: string): void {
  if (!CUSTOM_ELEMENT_NAME.test(tagName)) {
    throw new Error(`The ${what} "${name}" needs a custom element name with a hyphen, not "${tagName}".`);
  }
  const existing = registry.get(name);
  if (existing !== undefined && existing !== tagName) {
    throw new Error(`The ${what} "${name}" is already provided by <${existing}>.`);
  }
  registry.set(name, tagName);
}

/**
 * A plugin supplies the input of its field type `<plugin>.<name>` (or of a form widget name
 * written in metadata, such as `maps.addressPicker`) by the tag of a custom element it
 * defines. Registering the same pair twice is harmless; a second tag for one name is a bug.
 */
export function registerFieldWidget(name: string, tagName: string): void {
  register(fieldWidgets, 'field widget', name, tagName);
}

export function fieldWidgetTag(name: string | undefined): string | undefined {
  return name === undefined ? undefined : fieldWidgets.get(name);
}

/** A plugin supplies a portal page (a payment screen, a reservation calendar) by its tag. */
export function registerPageComponent(name: string, tagName: string): void {
  register(pageComponents, 'page component', name, tagName);
}

export function pageComponentTag(name: string): string | undefined {
  return pageComponents.get(name);
}
