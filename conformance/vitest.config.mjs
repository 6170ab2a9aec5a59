import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["conformance.test.mjs"],
    testTimeout: 60000,
    hookTimeout: 60000,
  },
})
