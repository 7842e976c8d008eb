import { EXIT, type CliCommand } from '../command';
export const sampleWorkspaceCommand: CliCommand = {
  name: 'sample-workspace', summary: { en: 'Write a sample workspace', zh: '生成示例工作区' }, usage: 'sample-workspace <folder>', examples: [], options: {},
  async run() { return EXIT.ok; },
};
