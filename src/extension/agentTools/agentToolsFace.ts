// Agents in the editor: the language-model tools and the Install Agent Skills command, from one registration line.
import type * as vscode from 'vscode';
import { registerInstallSkillsCommand } from './installSkillsCommand';
import { registerLanguageModelTools } from './languageModelTools';

export function registerAgentTools(): vscode.Disposable[] {
  return [...registerLanguageModelTools(), ...registerInstallSkillsCommand()];
}
