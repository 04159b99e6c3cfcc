import { defineConfig } from 'vitest/config';

// Three suites: `unit` runs on a fresh clone; `recorded` reads the real recorded responses
// in ../shared/fixtures, which only the team's machines have; `browser` opens report.html in
// headless Chromium (Debian's `chromium`, or CHROMIUM_PATH).
export default defineConfig({
  test: {
    // The SDK's notice that its 2027 releases need Node 22 says nothing about this code.
    // EMF metrics are stdout lines for CloudWatch: off in tests, except the test that reads them.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/recorded/**', 'test/browser/**'],
          // Hang guards, not speed targets: whole-flow runs share two cores with each other.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'recorded',
          include: ['test/recorded/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
