// Loads Prisma's wasm build of the schema engine (@prisma/schema-engine-wasm).
//
// The package's own entry does `import * as wasm from "./schema_engine_bg.wasm"`, which needs
// the ESM-integration proposal that Node 20 doesn't have; so we instantiate the module ourselves
// with its generated JS glue as the import object, exactly as that entry would.
import { readFile } from "node:fs/promises";

/** The panic message of the last wasm panic (the glue reports it through this global). */
export const panics = { last: null };

let loading;

/** @returns {Promise<typeof import("@prisma/schema-engine-wasm")>} */
export function loadSchemaEngineWasm() {
  loading ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message) {
        panics.last = message;
      },
    };
    const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import(glueUrl);
    const bytes = await readFile(new URL("schema_engine_bg.wasm", glueUrl));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return loading;
}
