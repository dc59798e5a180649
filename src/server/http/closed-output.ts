/**
 * When whatever reads the server's logs goes away (the terminal closed, the supervisor or the pipe
 * died), every write to stdout or stderr fails with EPIPE. Unhandled, each such failure is an
 * uncaught exception, which is logged, which fails again: the server would spin at full CPU
 * writing errors about writing errors. Logs with nowhere to go are dropped instead; the server
 * keeps serving. server.ts installs this first thing.
 */
export function dropLogsWithNowhereToGo(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}
