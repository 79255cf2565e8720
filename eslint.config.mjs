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
        patterns: [{ group: ['cdktf/*', '@cdktf/*'], message: 'Import cdktf and provider classes only inside src/synth/cdk (the adapter); modules create provider classes with ctx.resource(path, …).' }],
      }],
    },
  },
  {
    // A plugin package names provider config types (type-only imports; the classes load through gdp's adapter).
    files: ['examples/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [providerBarrel, { name: 'cdktf', message: 'Plugins create resources through gdp (ctx.resource).', allowTypeImports: true }],
        patterns: [{ group: ['cdktf/*', '@cdktf/*'], message: 'Plugins import provider config types only (import type).', allowTypeImports: true }],
      }],
    },
  },
  {
    files: ['src/synth/cdk/**/*.ts', 'scripts/**/*.ts', 'test/synth/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [providerBarrel] }] },
  },
);
