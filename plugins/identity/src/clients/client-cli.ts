import { parseArgs } from 'node:util';
import { type CliCommandContribution, type PluginContext, PluginError } from '@kiban/sdk';
import { checkedInput } from '../http/input.ts';
import type { ProviderSource } from '../oidc/provider-source.ts';
import {
  type ClientRegistration,
  disableClient,
  listClients,
  registerClient,
  registrationSchema,
  updateClient,
} from './clients.ts';

const USAGE =
  'identity-client list | register --name N --redirect-uri U… [--logout-uri U…] [--attribute A…] | ' +
  'update CLIENT_ID (the same options) | disable CLIENT_ID';

/** The command line acts as the system, audited as the plugin's; each run prints one JSON document. */
const SYSTEM = { kind: 'system' } as const;

/**
 * `kiban identity-client …`: the services registered at the OpenID Provider, for an operator at
 * the server. The same functions as the admin actions, so the same validation and audit entries.
 */
export function clientCommand(sourceOf: (ctx: PluginContext) => ProviderSource): CliCommandContribution {
  return {
    name: 'identity-client',
    summary: USAGE,
    async run(args, ctx) {
      const [verb, ...rest] = args;
      const print = (value: unknown) => {
        process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      };
      if (verb === 'list') return print(await listClients(ctx));
      if (verb === 'disable') {
        await disableClient(ctx, SYSTEM, required(rest[0], 'CLIENT_ID'));
        return print({ disabled: rest[0] });
      }
      if (verb === 'register' || verb === 'update') {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: verb === 'update',
          options: {
            name: { type: 'string' },
            'redirect-uri': { type: 'string', multiple: true },
            'logout-uri': { type: 'string', multiple: true },
            attribute: { type: 'string', multiple: true },
          },
        });
        const registration = checkedInput<ClientRegistration>(
          {
            name: required(values.name, '--name'),
            redirectUris: values['redirect-uri'] ?? [],
            ...(values['logout-uri'] ? { postLogoutRedirectUris: values['logout-uri'] } : {}),
            attributes: values.attribute ?? [],
          },
          registrationSchema,
        );
        if (verb === 'register') return print(await registerClient(ctx, sourceOf(ctx), SYSTEM, registration));
        const clientId = required(positionals[0], 'CLIENT_ID');
        return print(await updateClient(ctx, sourceOf(ctx), SYSTEM, { clientId, ...registration }));
      }
      throw usage();
    },
  };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw usage(`${name} is required`);
  return value;
}

function usage(problem?: string): PluginError {
  const text = problem ? `${problem}. ${USAGE}` : USAGE;
  return new PluginError('identity.cliUsage', 400, { ja: `使い方: ${text}`, en: `Usage: ${text}` });
}
