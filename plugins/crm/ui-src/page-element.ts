import { LitElement, type PropertyDeclarations } from 'lit';
import { type Texts, textsFor } from './texts.ts';

/** Who is signed in, as the staff portal hands it to plugin elements. */
export interface StaffPrincipal {
  id: string;
  username: string;
  displayName: string | null;
  roles: string[];
  department: string | null;
}

/**
 * What every CRM staff element shares: the portal's `language` and `principal`, and drawing
 * into the light DOM so that the portal's own styles (inputs, buttons, tables, focus rings)
 * apply and ids are unique within the page.
 */
export class StaffElement extends LitElement {
  static override properties: PropertyDeclarations = {
    language: { type: String },
    calendar: { type: String },
    principal: { attribute: false },
  };

  declare language: string;
  declare calendar: string;
  declare principal: StaffPrincipal | undefined;

  constructor() {
    super();
    this.language = 'ja';
    this.calendar = 'gregorian';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected get t(): Texts {
    return textsFor(this.language);
  }
}
