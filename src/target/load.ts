/**
 * Loads a target profile: YAML -> schema (defaults filled in) -> `${env:...}` substitution ->
 * checks the schema cannot express (URLs, secrets, regular expressions, known flaws).
 */
import { authMethods } from './auth-methods.js';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { didYouMean } from '../load/did-you-mean.js';
import { byPosition } from '../load/errors.js';
import type { LoadError } from '../load/errors.js';
import { substituteEnv } from '../load/env-substitution.js';
import { subjectName } from '../load/naming.js';
import type { Naming } from '../load/naming.js';
import { createAjv, show, schemaErrors } from '../load/schema-errors.js';
import { errorAt, readYamlSource, toPointer } from '../load/yaml-source.js';
import type { Path, YamlSource } from '../load/yaml-source.js';
import type { ValidateFunction } from 'ajv';
import { loadClientKey } from './client-key.js';
import { isHttpUrl } from './origins.js';
import { targetSchema } from './schema.js';
import { templateValues, unknownPlaceholders } from './templates.js';
import { urlPattern } from './url-pattern.js';
import type { Locator, TargetProfile } from './schema.js';

export interface LoadTargetOptions {
  /** Flaw names the embedded server knows; `embedded.flaws` is checked against them when given. */
  knownFlaws?: ReadonlySet<string>;
  /** The document as an earlier load of the same file validated it (defaults filled in): skips the schema. */
  validated?: unknown;
}

const naming: Naming = { root: 'target profile' };

let validator: ValidateFunction | undefined;

export function loadTarget(file: string, env: NodeJS.ProcessEnv = process.env, opts: LoadTargetOptions = {}): { target: TargetProfile | undefined; errors: LoadError[]; validated?: unknown } {
  const { source, errors } = readYamlSource(file);
  if (!source) return { target: undefined, errors };
  if (opts.validated !== undefined) {
    source.data = structuredClone(opts.validated);
  } else {
    validator ??= createAjv().compile(targetSchema);
    if (!validator(source.data)) return { target: undefined, errors: schemaErrors(validator.errors, source, naming).sort(byPosition) };
  }
  const validated = structuredClone(source.data);

  const { value, problems } = substituteEnv(source.data, env);
  for (const p of problems) errors.push(errorAt(source, p.path, p.message, p.hint));
  // A value whose reference could not be resolved is already reported: do not judge it again.
  const unresolved = new Set(problems.map((p) => toPointer(p.path)));
  const target = value as TargetProfile;
  errors.push(...checkTarget(target, source, opts, (p) => !unresolved.has(toPointer(p)), path.dirname(file)));
  if (!errors.length) errors.push(...checkPlaceholders(target, source, env));
  return { target: errors.length ? undefined : target, errors: errors.sort(byPosition), validated };
}

/**
 * `/continue|allow/i` -> RegExp; any other text is returned as is. The one definition of the
 * regular-expression form of locator `name` and `text` values. Throws when the form is there but
 * does not compile.
 */
export function parseTextPattern(value: string): string | RegExp {
  const match = /^\/(.+)\/([a-z]*)$/s.exec(value);
  return match ? new RegExp(match[1], match[2]) : value;
}

