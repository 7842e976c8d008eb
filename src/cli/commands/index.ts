// Every subcommand, in the order `xwf --help` lists them. Add one line per new command.
// Loaded on demand: a call initialises only the modules its command needs (start-up is part of every call).
import type { CliCommand } from '../command';

const LOADERS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  runs: () => import('./runs').then((m) => m.runsCommand),
  'new-run': () => import('./newRun').then((m) => m.newRunCommand),
  'sample-workspace': () => import('./sampleWorkspace').then((m) => m.sampleWorkspaceCommand),
  gate: () => import('./gate').then((m) => m.gateCommand),
  collect: () => import('./collect').then((m) => m.collectCommand),
  validate: () => import('./validate').then((m) => m.validateCommand),
  mcp: () => import('./mcp').then((m) => m.mcpCommand),
  analyze: () => import('./analyze').then((m) => m.analyzeCommand),
  compare: () => import('./compare').then((m) => m.compareCommand),
  'pr-evidence': () => import('./prEvidence').then((m) => m.prEvidenceCommand),
  skills: () => import('./skills').then((m) => m.skillsCommand),
  remote: () => import('./remote').then((m) => m.remoteCommand),
  'patch-events': () => import('./patchEvents').then((m) => m.patchEventsCommand),
};

/** Command names in help order. */
export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

/** The command called `name`, or undefined when there is none. */
export function loadCommand(name: string): Promise<CliCommand> | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : undefined;
}

/** Every command, in help order (for the help listing and generated skills). */
export function loadCommands(): Promise<CliCommand[]> {
  return Promise.all(COMMAND_NAMES.map((n) => LOADERS[n]()));
}
