import type { RegisterCommand } from './RegisterCommand.js';
import { registerInfo } from './info.js';
import { registerTour } from './tour.js';

/** Every command, in the order `xent --help` lists them. */
export const commands: readonly RegisterCommand[] = [registerInfo, registerTour];
