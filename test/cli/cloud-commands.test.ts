// The cloud commands as a user meets them: registered in `finwiz`, each with help and an
// example, errors as one sentence with the documented exit code.
import { describe, expect, it } from 'vitest';
import { runsCommand } from '../../cli/cloud/runs-command.js';
import { showCommand } from '../../cli/cloud/show-command.js';
import { startCommand } from '../../cli/cloud/start-command.js';
import { uploadCommand } from '../../cli/cloud/upload-command.js';
import { invoke } from './invoke.js';
import { finwiz as runFinwiz } from '../support/spawn-cli.js';

// No AWS account in reach: the commands below must fail before asking AWS anything.
const finwiz = (args: string[]) => runFinwiz(args, { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' });

describe('help', () => {
  const commands = {
    upload: { make: uploadCommand, options: ['--portfolio', '--name', '--stack', '--region', '--bucket'], example: 'npx finwiz upload --portfolio' },
    start: { make: startCommand, options: ['--portfolio', '--session', '--wait', '--out', '--json', '--state-machine-arn'], example: 'npx finwiz start --portfolio' },
    runs: { make: runsCommand, options: ['--limit', '--json', '--local', '--store', '--table'], example: 'npx finwiz runs --local' },
    show: { make: showCommand, options: ['--out', '--open', '--json', '--local', '--store'], example: 'npx finwiz show portfolio-analysis-' },
  };
  for (const [name, { make, options, example }] of Object.entries(commands)) {
    it(`${name} --help lists its options and an example`, async () => {
      const help = await invoke(make(), ['--help']);
      for (const option of options) expect(help.stdout).toContain(option);
      expect(help.stdout).toContain(example);
    });
  }
});

describe('finwiz (the binary)', () => {
  it('lists the cloud commands', async () => {
    const help = await finwiz(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['upload', 'start', 'runs', 'show']) expect(help.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
  });

  it('exits 2 for invalid usage and 1 for a missing store, with one sentence and no stack trace', async () => {
    const mixed = await finwiz(['runs', '--local', '--region', 'eu-west-1']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toBe('finwiz: --local reads the local store and cannot be combined with --region.\n');
    const missing = await finwiz(['show', 'some-run', '--local', '--store', '/nonexistent/store']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('finwiz: There is no local store at /nonexistent/store: run `finwiz run` first, or pass --store with its directory.\n');
    const badPortfolio = await finwiz(['upload', '--portfolio', 'examples/portfolio.csv', '--name', '../escape.csv']);
    expect(badPortfolio.code).toBe(2);
    expect(badPortfolio.stderr).toContain("must not contain '..'");
  });
});
