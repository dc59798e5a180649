import { GraphQLObjectType, buildSchema, defaultFieldResolver, execute, parse, type DocumentNode, type EnumValueNode, type GraphQLSchema } from "graphql";
import { todoSchemaText } from "../issue-sync/todo-schema";
import { checkOperation } from "./contract";
import { FakeTodoError, type TicketStatus, type TodoState } from "./fake-todo-state";
import { eventView, hookView, labelView, payloadView, ticketView, userView, visibleTracker, type GraphContext, type Viewer } from "./fake-todo-views";

/**
 * The fake todo.sr.ht's GraphQL execution: the vendored schema made executable with graphql-js,
 * the root fields and mutations below acting on the world (fake-todo-state.ts) with sr.ht's own
 * checks and messages (api/graph/schema.resolvers.go), and the schema's directives enforced as
 * core-go enforces them: `@access(scope, kind)` needs that grant on the token ("Access denied for
 * invalid auth method"), read-only in a webhook's query; `@internal` is never allowed. Answers are
 * shaped as gqlgen shapes them: `errors` (message, path, core-go's `field` extension) before
 * `data`, and a non-null field left null says "must not be null".
 */

type Args = Record<string, unknown>;

function hasGrant(grants: Set<string> | null, scope: string, kind: string): boolean {
  return grants === null || grants.has(`${scope}:RW`) || (kind === "RO" && grants.has(`${scope}:RO`));
}

function executableSchema(): GraphQLSchema {
  const schema = buildSchema(todoSchemaText());
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const directives = field.astNode?.directives ?? [];
      const access = directives.find((d) => d.name.value === "access");
      const internal = directives.some((d) => d.name.value === "internal");
      if (!access && !internal) continue;
      const arg = (name: string) => (access?.arguments?.find((a) => a.name.value === name)?.value as EnumValueNode | undefined)?.value ?? "";
      const [scope, kind] = [arg("scope"), arg("kind")];
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx: GraphContext, info) => {
        if (internal) throw new Error("Internal auth access denied");
        if (ctx.viewer.webhook && kind !== "RO") throw new Error("Access to read/write resolver denied for webhook");
        if (!hasGrant(ctx.viewer.grants, scope, kind)) throw new Error("Access denied for invalid auth method");
        return resolve(source, args, ctx, info);
      };
    }
  }
  return schema;
}

