import { generateKeyPairSync } from 'node:crypto';
import { constants, closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { invalidInput } from '../../errors.ts';
import { fingerprintOf, formatHead, publicKeyDer } from '../../record/seal.ts';
import { storageError } from '../../store/storageError.ts';
import type { CliContext } from '../context.ts';
import { printJson } from './shared.ts';
import { declareCommand, value, jsonOutput, optionalArgument } from '../declareCommand.ts';

/**
 * `irp seal <incident> --key <file>`: signs the record's head with an Ed25519 key kept outside the state folder.
 * `irp seal --new-key <file>`: makes such a key (the private key 0600, the public key beside it as `<file>.pub`).
 */
const seal = declareCommand({
  words: ['seal'],
  description: "sign the record's head with an Ed25519 key kept outside the state folder (or make such a key)",
  arguments: [optionalArgument('incident', 'incident id')],
  options: {
    key: value('file', 'the private key (PEM)'),
    newKey: value('file', 'make a key pair: <file> (private, 0600) and <file>.pub'),
    json: jsonOutput,
  },
  sandbox: 'on-demand',
  async run(context, [incident], options) {
    if (options.newKey !== undefined) return newKey(context, options.newKey);
    if (incident === undefined) throw invalidInput('incident', 'missing', 'Name the incident to seal: irp seal <incident> --key <file>.');
    if (options.key === undefined) throw invalidInput('--key', 'missing', 'Give the private key: irp seal <incident> --key <file> (make one with irp seal --new-key <file>).');
    const keyFile = resolve(options.key);
    refuseInside(context.stateDir, keyFile, 'The seal key');
    let pem: string;
    try {
      pem = readFileSync(keyFile, 'utf8');
    } catch (error) {
      throw storageError(error, keyFile, 'read the key') as Error;
    }
    const made = await context.irp.seal(incident, pem);
    const fingerprint = fingerprintOf(Buffer.from(made.publicKey, 'base64'));
    if (context.json) return printJson(context, { ...made, fingerprint });
    context.out(`Sealed ${incident} at ${formatHead({ count: made.count, hash: made.head })} with key ${fingerprint}.`);
    context.out(`Anyone can check it: irp verify ${incident} --trust ${fingerprint}`);
  },
});

function newKey(context: CliContext, file: string): void {
  const path = resolve(file);
  refuseInside(context.stateDir, path, 'A seal key');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeNew(path, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
  writeNew(`${path}.pub`, publicKey.export({ type: 'spki', format: 'pem' }) as string, 0o644);
  const fingerprint = fingerprintOf(publicKeyDer(privateKey));
  if (context.json) return printJson(context, { privateKey: path, publicKey: `${path}.pub`, fingerprint });
  context.out(`Made a seal key: ${path} (private: keep it away from the state folder and its backups) and ${path}.pub.`);
  context.out(`Its fingerprint is ${fingerprint}: give it to whoever will check the seals.`);
}

/** A key inside the state folder would travel with the records it is meant to vouch for. */
export function refuseInside(stateDir: string, path: string, what: string): void {
  const within = relative(resolve(stateDir), path);
  if (!within.startsWith('..') && !within.startsWith('/')) {
    throw invalidInput(what, 'inside-state-folder', `${what} ${path} is inside the state folder ${stateDir}; keep it elsewhere, or a person who can change the records could also make seals.`);
  }
}

function writeNew(path: string, text: string, mode: number): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    writeSync(fd, text);
  } catch (error) {
    throw storageError(error, path, 'write the new key to') as Error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export default seal;
