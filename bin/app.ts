// The CDK app: `npx cdk synth` / `npx cdk deploy` (see cdk.json).
import { createFinwizApp } from '../lib/finwiz-stack.js';

createFinwizApp();
