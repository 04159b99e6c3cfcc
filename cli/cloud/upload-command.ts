// `finwiz upload`: validate a portfolio file locally, then put it under portfolios/ in the bucket.
import { Command } from 'commander';
import { cloudS3Client } from './aws-clients.js';
import { checkPortfolioFile, putPortfolio } from './portfolio-upload.js';
import { addStackOptions } from './stack-options.js';
import { resolveStack, type StackOptions } from './stack-outputs.js';

interface UploadFlags extends StackOptions {
  portfolio: string;
  name?: string;
}

export function uploadCommand(): Command {
  const command = new Command('upload')
    .description('Check a portfolio file with the same parser as the cloud, then upload it to portfolios/<name> in the bucket; prints the key.')
    .requiredOption('--portfolio <file>', 'portfolio file: .csv or .json (see "Portfolios and execution input" in the README)')
    .option('--name <name>', 'its name under portfolios/ (default: the file name), e.g. main.csv')
    .option('--verbose', 'stack traces on errors');
  addStackOptions(command, ['bucket']);
  command.addHelpText(
    'after',
    '\nExamples:\n  npx finwiz upload --portfolio my-portfolio.csv --name main.csv   # prints portfolios/main.csv\n' +
      '  npx finwiz upload --portfolio examples/portfolio.csv --region eu-west-1',
  );
  return command.action(async (flags: UploadFlags) => {
    const portfolio = await checkPortfolioFile(flags.portfolio, flags.name);
    const { bucket } = await resolveStack(flags, ['bucket']);
    const s3 = cloudS3Client(flags.region);
    try {
      await putPortfolio(s3, bucket, portfolio, flags.region);
    } finally {
      s3.destroy();
    }
    process.stderr.write(`Uploaded ${portfolio.holdings} holdings to s3://${bucket}/${portfolio.key}\n`);
    process.stdout.write(`${portfolio.key}\n`);
  });
}
