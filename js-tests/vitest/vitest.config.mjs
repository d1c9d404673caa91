// The Workers Vitest integration as the edge package's README shows it: the
// project's wrangler config (it gives workerd's rule for `.wasm` imports,
// which the package's workerd entry needs).
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })],
});
