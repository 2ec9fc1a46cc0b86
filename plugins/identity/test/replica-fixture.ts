import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ReplicaPerson {
  pseudonym?: string;
  publicAuth?: { issuer: string; subject: string };
  name: string;
  kana: string;
  address: string;
  postalCode: string;
  birthdate: string;
  gender: string;
  household: unknown;
  tax: { fiscalYear: number; status: string };
}

/**
 * A replica database of its own on the test PostgreSQL server (created here, dropped by
 * `drop()`), with the view `kiban_replica.resident_attributes` the city would provide over its
 * register and tax tables.
 */
export async function createReplica(serverUrl: string, people: ReplicaPerson[]) {
  const name = `id_attrs_replica_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const replica = new pg.Client({ connectionString: url.href });
  await replica.connect();
  await replica.query(`
    create schema kiban_replica;
    create table kiban_replica.register (
      id serial primary key, pseudonym text unique, public_auth_issuer text, public_auth_subject text,
      name text, name_kana text, address text, postal_code text, birthdate date, gender text, household jsonb);
    create table kiban_replica.tax (register_id int references kiban_replica.register, fiscal_year int, status text);
    create view kiban_replica.resident_attributes as
      select r.pseudonym, r.public_auth_issuer, r.public_auth_subject, r.name, r.name_kana, r.address, r.postal_code,
             r.birthdate, r.gender, r.household, t.fiscal_year as tax_fiscal_year, t.status as tax_status
        from kiban_replica.register r left join kiban_replica.tax t on t.register_id = r.id;`);
  for (const person of people) {
    const { rows } = await replica.query<{ id: number }>(
      `insert into kiban_replica.register (pseudonym, public_auth_issuer, public_auth_subject, name, name_kana, address,
         postal_code, birthdate, gender, household) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        person.pseudonym ?? null,
        person.publicAuth?.issuer ?? null,
        person.publicAuth?.subject ?? null,
        person.name,
        person.kana,
        person.address,
        person.postalCode,
        person.birthdate,
        person.gender,
        JSON.stringify(person.household),
      ],
    );
    await replica.query('insert into kiban_replica.tax values ($1, $2, $3)', [
      rows[0].id,
      person.tax.fiscalYear,
      person.tax.status,
    ]);
  }
  await replica.end();
  return {
    url: url.href,
    schema: 'kiban_replica',
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
