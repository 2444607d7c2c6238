import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { neuronPresetSettings } from '../../experiments/neuronFigure.js';
import { trainNeuron, type NeuronSettings } from '../../nn/neuron.js';
import { runCli } from '../runCli.js';

// `xent neuron --csv` streams its rows: the same bytes as the whole trace printed at once,
// in bounded memory for a million epochs, and a closed pipe still ends it with 141.

const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;

/** The CSV of whole traces, as trainNeuron holds them. */
function wholeCsv(settings: readonly NeuronSettings[]): string {
  const lines = ['cost,eta,w0,b0,x,y,epoch,w,b,z,a,C,dCdz'];
  for (const run of settings.map((s) => trainNeuron(s))) {
    const head = [run.cost, run.eta, run.w0, run.b0, run.x, run.y].join(',');
    for (const r of run.trace) lines.push(`${head},${[r.epoch, r.w, r.b, r.z, r.a, r.cost, r.dCdz].join(',')}`);
  }
  return lines.join('\n') + '\n';
}

const both = (epochs: number, w = 0.6, b = 0.9): NeuronSettings[] =>
  (['quadratic', 'cross-entropy'] as const).map((cost) => ({ cost, w, b, eta: 0.15, epochs, x: 1, y: 0 }));

describe('neuron --csv streams its rows', () => {
  it('in-process, the same text as the whole traces', async () => {
    expect((await runCli(['neuron', '--epochs', '7', '--csv'])).stdout).toBe(wholeCsv(both(7)));
    expect((await runCli(['neuron', '--preset', 'seed', '--epochs', '5', '--csv'])).stdout).toBe(wholeCsv(neuronPresetSettings('seed', 5)));
  });

  it('through a pipe, across many pieces, the same bytes as the whole traces', () => {
    const r = spawnSync(process.execPath, [bin, 'neuron', '--epochs', '3000', '--w', '2', '--b', '2', '--csv'], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(wholeCsv(both(3000, 2, 2)));
  });

  it('10^6 epochs in the peak memory of 10^3, under a watchdog', async () => {
    // GNU time reports the child's peak resident set; prlimit caps its writable memory.
    // Node's own footprint differs from one release line to the next, so the bound is
    // relative. Streamed, the garbage of 10^6 rows lifts the peak by 70–90 MB before the
    // collector catches up; holding the trace (the CSV alone is over 200 MB; whole, the
    // run took 2 GB) would lift it by far more than 160 MB.
    const run = async (epochs: number) => {
      const child = spawn('/usr/bin/time', ['-f', 'peak %M', 'prlimit', `--data=${2 ** 31}`, process.execPath, bin, 'neuron', '--epochs', String(epochs), '--csv'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const watchdog = setTimeout(() => child.kill('SIGKILL'), 90_000);
      let bytes = 0;
      let tail = '';
      child.stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        tail = (tail + chunk.toString('latin1')).slice(-200);
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      clearTimeout(watchdog);
      expect(code).toBe(0);
      const peakKb = Number(/peak (\d+)/.exec(stderr)?.[1]);
      expect(peakKb).toBeGreaterThan(0);
      return { bytes, tail, peakKb };
    };
    const small = await run(1000);
    const large = await run(1_000_000);
    expect(large.tail).toMatch(/\ncross-entropy,0\.15,0\.6,0\.9,1,0,1000000,[^\n]+\n$/);
    expect(large.bytes).toBeGreaterThan(2_000_000 * 100);
    expect(large.peakKb - small.peakKb).toBeLessThan(160 * 1024);
  }, 180_000);

  it('a reader that leaves early ends it with 141 and nothing on stderr', async () => {
    const child = spawn(process.execPath, [bin, 'neuron', '--epochs', '1000000', '--csv'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    clearTimeout(watchdog);
    expect(signal).toBeNull();
    expect(code).toBe(128 + constants.signals.SIGPIPE);
    expect(stderr).toBe('');
  }, 60_000);
});
