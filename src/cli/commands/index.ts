// Every subcommand, in the order `xwf --help` lists them. Add one line per new command.
import type { CliCommand } from '../command';
import { runsCommand } from './runs';
import { newRunCommand } from './newRun';
import { collectCommand } from './collect';
import { gateCommand } from './gate';
import { sampleWorkspaceCommand } from './sampleWorkspace';
import { validateCommand } from './validate';
import { mcpCommand } from './mcp';
import { skillsCommand } from './skills';
import { analyzeCommand } from './analyze';
import { compareCommand } from './compare';
import { prEvidenceCommand } from './prEvidence';
import { remoteCommand } from './remote';
import { patchEventsCommand } from './patchEvents';

export const COMMANDS: readonly CliCommand[] = [runsCommand, newRunCommand, sampleWorkspaceCommand, gateCommand, collectCommand, validateCommand, mcpCommand, analyzeCommand, compareCommand, prEvidenceCommand, skillsCommand, remoteCommand, patchEventsCommand];
