// `finwiz sim-yahoo`: the simulated Yahoo Finance as a standalone server on 127.0.0.1.
import { Command } from 'commander';
import { startYahooSimulator } from '../sim/yahoo-simulator.js';
import { addSimOptions, nonNegativeInteger, simulatorOptions, type SimFlags } from './options.js';

export function simYahooCommand(): Command {
  const command = new Command('sim-yahoo')
    .description('Serve a simulated Yahoo Finance on 127.0.0.1; prints its base URL on the first line, serves until stopped.')
    .option('--port <n>', 'port to listen on (default: any free port)', nonNegativeInteger);
  addSimOptions(command);
  command.addHelpText('after', '\nExample:\n  npx finwiz sim-yahoo --port 8765 --sim-latency-ms 100 --sim-rate-limit 10');
  return command.action(async (flags: SimFlags & { port?: number }) => {
    const simulator = await startYahooSimulator({ ...simulatorOptions(flags), port: flags.port ?? 0 });
    process.stdout.write(`${simulator.url}\n`);
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    await simulator.close();
  });
}
