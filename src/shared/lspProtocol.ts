// Custom messages between the extension (client) and the language server, each declared once.

/** server -> client: the server finished indexing the workspace's run roots. */
export const SERVER_READY = 'xllm/serverReady';
export interface ServerReadyParams {
  readonly runCount: number;
}

/** Initialization options the client sends. */
export interface XllmInitOptions {
  readonly locale: string;
  readonly manifestGlobs: readonly string[];
  readonly runRootGlobs: readonly string[];
  /** file: URI of docs/diagnostics.md inside the installed extension, for codeDescription links. */
  readonly diagnosticsDocUri: string;
  /** Whether Red Hat's YAML extension is installed: it then reports schema problems of YAML manifests itself. */
  readonly yamlExtension: boolean;
}

/** Client commands that code actions invoke (they need the editor's file system or git). */
export const CLIENT_COMMANDS = {
  saveDiff: 'xllm.saveWorktreeDiff',
  fillCodeFromGit: 'xllm.fillCodeFromGit',
} as const;
