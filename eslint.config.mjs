// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const providerBarrel = { name: '@cdktf/provider-google', message: 'Import provider classes by deep path (lib/<resource>), and only inside src/synth/cdk.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-tools/', 'cdktf.out/', 'coverage/', 'bench/tmp/', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // cdktf is archived upstream: every cdktf and provider class is loaded behind the adapter (src/synth/cdk).
      // Module types (built in or plugins) may name provider config types: `import type` loads no code.
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [providerBarrel, { name: 'cdktf', message: 'Import cdktf only inside src/synth/cdk (the adapter); elsewhere `import type` only.', allowTypeImports: true }],
        patterns: [{ group: ['cdktf/*', '@cdktf/*'], message: 'Load cdktf and provider classes only inside src/synth/cdk (the adapter); modules create them with ctx.resource(path, …) and may `import type` their configs.', allowTypeImports: true }],
      }],
    },
  },
  {
    files: ['src/synth/cdk/**/*.ts', 'scripts/**/*.ts', 'test/synth/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [providerBarrel] }] },
  },
);
