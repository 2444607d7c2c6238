/**
 * Start-up of the CLI: how long `xent --version`, `xent info --p 0.5,0.5` and a 1-byte
 * `xent compress FILE -o OUT` take against `node -e 0` (Node's own start-up, the floor)
 * on the same Node, for Node 20 (`node`) and Node 24 (node_modules/node24). Each command
 * runs pinned to CPU 0 (`taskset -c 0`), in interleaved rounds (one run of each per round)
 * after one warm-up round, so a busy spell slows all of them alike; bash's `time` gives
 * each run's elapsed and CPU time (user + system) to the millisecond. The JSON has the
 * medians and each command's ratio to `node -e 0`; a ratio is the figure to read, the
 * milliseconds depend on the machine and its load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasTaskset } from '../affinity.js';
import { log, type BenchCase, type BenchResult } from '../BenchResult.js';
import { benchRoots } from '../benchAssets.js';
import { median, round3 } from '../timing.js';

/** At least this many runs of each command, whatever --reps says. */
export const STARTUP_RUNS = 21;

export interface StartupCommand {
  name: 'node -e 0' | 'xent --version' | 'xent info' | 'xent compress (1 byte)';
  wallMs: number;
  cpuMs: number;
  /** Medians ÷ those of `node -e 0`. */
  wallRatio: number;
  cpuRatio: number;
}

export interface StartupNode {
  node: string;
  version: string;
  commands: StartupCommand[];
}

export function startupCase(): BenchCase {
  return {
    name: 'startup',
    title: 'CLI start-up against node -e 0 (Node 20 and 24, CPU 0)',
    async run({ reps }) {
      const runs = Math.max(reps, STARTUP_RUNS);
      const { root: repoRoot } = benchRoots();
      const bin = join(repoRoot, 'bin', 'xent.js');
      const work = mkdtempSync(join(tmpdir(), 'xent-startup-'));
      try {
        const input = join(work, 'one.bin');
        writeFileSync(input, 'a');
        // The Node running the bench, and Node 24 unless that is the one running it.
        const node24 = join(repoRoot, 'node_modules', 'node24', 'bin', 'node');
        const nodes = [
          [`node ${process.versions.node.split('.')[0]}`, process.execPath],
          ['node 24', node24],
        ].filter(([, path], i) => existsSync(path) && (i === 0 || !process.versions.node.startsWith('24.')));
        const results: StartupNode[] = nodes.map(([name, node]) => measureNode(name, node, bin, input, join(work, 'one.xent'), runs));
        return { case: 'startup', clock: 'wall', runs, pinned: hasTaskset(), loadAverage: loadavg().map((x) => round3(x)), nodes: results } as unknown as BenchResult;
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

function measureNode(name: string, node: string, bin: string, input: string, output: string, runs: number): StartupNode {
  const commands: [StartupCommand['name'], string[]][] = [
    ['node -e 0', [node, '-e', '0']],
    ['xent --version', [node, bin, '--version']],
    ['xent info', [node, bin, 'info', '--p', '0.5,0.5']],
    ['xent compress (1 byte)', [node, bin, 'compress', input, '-o', output]],
  ];
  const samples = commands.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let round = -1; round < runs; round++) {
    commands.forEach(([, argv], i) => {
      const t = timeOnce(argv);
      if (round >= 0) {
        samples[i].wall.push(t.wallMs);
        samples[i].cpu.push(t.cpuMs);
      }
    });
  }
  const floor = { wall: median(samples[0].wall), cpu: median(samples[0].cpu) };
  const result = commands.map(([command], i): StartupCommand => {
    const wallMs = median(samples[i].wall);
    const cpuMs = median(samples[i].cpu);
    return { name: command, wallMs: round3(wallMs)!, cpuMs: round3(cpuMs)!, wallRatio: round3(wallMs / floor.wall)!, cpuRatio: round3(cpuMs / floor.cpu)! };
  });
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  log(`startup ${name} ${version}: ${result.map((c) => `${c.name} ${c.wallMs.toFixed(0)} ms (${c.wallRatio.toFixed(2)}×, cpu ${c.cpuRatio.toFixed(2)}×)`).join(', ')}`);
  return { node: name, version, commands: result };
}

/** One run under bash's `time`: elapsed, user and system seconds to the millisecond. */
function timeOnce(argv: string[]): { wallMs: number; cpuMs: number } {
  const pin = hasTaskset() ? 'taskset -c 0 ' : '';
  const script = `TIMEFORMAT='%3R %3U %3S'; time ${pin}"$@" > /dev/null`;
  const r = spawnSync('bash', ['-c', script, 'startup', ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const [real, user, system] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wallMs: 1000 * real, cpuMs: 1000 * (user + system) };
}

// `node bench/cases/startup.js` (compiled) runs the case alone and prints its JSON.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  void startupCase()
    .run({ reps: STARTUP_RUNS, clock: 'wall' })
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