function rootOf(ctx: GraphContext, rootFields: Set<string>): Record<string, unknown> {
  const { state, viewer } = ctx;
  const may = (trackerId: unknown, permission: "submit" | "comment" | "edit" | "triage", missing: string) => {
    const tracker = visibleTracker(ctx, trackerId);
    if (!tracker) throw new FakeTodoError(missing);
    if (!state.permissions(tracker, viewer.username).has(permission)) throw new FakeTodoError("Access denied");
    return tracker;
  };
  const ticketOf = (trackerId: number, ticketId: unknown) => {
    const ticket = state.ticket(trackerId, Number(ticketId));
    if (!ticket) throw new FakeTodoError("No such ticket");
    return ticket;
  };
  const noTracker = (id: unknown) => `No tracker by ID ${String(id)} found for this user`;
  const noImports = (input: Args) => {
    if (input.import !== undefined || input.created !== undefined || input.externalId !== undefined) throw new FakeTodoError("imports are not modelled by the fake", { violation: true });
  };

  const root: Record<string, unknown> = {
    version: { major: 0, minor: 0, patch: 0, deprecationDate: null },
    me: () => userView(ctx, viewer.username),
    user: (args: Args) => (state.users.has(String(args.username)) ? userView(ctx, String(args.username)) : null),
    webhook: () => {
      if (!viewer.webhook) throw new Error("Cannot use this resolver without an active webhook context");
      return payloadView(ctx, viewer.webhook);
    },
    createLabel: (args: Args) => {
      const tracker = visibleTracker(ctx, args.trackerId);
      if (!tracker) throw new FakeTodoError(noTracker(args.trackerId));
      if (tracker.owner !== viewer.username) throw new FakeTodoError("Access denied");
      return labelView(ctx, state.createLabel(tracker, { name: String(args.name), foreground: String(args.foregroundColor), background: String(args.backgroundColor) }));
    },
    submitTicket: (args: Args) => {
      const input = args.input as { subject: string; body?: string | null } & Args;
      noImports(input);
      const tracker = visibleTracker(ctx, args.trackerId);
      // sr.ht's resolver answers (nil, nil) here: gqlgen then says "must not be null".
      if (!tracker) return null;
      if (!state.permissions(tracker, viewer.username).has("submit")) throw new FakeTodoError("Access denied");
      return ticketView(ctx, state.submitTicket(tracker, { subject: input.subject, body: input.body ?? null }, viewer.username));
    },
    updateTicket: (args: Args) => {
      const tracker = may(args.trackerId, "edit", noTracker(args.trackerId));
      const ticket = ticketOf(tracker.id, args.ticketId);
      const input = args.input as { subject?: string; body?: string | null } & Args;
      noImports(input);
      return ticketView(ctx, state.updateTicket(ticket, { ...("subject" in input ? { subject: input.subject } : {}), ...("body" in input ? { body: input.body } : {}) }));
    },
    updateTicketStatus: (args: Args) => {
      const tracker = may(args.trackerId, "triage", noTracker(args.trackerId));
      const ticket = ticketOf(tracker.id, args.ticketId);
      const input = args.input as { status: TicketStatus; resolution?: string | null } & Args;
      noImports(input);
      return eventViewOf(state.changeStatus(ticket, { status: input.status, resolution: input.resolution ?? null }, viewer.username));
    },
    submitComment: (args: Args) => {
      const tracker = may(args.trackerId, "comment", noTracker(args.trackerId));
      const input = args.input as { text: string; status?: TicketStatus | null; resolution?: string | null } & Args;
      noImports(input);
      if ((input.status || input.resolution) && !state.permissions(tracker, viewer.username).has("triage")) throw new FakeTodoError("Access denied");
      const ticket = ticketOf(tracker.id, args.ticketId);
      if (input.status) return eventViewOf(state.changeStatus(ticket, { status: input.status, resolution: input.resolution ?? null, text: input.text }, viewer.username));
      if (input.resolution) throw new FakeTodoError("Resolution may only be provided when status is set to RESOLVED", { violation: true });
      return eventViewOf(state.comment(ticket, input.text, viewer.username));
    },
    labelTicket: (args: Args) => labelChange(args, true),
    unlabelTicket: (args: Args) => labelChange(args, false),
    deleteTicket: (args: Args) => {
      const tracker = may(args.trackerId, "edit", noTracker(args.trackerId));
      const ticket = ticketOf(tracker.id, args.ticketId);
      const view = ticketView(ctx, { ...ticket });
      state.deleteTicket(ticket);
      return view;
    },
    createTrackerWebhook: (args: Args) => {
      const config = args.config as { url: string; events: string[]; query: string };
      const check = checkOperation({ query: config.query });
      if (!check.ok) throw new FakeTodoError(`Error validating webhook query: ${check.errors.map((e) => e.message).join("; ")}`);
      if (config.events.length === 0) throw new FakeTodoError("Must specify at least one event");
      for (const event of config.events) {
        const scope = event.startsWith("TICKET_") ? "TICKETS" : event === "EVENT_CREATED" ? "EVENTS" : "TRACKERS";
        if (!hasGrant(viewer.grants, scope, "RO")) throw new FakeTodoError(`Insufficient access granted for webhook event ${event}`);
      }
      let url: URL;
      try {
        url = new URL(config.url);
      } catch (error) {
        throw new FakeTodoError((error as Error).message);
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new FakeTodoError("Cannot use non-HTTP or HTTPS URL");
      const tracker = visibleTracker(ctx, args.trackerId);
      if (!tracker) throw new FakeTodoError("Access denied");
      return hookView(ctx, state.addHook({ trackerId: tracker.id, username: viewer.username, grants: viewer.grants, url: config.url, events: config.events, query: config.query }));
    },
  };

  function labelChange(args: Args, add: boolean) {
    const tracker = may(args.trackerId, "triage", "No such tracker");
    const ticket = ticketOf(tracker.id, args.ticketId);
    const label = state.labels.get(Number(args.labelId));
    if (!label || label.trackerId !== tracker.id) throw new FakeTodoError("No such label");
    return eventViewOf(state.label(ticket, label, add, viewer.username));
  }
  const eventViewOf = (event: Parameters<typeof eventView>[1]) => eventView(ctx, event);

  // Every other root field exists in the schema but not here: refused, and a violation (the fake is incomplete, not the client).
  return new Proxy(root, {
    get: (target, name) => (typeof name !== "string" || name in target || !rootFields.has(name) ? target[name as string] : () => ctx.notServed(name)),
  });
}

export type GraphAnswer = { body: Record<string, unknown>; violations: string[] };

/** sr.ht's own refusals, and graphql-js's for a null in a non-null field: answers, not failures of the fake. */
const KNOWN_ERRORS = /^(Access denied|Access to read\/write resolver denied|Cannot use this resolver|Internal auth access denied|Invalid cursor|Cannot return null for non-nullable field)|is not served by the fake/;

export function createTodoGraph(state: TodoState) {
  const schema = executableSchema();
  const rootFields = new Set([...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())]);

  /** Runs a checked operation as `viewer` (a webhook's query with `viewer.webhook` set). */
  function run(document: DocumentNode, variables: Record<string, unknown>, operationName: string | null, viewer: Viewer): GraphAnswer {
    const violations: string[] = [];
    const ctx: GraphContext = {
      state,
      viewer,
      notServed: (field) => {
        violations.push(`the fake does not serve ${field}`);
        throw new Error(`${field} is not served by the fake todo.sr.ht`);
      },
    };
    const result = execute({ schema, document, variableValues: variables, operationName, rootValue: rootOf(ctx, rootFields), contextValue: ctx });
    if (result instanceof Promise) throw new Error("the fake's resolvers are synchronous");
    const errors = (result.errors ?? []).map((error) => {
      const original = error.originalError;
      if (original instanceof FakeTodoError && original.options.violation) violations.push(`${error.path?.join(".") ?? "?"}: ${original.message}`);
      else if (original && !(original instanceof FakeTodoError) && !KNOWN_ERRORS.test(original.message)) {
        violations.push(`the fake failed at ${error.path?.join(".") ?? "?"}: ${original.stack ?? original.message}`);
      }
      const field = original instanceof FakeTodoError ? original.options.field : undefined;
      const message = /^Cannot return null for non-nullable field/.test(error.message) ? "must not be null" : error.message;
      return { message, ...(error.path ? { path: error.path } : {}), ...(field ? { extensions: { field } } : {}) };
    });
    const data = result.data ?? null;
    return { body: errors.length > 0 ? { errors, data } : { data }, violations };
  }

  return {
    schema,
    run,
    /** A tracker webhook's body for one payload: its query's result, as the hook's user with its token's grants. */
    webhookBody: (query: string, payload: Viewer["webhook"], hook: { username: string; grants: Set<string> | null }): GraphAnswer =>
      run(parse(query), {}, null, { username: hook.username, grants: hook.grants, webhook: payload }),
  };
}
