export { loadPluginUi, type PluginUi } from './load-plugin-ui.ts';
export {
  type FieldWidgetElement,
  fieldWidgetTag,
  pageComponentTag,
  registerFieldWidget,
  registerPageComponent,
} from './registry.ts';
