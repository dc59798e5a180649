#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the CLI downloads from Prisma's own
// host (unreachable on air-gapped machines). scripts/prisma.mjs points the stock CLI at it with
// PRISMA_SCHEMA_ENGINE_BINARY. It speaks the binary's protocol and runs Prisma's wasm build of
// the same engine (@prisma/schema-engine-wasm) over @prisma/adapter-pg:
//   ENGINE [--datamodels FILE]… --datasource JSON          JSON-RPC 2.0, one message per line
//   ENGINE --datasource JSON cli can-connect-to-database | create-database | drop-database
//   ENGINE --version
import { readFileSync } from "node:fs";
import readline from "node:readline";
import { checkConnection, createCommands, createDatabase, dropDatabase } from "./commands.mjs";
import { loadSchemaEngineWasm, panics } from "./wasm.mjs";

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "cli") args.cli = argv[++i];
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++; // unused
  }
  return args;
}

/** Log lines in the native engine's format: the CLI parses stderr as JSON, one per line. */
const logLine = (level, fields, target = "schema_engine::logger") =>
  `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`;

/** One-shot commands. Errors go to stderr as an ERROR line after a first line (the CLI skips it). */
async function runCli(command, datasource) {
  process.stderr.write(logLine("INFO", { message: `Starting schema engine CLI: ${command}` }, "schema_engine_cli"));
  try {
    if (command === "can-connect-to-database") await checkConnection(datasource.url);
    else if (command === "create-database") await createDatabase(datasource.url);
    else if (command === "drop-database") await dropDatabase(datasource.url);
    else throw new Error(`Unknown CLI command: ${command}`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(logLine("ERROR", { is_panic: false, error_code: error.code ?? "", message: error.message }));
    process.exit(1);
  }
}

/** The JSON-RPC server the CLI drives for everything else. */
function serve({ datasource, datamodels }) {
  const write = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  const pendingPrints = new Map();
  let nextPrintId = 1;
  // Requests run one at a time: the CLI sends them sequentially, and it keeps the engine simple.
  let queue = Promise.resolve();
  let current; // the request in flight, to answer if the wasm engine panics

  const commands = createCommands({
    datasource,
    datamodels: datamodels.map((file) => [file, readFileSync(file, "utf8")]),
    log: (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`),
    print: (content) =>
      new Promise((resolve) => {
        const id = `print-${nextPrintId++}`;
        pendingPrints.set(id, resolve);
        write({ id, method: "print", params: { content } });
      }),
  });

  const errorResponse = (error) => {
    if (error.rpcCode) return { code: error.rpcCode, message: error.message };
    return {
      code: 4466,
      message: "An error happened. Check the data field for details.",
      data: { is_panic: false, message: error.message, meta: error.meta ?? null, error_code: error.code ?? null },
    };
  };

  // A wasm panic surfaces as a RuntimeError ("unreachable"), often thrown from inside the
  // engine's own promise callbacks, so it may never reject the call: answer it here, then exit
  // like the native engine (code 101) — the wasm instance is unusable after a panic.
  const onPanic = async (error) => {
    const message = panics.last ?? String(error?.stack ?? error);
    process.stderr.write(logLine("ERROR", { is_panic: true, message }));
    if (current !== undefined) write({ id: current, error: { code: 4466, message, data: { is_panic: true, message } } });
    await commands.cleanUp().catch(() => {});
    process.exit(101);
  };
  process.on("uncaughtException", onPanic);
  process.on("unhandledRejection", onPanic);

  const handle = async ({ id, method, params }) => {
    current = id;
    try {
      write({ id, result: (await commands.handle(method, params)) ?? null });
    } catch (error) {
      if (panics.last || error instanceof WebAssembly.RuntimeError) return onPanic(error);
      write({ id, error: errorResponse(error) });
    } finally {
      current = undefined;
    }
  };

  readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
    .on("line", (line) => {
      if (!line.trim()) return;
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        write({ id: null, error: { code: -32700, message: "Parse error" } });
        return;
      }
      if (message.method === undefined) {
        pendingPrints.get(message.id)?.();
        pendingPrints.delete(message.id);
      } else {
        queue = queue.then(() => handle(message));
      }
    })
    // The CLI ends stdin when it is done with the engine.
    .on("close", () => queue.then(() => process.exit(0)));
}

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  const wasm = await loadSchemaEngineWasm();
  process.stdout.write(`schema-engine-cli ${wasm.version()}\n`);
} else if (args.cli) {
  await runCli(args.cli, args.datasource ?? {});
} else {
  serve(args);
}
