export { KibanFormPage } from './kiban-form-page.ts';
