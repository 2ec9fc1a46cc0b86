import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, isWithin } from '../errors.ts';
import { renderCheckboxControl, renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { renderTextPair } from '../workflow/text-pair-inputs.ts';
import { withMenu, withRole } from './page-edits.ts';
import { pageText } from './page-messages.ts';
import type { PageMetadata } from './page-types.ts';

/** Pointers the settings show; errors elsewhere in them are listed with the whole page. */
export const SETTINGS_POINTERS = ['/label', '/portal', '/route', '/roles', '/menu'];

export interface PageSettings {
  page: PageMetadata;
  /** Role names of the app. */
  roles: readonly string[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onPage: (page: PageMetadata) => void;
}

/** Title, portal, route, who may see the page and its place in the menu. */
export function renderPageSettings(settings: PageSettings): TemplateResult {
  const { page, errors, language, onPage } = settings;
  return html`<div class="controls">
      ${renderTextPair({
        id: 'page-label',
        text: page.label,
        labels: { ja: pageText(language, 'editor.page.labelJa'), en: pageText(language, 'editor.page.labelEn') },
        pointer: '/label',
        errors,
        language,
        onText: (label) => onPage({ ...page, label }),
      })}
    </div>
    <div class="controls">
      ${renderSelectControl({
        id: 'page-portal',
        label: pageText(language, 'editor.page.portal'),
        value: page.portal,
        options: (['resident', 'staff'] as const).map((portal) => ({
          value: portal,
          label: pageText(language, `editor.page.portal.${portal}`),
        })),
        errors: errorsAt(errors, '/portal'),
        language,
        onValue: (portal) => onPage({ ...page, portal: portal as PageMetadata['portal'] }),
      })}
      ${renderTextControl({
        id: 'page-route',
        label: pageText(language, 'editor.page.route'),
        value: page.route,
        note: pageText(language, 'editor.page.route.hint'),
        errors: errorsAt(errors, '/route'),
        language,
        commitOn: 'change',
        onValue: (route) => onPage({ ...page, route }),
      })}
    </div>
    ${renderRoles(settings)} ${renderMenu(settings)}`;
}

/**
 * One checkbox per role. A role the page names but the app no longer has is still listed,
 * so that it can be unchecked.
 */
function renderRoles({ page, roles, errors, language, onPage }: PageSettings): TemplateResult {
  const chosen = page.roles ?? [];
  const names = [...roles, ...chosen.filter((role) => !roles.includes(role))];
  const roleErrors = errors.filter((error) => isWithin(error.pointer, '/roles'));
  const describedBy = roleErrors.length > 0 ? 'page-roles-note page-roles-errors' : 'page-roles-note';
  return html`<fieldset id="page-roles" aria-describedby=${describedBy}>
    <legend>${pageText(language, 'editor.page.roles')}</legend>
    <p class="hint" id="page-roles-note">
      ${pageText(language, names.length > 0 ? 'editor.page.roles.everyone' : 'editor.page.roles.none')}
    </p>
    <div class="controls">
      ${names.map((role) =>
        renderCheckboxControl({
          id: `page-role-${role}`,
          label: role,
          checked: chosen.includes(role),
          errors: [],
          language,
          onChecked: (allowed) => onPage(withRole(page, role, allowed)),
        }),
      )}
    </div>
    ${renderErrors('page-roles', roleErrors, language)}
  </fieldset>`;
}

function renderMenu({ page, errors, language, onPage }: PageSettings): TemplateResult {
  const order = page.menu?.order;
  return html`<fieldset id="page-menu">
    <legend>${pageText(language, 'editor.page.menu')}</legend>
    <div class="controls">
      ${renderCheckboxControl({
        id: 'page-menu-shown',
        label: pageText(language, 'editor.page.menu.shown'),
        checked: order !== undefined,
        errors: errorsAt(errors, '/menu'),
        language,
        onChecked: (shown) => onPage(withMenu(page, shown ? 0 : undefined)),
      })}
      ${
        order === undefined
          ? ''
          : renderTextControl({
              id: 'page-menu-order',
              label: pageText(language, 'editor.page.menu.order'),
              type: 'number',
              value: String(order),
              errors: errorsAt(errors, '/menu/order'),
              language,
              // A half-typed number is not an order yet; the field keeps it until it is one.
              onValue: (value) => {
                const next = Number.parseInt(value, 10);
                if (Number.isInteger(next)) onPage(withMenu(page, next));
              },
            })
      }
    </div>
  </fieldset>`;
}
