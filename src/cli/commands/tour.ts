import type { Command } from 'commander';
import type { CliIo } from '../CliIo.js';
import { tourSections } from '../tour/index.js';

export function registerTour(program: Command, io: CliIo): void {
  program
    .command('tour')
    .description('the story in the terminal: worked examples from each part of xent')
    .action(() => {
      tourSections.forEach((section, i) => {
        const heading = `${i + 1}. ${section.title}`;
        io.out(`${heading}\n${'─'.repeat([...heading].length)}\n${section.render()}\n`);
      });
    });
}
