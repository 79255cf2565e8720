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
      // cdktf is archived upstream: every cdktf and provider import stays behind the adapter (src/synth/cdk).
      'no-restricted-imports': ['error', {
        paths: [providerBarrel, { name: 'cdktf', message: 'Import cdktf only inside src/synth/cdk (the adapter).' }],
        patterns: [{ group: ['@cdktf/provider-google/*'], message: 'Import provider classes only inside src/synth/cdk (the adapter).' }],
      }],
    },
  },
  {
    files: ['src/synth/cdk/**/*.ts', 'scripts/**/*.ts', 'test/synth/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [providerBarrel] }] },
  },
);
