import { Command, Help } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

const zhTerms = (s: string) => s.replace('[options]', '[选项]').replace('[command]', '[命令]');

/** Commander's help in Chinese: section titles translated, help option and command renamed. */
export function localizeHelp(cmd: Command): Command {
  cmd.configureHelp({
    styleTitle: (s: string) => TITLES[s] ?? s,
    styleUsage: zhTerms,
    styleSubcommandTerm: zhTerms,
    // CJK characters take two terminal columns; commander counts one, which misaligns the columns.
    displayWidth: (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffef]/.test(ch) ? 2 : 1), 0),
    showGlobalOptions: true,
  } as Partial<Help>);
  cmd.helpOption('-h, --help', '显示帮助');
  if (!cmd.parent) cmd.helpCommand('help [命令]', '显示某个命令的帮助');
  return cmd;
}

/** Commander's own parse errors, in Chinese. */
export function translateCommanderError(code: string, message: string): string {
  const quoted = message.match(/'([^']+)'/)?.[1] ?? '';
  switch (code) {
    case 'commander.unknownOption':
      return `未知选项 ${quoted}。用 --help 查看可用选项。`;
    case 'commander.unknownCommand':
      return `未知命令 ${quoted}。用 zwgk --help 查看全部命令。`;
    case 'commander.missingArgument':
      return `缺少参数 ${quoted}。用 --help 查看用法。`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted} 需要一个值。`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${quoted}。`;
    case 'commander.excessArguments':
      return `参数过多。用 --help 查看用法。`;
    case 'commander.invalidArgument':
      return `参数无效：${message.replace(/^error: /, '')}`;
    default:
      return message.replace(/^error: /, '');
  }
}
