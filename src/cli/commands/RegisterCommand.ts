import type { Command } from 'commander';
import type { CliIo } from '../CliIo.js';

/** A CLI command adds itself to the program; its action prints through `io`. */
export type RegisterCommand = (program: Command, io: CliIo) => void;
