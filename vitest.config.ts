import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests run against a real PostgreSQL: test/setup/global-setup.ts starts one server
// and a migrated template database; test/setup/database.ts gives every test file its own copy.
export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: path.resolve(import.meta.dirname, "src") },
      // graphql 16 ships CJS and ESM copies; Node loads the CJS one for graphql-yoga and armor, so
      // our code must too, or a schema from one copy is "from another realm" to the other.
      { find: /^graphql$/, replacement: path.resolve(import.meta.dirname, "node_modules/graphql/index.js") },
    ],
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "prisma/**/*.test.ts", "inngest/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**", ".next/**", ".data/**"],
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/database.ts"],
    // Each file runs in its own process with its own database, so files may run side by side;
    // two workers match the two cores of the CI machines.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
