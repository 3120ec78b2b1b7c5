import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at runtime, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "postgres", "@react-pdf/renderer"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
