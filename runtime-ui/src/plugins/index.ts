export {
  type FieldWidgetElement,
  fieldWidgetTag,
  pageComponentTag,
  registerFieldWidget,
  registerPageComponent,
} from './registry.ts';
