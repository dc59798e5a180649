import { readFileSync } from "node:fs";
import { TypeInfo, buildSchema, parse, visit, visitWithTypeInfo, type EnumValueNode } from "graphql";
import { describe, expect, it } from "vitest";
import {
  CREATE_TRACKER_WEBHOOK,
  NEWEST_TICKETS,
  SUBMIT_COMMENT,
  SUBMIT_TICKET,
  TICKET,
  TRACKER_ACCESS,
  TRACKER_WEBHOOK_EVENTS,
  TRACKER_WEBHOOK_QUERY,
  VIEWER,
  createLabels,
  trackerLookup,
  updateTicket,
  type Operation,
} from "../issue-sync/operations";
import { TODO_SCHEMA_FILE, todoSchema } from "../issue-sync/todo-schema";
import { MAX_COMPLEXITY, checkOperation } from "./contract";

/**
 * The vendored todo.sr.ht schema builds, and every document the SourceHut issue sync sends — each
 * fixed operation and each builder at several sizes, with the variables the tracker sends — is
 * valid against it (graphql's `validate`, the variables coerced to the operation's types), within
 * sr.ht's complexity limit, and names the grants its fields need (`@access`). The gate refuses
 * what sr.ht would, naming why.
 */

const where = { owner: "alice", tracker: "widgets" };
const labels = (prefix: string, n: number, value: (i: number) => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, value(i)]));

/** Each operation the tracker sends, with variables as the tracker builds them. */
function samples(): [Operation, Record<string, unknown>][] {
  const list: [Operation, Record<string, unknown>][] = [
    [VIEWER, {}],
    [TRACKER_ACCESS, where],
    [TICKET, { ...where, id: 12 }],
    [NEWEST_TICKETS, where],
    [SUBMIT_TICKET, { trackerId: 3, input: { subject: "Checkout is slow", body: "p95 went up.\n\n<!-- switchboard:request=x -->" } }],
    [SUBMIT_COMMENT, { trackerId: 3, ticketId: 12, input: { text: "Rolled back." } }],
    [CREATE_TRACKER_WEBHOOK, { trackerId: 3, config: { url: "https://switchboard.example/api/hooks/hk_1", events: [...TRACKER_WEBHOOK_EVENTS], query: TRACKER_WEBHOOK_QUERY } }],
  ];
  for (const ticket of [false, true]) {
    for (const n of [0, 1, 3]) list.push([trackerLookup({ ticket, labels: n }), { ...where, ...(ticket ? { id: 12 } : {}), ...labels("label", n, (i) => `P${i}`) }]);
  }
  for (const n of [1, 3]) list.push([createLabels(n), { trackerId: 3, foreground: "#FFFFFF", background: "#6A737D", ...labels("name", n, (i) => `label ${i}`) }]);
  const statuses = [{ status: "RESOLVED", resolution: "FIXED" }, { status: "RESOLVED", resolution: "WONT_FIX" }, { status: "REPORTED" }];
  for (const [edit, status, remove, add] of [[true, 0, 0, 0], [false, 1, 0, 0], [false, 2, 0, 0], [false, 0, 1, 2], [true, 3, 2, 1]] as const) {
    const variables = {
      trackerId: 3,
      ticketId: 12,
      ...(edit ? { input: { subject: "New", body: "Body" } } : {}),
      ...(status ? { status: statuses[status - 1] } : {}),
      ...labels("remove", remove, (i) => 10 + i),
      ...labels("add", add, (i) => 20 + i),
    };
    list.push([updateTicket({ edit, status: status > 0, remove, add }), variables]);
  }
  return list;
}

/** The grants the schema's `@access` asks for the fields an operation selects ("TICKETS:RW", …). */
function requiredGrants(text: string): string[] {
  const schema = todoSchema();
  const typeInfo = new TypeInfo(schema);
  const grants = new Set<string>();
  visit(
    parse(text),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const access = typeInfo.getFieldDef()?.astNode?.directives?.find((d) => d.name.value === "access");
        const arg = (name: string) => (access?.arguments?.find((a) => a.name.value === name)?.value as EnumValueNode | undefined)?.value;
        if (access) grants.add(`${arg("scope")}:${arg("kind")}`);
      },
    }),
  );
  return [...grants].sort();
}

