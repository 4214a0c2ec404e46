// The config n8n's verification applies; `npm run lint` runs it with --no-inline-config as the scanner does.
import { config } from '@n8n/node-cli/eslint';

export default [...config, { ignores: ['test/**', 'scripts/**', 'harness/**', 'dist/**', '.cache/**', '*.js', '*.mjs'] }];
