// Lint for every TypeScript file; the structural limits (function length, nesting, complexity) apply to
// the code that ships and the scripts, not to test suites, whose describe blocks are tables of cases.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: [".scratch/**", "dist/**", "node_modules/**", "policy-pack/bin/**", "policy-pack/node_modules/**", "examples/**", ".engine-bin/**", "**/*.js", "**/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    prettier,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-require-imports": "off",
        },
    },
    {
        files: ["components/**/*.ts", "rules/**/*.ts", "cli/**/*.ts", "synth/**/*.ts", "account/**/*.ts", "policy-pack/**/*.ts", "testing/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "tests/support/**/*.ts", "*.ts"],
        ignores: ["**/*.test.ts"],
        rules: {
            "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
            "max-depth": ["error", 4],
            complexity: ["error", 20],
        },
    },
);