describe("the vendored todo.sr.ht schema", () => {
  it("builds, and says where it comes from", () => {
    const text = readFileSync(TODO_SCHEMA_FILE, "utf8");
    expect(text).toMatch(/^# Vendored by scripts\/sourcehut-sdl\.mjs/);
    expect(text).toMatch(/from https:\/\/github\.com\/jsoref\/todo\.sr\.ht at commit [0-9a-f]{40};/);
    expect(text).toMatch(/last changed upstream by [0-9a-f]{40} \(\d{4}-\d{2}-\d{2}\)/);
    const schema = buildSchema(text);
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    for (const name of ["submitTicket", "updateTicket", "updateTicketStatus", "submitComment", "labelTicket", "unlabelTicket", "createLabel", "createTrackerWebhook"]) expect(mutations).toContain(name);
  });
});

describe("what the SourceHut issue sync sends", () => {
  it("validates against the schema, variables included, every operation and builder size", () => {
    const problems: string[] = [];
    for (const [operation, variables] of samples()) {
      const verdict = checkOperation({ query: operation.text, variables, operationName: operation.name });
      if (!verdict.ok) problems.push(`${operation.name}: ${verdict.errors.map((e) => e.message).join("; ")}`);
      else if (verdict.operationName !== operation.name) problems.push(`${operation.name} is named ${verdict.operationName} in its text`);
    }
    expect(problems).toEqual([]);
    expect(samples().length).toBeGreaterThanOrEqual(20);
  });

  it("registers a webhook query that validates, in the webhook's own terms", () => {
    expect(checkOperation({ query: TRACKER_WEBHOOK_QUERY })).toMatchObject({ ok: true, kind: "query", fields: ["webhook"] });
    expect(requiredGrants(TRACKER_WEBHOOK_QUERY)).toEqual(["PROFILE:RO", "TICKETS:RO", "TRACKERS:RO"]);
  });

  it("names the grants the schema's @access asks for, in each operation", () => {
    const missing: string[] = [];
    for (const [operation] of samples()) {
      for (const grant of requiredGrants(operation.text)) {
        const [scope, kind] = grant.split(":");
        if (!operation.grants.includes(grant) && !(kind === "RO" && operation.grants.includes(`${scope}:RW`))) missing.push(`${operation.name} needs ${grant}, says "${operation.grants}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("never builds an empty mutation", () => {
    expect(() => updateTicket({ edit: false, status: false, remove: 0, add: 0 })).toThrow("at least one change");
  });
});

describe("the SourceHut fake's contract gate", () => {
  const gate = (query: string, variables: Record<string, unknown> = {}, operationName?: string) => checkOperation({ query, variables, operationName });
  const messages = (verdict: ReturnType<typeof checkOperation>) => (verdict.ok ? [] : verdict.errors.map((e) => `${e.extensions.code}: ${e.message}`));

  it("refuses what sr.ht refuses, naming why", () => {
    expect(messages(gate("query { me { canonicalName login } }"))).toEqual(['GRAPHQL_VALIDATION_FAILED: Cannot query field "login" on type "User".']);
    expect(messages(gate(TICKET.text, { ...where, id: "12" }))).toEqual(['GRAPHQL_VALIDATION_FAILED: Variable "$id" got invalid value "12"; Int cannot represent non-integer value: "12"']);
    expect(messages(gate(TICKET.text, where))).toEqual(['GRAPHQL_VALIDATION_FAILED: Variable "$id" of required type "Int!" was not provided.']);
    const closing = gate(updateTicket({ edit: false, status: true, remove: 0, add: 0 }).text, { trackerId: 1, ticketId: 1, status: { status: "CLOSED" } });
    expect(messages(closing)).toEqual([expect.stringContaining('Value "CLOSED" does not exist in "TicketStatus" enum.')]);
    const untitled = gate(SUBMIT_TICKET.text, { trackerId: 1, input: { body: "no subject" } });
    expect(messages(untitled)).toEqual([expect.stringContaining('Field "subject" of required type "String!" was not provided.')]);
    expect(messages(gate("mutation { submitTicket(trackerId: 1, input: {subject: \"x\"}, labels: [1]) { id } }"))).toEqual([
      'GRAPHQL_VALIDATION_FAILED: Unknown argument "labels" on field "Mutation.submitTicket".',
    ]);
    expect(messages(gate("query { me { canonicalName }"))).toEqual([expect.stringMatching(/^GRAPHQL_PARSE_FAILED: Syntax Error: Expected Name, found <EOF>\./)]);
    expect(messages(gate("query A { me { canonicalName } } query B { version { major } }"))).toEqual([
      "GRAPHQL_VALIDATION_FAILED: operation name is required when the document holds several operations",
    ]);
    expect(messages(gate(VIEWER.text, {}, "Nope"))).toEqual(["GRAPHQL_VALIDATION_FAILED: operation Nope not found"]);
  });

  it("refuses an operation over sr.ht's complexity limit", () => {
    const fields = Array.from({ length: MAX_COMPLEXITY }, (_, i) => `f${i}: canonicalName`).join(" ");
    expect(messages(gate(`query { me { ${fields} } }`))).toEqual([`COMPLEXITY_LIMIT_EXCEEDED: operation has complexity ${MAX_COMPLEXITY + 1}, which exceeds the limit of ${MAX_COMPLEXITY}`]);
  });

  it("lets correct operations through, naming their top-level fields", () => {
    const update = updateTicket({ edit: true, status: true, remove: 1, add: 1 });
    const verdict = gate(update.text, { trackerId: 1, ticketId: 2, input: { body: null }, status: { status: "REPORTED" }, remove0: 3, add0: 4 });
    expect(verdict).toMatchObject({ ok: true, kind: "mutation", operationName: "UpdateTicket", fields: ["updateTicket", "updateTicketStatus", "unlabelTicket", "labelTicket"] });
  });
});
