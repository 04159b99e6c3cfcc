// cdk-nag (AwsSolutions pack): every finding this stack accepts, in one place, each with the
// reason it is accepted. A finding not acknowledged here fails test/lib/nag.test.ts, and the
// synth when context finwiz:nag is true.
import type { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export const nagChecks = (scope: IConstruct): AwsSolutionsChecks => new AwsSolutionsChecks(scope);

export function applyNagSuppressions(_stack: Stack): void {}