function checkTarget(target: TargetProfile, source: YamlSource, opts: LoadTargetOptions, resolved: (path: Path) => boolean, dir: string): LoadError[] {
  const errors: LoadError[] = [];
  const error = (path: Path, message: string, hint?: string, where: 'value' | 'key' = 'value') => errors.push(errorAt(source, path, message, hint, where));

  if (!target.embedded && !target.issuer && !(target.endpoints?.authorization && target.endpoints?.token)) {
    if (target.endpoints) error(['endpoints'], '"endpoints" needs both authorization and token when there is no "issuer"', undefined, 'key');
    else error([], 'target profile needs "issuer" (or "endpoints.authorization" and "endpoints.token"), unless it is "embedded"', 'add issuer: https://your-server.example, or embedded: {} for the built-in server');
  }

  if (target.ca !== undefined && resolved(['ca'])) {
    target.ca = path.resolve(dir, target.ca);
    try {
      new X509Certificate(readFileSync(target.ca));
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a PEM certificate';
      error(['ca'], `the CA file cannot be used: ${reason} (${target.ca})`, 'give the PEM certificate of the CA that issued the server\'s certificate, relative to this profile');
    }
  }

  const urls: [Path, string | undefined][] = [
    [['issuer'], target.issuer],
    [['resource'], target.resource],
    [['endpoints', 'authorization'], target.endpoints?.authorization],
    [['endpoints', 'token'], target.endpoints?.token],
    ...Object.entries(target.clients).flatMap(([key, client]) =>
      client.redirect_uris.map((uri, i): [Path, string] => [['clients', key, 'redirect_uris', i], uri]),
    ),
  ];
  for (const [path, url] of urls) {
    if (url !== undefined && resolved(path) && !isHttpUrl(url)) {
      error(path, `${subjectName(path, naming)} must be an absolute http(s) URL (got ${show(url)})`);
    }
  }
  (target.allowed_origins ?? []).forEach((origin, i) => {
    if (!resolved(['allowed_origins', i])) return;
    if (!isHttpUrl(origin) || new URL(origin).origin !== origin.replace(/\/$/, '')) {
      error(['allowed_origins', i], `${subjectName(['allowed_origins', i], naming)} must be an origin, scheme://host[:port] with no path (got ${show(origin)})`, 'e.g. https://login.example.com');
    } else target.allowed_origins![i] = new URL(origin).origin;
  });

  if (opts.knownFlaws) {
    (target.embedded?.flaws ?? []).forEach((flaw, i) => {
      if (!opts.knownFlaws!.has(flaw)) {
        error(['embedded', 'flaws', i], `unknown flaw "${flaw}"`, didYouMean(flaw, opts.knownFlaws!) ?? `known flaws: ${[...opts.knownFlaws!].join(', ')}`);
      }
    });
  }

  for (const [key, client] of Object.entries(target.clients)) {
    const methods = authMethods(client);
    if (methods.includes('private_key_jwt')) checkClientKey(key, client, dir, resolved, error);
    else if (client.key !== undefined) error(['clients', key, 'key'], `client "${key}" uses ${methods.join(', ')}: "key" is only for private_key_jwt`, undefined, 'key');
    if (methods.some((m) => m !== 'none' && m !== 'private_key_jwt') && client.secret === undefined) {
      error(['clients', key], `client "${key}" uses ${methods.join(', ')} but has no "secret"`, 'add secret: ${env:NAME} (or auth: none for a public client)', 'key');
    }
  }

  const urlPatterns: [Path, string][] = target.interaction.flatMap((rule, r) => [
    [['interaction', r, 'match'], rule.match] as [Path, string],
    ...(['steps', 'deny'] as const).flatMap((list) => (rule[list] ?? []).flatMap((a, i): [Path, string][] => ('wait' in a && a.wait.url !== undefined ? [[['interaction', r, list, i, 'wait', 'url'], a.wait.url]] : []))),
  ]);
  for (const [path, pattern] of urlPatterns) {
    if (!resolved(path)) continue;
    try {
      urlPattern(pattern);
    } catch (e) {
      const reason = (e as Error).message.replace(/^Invalid regular expression: /, '');
      error(path, `${subjectName(path, naming)} is not a valid regular expression (${reason})`, 'a URL pattern written /.../flags is a regular expression; otherwise a glob: ** any characters, * within a path segment, {a,b} alternatives');
    }
  }

  for (const [path, locator] of locators(target)) {
    for (const field of ['name', 'text'] as const) {
      const value = locator[field];
      if (value === undefined || !resolved([...path, field])) continue;
      try {
        parseTextPattern(value);
      } catch (e) {
        const reason = (e as Error).message.replace(/^Invalid regular expression: /, '');
        error([...path, field], `${subjectName([...path, field], naming)} is not a valid regular expression (${reason})`, 'a value written /.../flags is a regular expression; escape a literal "/" as "\\/"');
      }
    }
  }
  return errors;
}

/** `{{...}}` in fill values and authorization parameters must name a value the profile or the environment has. */
function checkPlaceholders(target: TargetProfile, source: YamlSource, env: NodeJS.ProcessEnv): LoadError[] {
  const values = templateValues(target, env);
  const templated: [Path, string][] = [
    ...Object.entries(target.authorization_params ?? {}).map(([k, v]): [Path, string] => [['authorization_params', k], v]),
    ...Object.entries(target.clients).flatMap(([key, c]) => Object.entries(c.authorization_params ?? {}).map(([k, v]): [Path, string] => [['clients', key, 'authorization_params', k], v])),
    ...locators(target).filter(([, l]) => 'value' in l).map(([path, l]): [Path, string] => [[...path, 'value'], (l as { value: string }).value]),
  ];
  return templated.flatMap(([path, template]) => unknownPlaceholders(template, values).map((key) => errorAt(
    source, path, `{{${key}}} has no value`,
    key.startsWith('env.') ? `set the environment variable ${key.slice(4)}` : key.startsWith('user2.') ? 'add user2: { username, password } to the profile' : key.startsWith('user.') && !target.user ? 'add user: { username, password } to the profile' : 'known: {{user.username}}, {{user.password}}, {{user2.*}}, {{env.NAME}}, {{random}}',
  )));
}

/** A private_key_jwt client's key: present, readable, a private key; its path made absolute. */
function checkClientKey(
  key: string, client: TargetProfile['clients'][string], dir: string, resolved: (path: Path) => boolean,
  error: (path: Path, message: string, hint?: string, where?: 'value' | 'key') => void,
): void {
  if (client.key === undefined) {
    error(['clients', key], `client "${key}" uses private_key_jwt but has no "key"`, 'add key: <file with its private key, a JWK or a PEM>', 'key');
    return;
  }
  if (!resolved(['clients', key, 'key'])) return;
  client.key = path.resolve(dir, client.key);
  try {
    loadClientKey(client.key, client.alg);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message.split('\n')[0];
    error(['clients', key, 'key'], `the key of client "${key}" cannot be used: ${reason} (${client.key})`, 'give a private JWK (JSON, with "d") or a PEM private key');
  }
}

/** Every locator of the interaction rules, with its path. */
function locators(target: TargetProfile): [Path, Locator][] {
  const found: [Path, Locator][] = [];
  target.interaction.forEach((rule, r) => {
    if (rule.when) found.push([['interaction', r, 'when'], rule.when]);
    for (const list of ['steps', 'deny'] as const) {
      (rule[list] ?? []).forEach((action, a) => {
        const path: Path = ['interaction', r, list, a];
        if ('fill' in action) found.push([[...path, 'fill'], action.fill]);
        if ('click' in action) found.push([[...path, 'click'], action.click]);
        if ('check' in action) found.push([[...path, 'check'], action.check]);
        if ('wait' in action && action.wait.visible) found.push([[...path, 'wait', 'visible'], action.wait.visible]);
      });
    }
  });
  return found;
}
