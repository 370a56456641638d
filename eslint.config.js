// ESLint 9 flat config: typescript-eslint's recommended rules, plus the layer rule of this repository
// (imports point down the layers of src/: eslint/layers.mjs, docs/architecture.md). CI runs `npm run lint`.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { checkImport } from './eslint/layers.mjs';

const srcRoot = fileURLToPath(new URL('./src', import.meta.url));

/** `layers/imports-point-down`: a module under src/ may not import from a higher layer. */
const layers = {
  rules: {
    'imports-point-down': {
      meta: { type: 'problem', docs: { description: 'imports point down the layers of src/ (docs/architecture.md)' }, schema: [] },
      create(context) {
        const check = (node, source) => {
          if (!source || typeof source.value !== 'string') return;
          const message = checkImport(srcRoot, context.filename, source.value);
          if (message) context.report({ node: source, message });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.cache/', 'coverage/', 'bench/', 'data/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly' } },
    plugins: { layers },
    rules: {
      // Errors: the layer rule and correctness. Warnings: style findings in code that predates the linter
      // (fix them as the files are touched; `npm run lint` passes with warnings).
      'layers/imports-point-down': 'error',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-this-alias': 'warn',
      'no-useless-escape': 'warn',
      'no-loss-of-precision': 'warn',
    },
  },
);
