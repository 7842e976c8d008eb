import * as assert from 'node:assert/strict';
import { COMMAND_NAMES, loadCommand, loadCommands } from '../../../src/cli/commands/index';
import { runCli } from '../../../src/cli/main';
import { captureIO } from '../../support/captureIO';

describe('xwf command table (loaded on demand)', () => {
  it('loads each command under the name it answers to, in help order', async () => {
    const commands = await loadCommands();
    assert.deepEqual(commands.map((c) => c.name), COMMAND_NAMES);
    for (const name of COMMAND_NAMES) assert.equal((await loadCommand(name))?.name, name);
    assert.equal(loadCommand('constructor'), undefined);
    assert.equal(loadCommand('nope'), undefined);
  });

  it('lists every command in the help and names an unknown one with the help after it', async () => {
    const help = captureIO('.');
    assert.equal(await runCli(['--help'], help), 0);
    for (const name of COMMAND_NAMES) assert.match(help.stdout(), new RegExp(`^  ${name} `, 'm'));
    const unknown = captureIO('.');
    assert.equal(await runCli(['nope'], unknown), 2);
    assert.match(unknown.stderr(), /unknown command 'nope'[\s\S]*Commands:/);
  });
});
