import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** User present, user verified, attested credential data included (WebAuthn §6.1 flags). */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

interface Credential {
  privateKey: KeyObject;
  counter: number;
  userHandle: string;
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/**
 * A platform authenticator in software, as the WebAuthn specification describes one: ES256
 * keys from node:crypto, "none" attestation, a signature counter. It answers what a browser's
 * `navigator.credentials.create/get` would, in the JSON `@simplewebauthn/browser` sends.
 */
export class SoftwareAuthenticator {
  readonly origin: string;
  private readonly credentials = new Map<string, Credential>();

  constructor(origin: string) {
    this.origin = origin;
  }

  register(options: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(String(jwk.x), 'base64url')],
      [-3, Buffer.from(String(jwk.y), 'base64url')],
    ]);
    const id = randomBytes(16);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(String(options.rp.id)),
      Buffer.from([UP | UV | AT]),
      Buffer.alloc(4),
      Buffer.alloc(16),
      length,
      id,
      Buffer.from(isoCBOR.encode(coseKey)),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, never>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, never>()],
        ['authData', authData],
      ]),
    );
    this.credentials.set(b64(id), { privateKey, counter: 0, userHandle: options.user.id });
    return {
      id: b64(id),
      rawId: b64(id),
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** An assertion with the credential `id` (the first one registered when absent); each one counts up. */
  assert(options: PublicKeyCredentialRequestOptionsJSON, id?: string, rpId = options.rpId): AuthenticationResponseJSON {
    const credentialId = id ?? [...this.credentials.keys()][0];
    const credential = this.credentials.get(credentialId);
    if (!credential) throw new Error('no such credential');
    credential.counter += 1;
    return this.signed(credentialId, credential, options.challenge, String(rpId));
  }

  /**
   * The first credential as Chromium's virtual authenticator takes it (`WebAuthn.addCredential`
   * of the DevTools protocol): the same key then signs in a real browser.
   */
  exported(rpId: string) {
    const [credentialId, credential] = [...this.credentials][0];
    return {
      credentialId: Buffer.from(credentialId, 'base64url').toString('base64'),
      isResidentCredential: true,
      rpId,
      privateKey: credential.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      userHandle: Buffer.from(credential.userHandle, 'base64url').toString('base64'),
      signCount: credential.counter,
    };
  }

  /** An assertion carrying a counter the authenticator used before: what a cloned authenticator sends. */
  replayCounter(options: PublicKeyCredentialRequestOptionsJSON): AuthenticationResponseJSON {
    const [credentialId, credential] = [...this.credentials][0];
    return this.signed(credentialId, credential, options.challenge, String(options.rpId));
  }

  private signed(credentialId: string, credential: Credential, challenge: string, rpId: string) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authenticatorData = Buffer.concat([sha256(rpId), Buffer.from([UP | UV]), counter]);
    const clientDataJSON = this.clientData('webauthn.get', challenge);
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(Buffer.from(clientDataJSON, 'base64url'))]),
      credential.privateKey,
    );
    return {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key' as const,
      response: {
        clientDataJSON,
        authenticatorData: b64(authenticatorData),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
    };
  }

  private clientData(type: string, challenge: string): string {
    return b64(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }
}
