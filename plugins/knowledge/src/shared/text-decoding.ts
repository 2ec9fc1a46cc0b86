/**
 * Cities publish CSV in UTF-8 (often with a BOM) or in Shift_JIS. Valid UTF-8 is taken as
 * such; anything else is read as Shift_JIS (Windows-31J), and refused when that fails too.
 */
export function decodeCityText(bytes: Uint8Array, file: string): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding: 'shift_jis' };
    } catch {
      throw new Error(`${file} is neither UTF-8 nor Shift_JIS text`);
    }
  }
}
