export { KibanList, type TitleLookup } from './kiban-list.ts';
