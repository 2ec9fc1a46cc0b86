/**
 * A JWS ES256 signature (IEEE P1363: r ‖ s, 32 bytes each) as the DER `SEQUENCE { INTEGER r,
 * INTEGER s }` OpenSSL takes. Node converts the same way when asked for `dsaEncoding:
 * 'ieee-p1363'`, but only through an options object, whose key lookup costs about a third
 * of a P-256 verification; with the key object and DER bytes `crypto.verify` goes straight in.
 * Null when the signature is not 64 bytes.
 */
export function derSignature(p1363: Uint8Array): Buffer | null {
  if (p1363.length !== 64) return null;
  const r = derInteger(p1363.subarray(0, 32));
  const s = derInteger(p1363.subarray(32));
  return Buffer.concat([Buffer.from([0x30, r.length + s.length]), r, s]);
}

/** A non-negative integer in DER: leading zeros dropped, one zero added when the top bit is set. */
function derInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const value = bytes.subarray(start);
  const sign = (value[0] ?? 0) >= 0x80 ? 1 : 0;
  const integer = Buffer.alloc(2 + sign + value.length);
  integer[0] = 0x02;
  integer[1] = sign + value.length;
  integer.set(value, 2 + sign);
  return integer;
}
