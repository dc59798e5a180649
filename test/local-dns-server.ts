import { createSocket } from "node:dgram";
import type { AddressInfo } from "node:net";
import * as dnsPacket from "dns-packet";

const NXDOMAIN = 3;

/**
 * A real DNS server on 127.0.0.1 (UDP) that answers TXT questions from a table the test edits;
 * other names get NXDOMAIN. Resolvers reach it with setServers([server.address]).
 */
export async function startLocalDnsServer() {
  const txt = new Map<string, string[][]>();
  const socket = createSocket("udp4");
  socket.on("message", (message, peer) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: ignore, as a real server would
    }
    const question = query.questions?.[0];
    const records = question?.type === "TXT" ? txt.get(question.name.toLowerCase()) : undefined;
    const response = dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (records ? 0 : NXDOMAIN),
      questions: query.questions,
      answers: (records ?? []).map((data) => ({ type: "TXT" as const, name: question!.name, ttl: 0, class: "IN" as const, data })),
    });
    socket.send(response, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    /** Publishes TXT records at `name` (each record given as its strings); an empty list removes it. */
    setTxt(name: string, records: string[][]) {
      if (records.length === 0) txt.delete(name.toLowerCase());
      else txt.set(name.toLowerCase(), records);
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
