import { randomBytes } from "node:crypto";

/**
 * The world of the fake Slack: one workspace, its bot tokens (each with its bot user and
 * scopes), channels (archived or not, private or public, with their members), people, the
 * messages in each channel with their threads and edits, incoming webhooks each bound to a
 * channel, the trigger ids its interactions carried and the modals opened with them. No HTTP here:
 * web-api.ts and webhooks.ts answer from it.
 */

export type FakeBot = { token: string; botId: string; userId: string; name: string; scopes: Set<string>; revoked: boolean };
export type FakeChannel = { id: string; name: string; isPrivate: boolean; archived: boolean; members: Set<string> };
export type FakeUser = { id: string; email: string; name: string; realName: string; deleted: boolean };
export type FakeMessage = {
  ts: string;
  channel: string;
  text: string;
  blocks: unknown[] | null;
  /** The parent's ts for a reply; null for a top-level message. */
  threadTs: string | null;
  /** The bot (its user id) that posted it, or null for an incoming webhook's post. */
  user: string | null;
  botId: string | null;
  username: string | null;
  /** Earlier versions, oldest first: what chat.update replaced. */
  edits: { text: string; blocks: unknown[] | null }[];
  /** Set for chat.postEphemeral: only this person sees it. */
  ephemeralTo: string | null;
  via: "api" | "webhook";
};
export type FakeIncomingWebhook = { path: string; url: string; channel: string; revoked: boolean };
/** A trigger_id sent with an interaction: views.open takes it once, within `SlackState.triggerLifetimeMs` of the interaction. */
export type FakeTrigger = { id: string; userId: string; issuedAt: number; exchanged: boolean };
/** A modal opened with views.open: the view as the app sent it, for the user whose trigger it exchanged. */
export type FakeView = {
  id: string;
  userId: string;
  botId: string;
  view: Record<string, unknown>;
  hash: string;
  openedAt: number;
  /** Closed when a submission was answered with an empty 200 (or response_action "clear"), as Slack closes it. */
  closed: boolean;
};

export const TEAM = { id: "T0FAKE0001", name: "Acme", domain: "acme" } as const;

const slackId = (prefix: string, counter: number) => `${prefix}0${counter.toString(36).toUpperCase().padStart(9, "0")}`;

export class SlackState {
  readonly bots = new Map<string, FakeBot>();
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, FakeUser>();
  readonly messages: FakeMessage[] = [];
  readonly webhooks = new Map<string, FakeIncomingWebhook>();
  readonly triggers = new Map<string, FakeTrigger>();
  readonly views: FakeView[] = [];
  /** A trigger_id is good for 3 seconds after its interaction (https://docs.slack.dev/surfaces/modals, …/reference/methods/views.open: expired_trigger_id). */
  triggerLifetimeMs = 3_000;
  private counter = 0;
  private lastTs = 0;

  private nextId(prefix: string): string {
    return slackId(prefix, ++this.counter);
  }

  addBot(input: { token: string; scopes: string[]; name?: string }): FakeBot {
    if (!/^xoxb-/.test(input.token)) throw new Error(`a bot token starts with xoxb- (got ${input.token.slice(0, 5)}…)`);
    const bot = { token: input.token, botId: this.nextId("B"), userId: this.nextId("U"), name: input.name ?? "switchboard", scopes: new Set(input.scopes), revoked: false };
    this.bots.set(bot.token, bot);
    return bot;
  }

  /** `members`: user ids, or bot tokens for the bot users (a bot in the channel can post there). */
  addChannel(input: { name: string; isPrivate?: boolean; archived?: boolean; members?: string[] }): FakeChannel {
    const id = this.nextId(input.isPrivate ? "G" : "C");
    const members = new Set((input.members ?? []).map((member) => this.bots.get(member)?.userId ?? member));
    const channel = { id, name: input.name.replace(/^#/, ""), isPrivate: input.isPrivate ?? false, archived: input.archived ?? false, members };
    this.channels.set(id, channel);
    return channel;
  }

  addUser(input: { email: string; name: string; realName?: string }): FakeUser {
    const user = { id: this.nextId("U"), email: input.email.toLowerCase(), name: input.name, realName: input.realName ?? input.name, deleted: false };
    this.users.set(user.id, user);
    return user;
  }

  /** An incoming webhook at `<origin>/services/T…/B…/<secret>`, posting into `channel`. */
  addWebhook(origin: string, channel: FakeChannel): FakeIncomingWebhook {
    const path = `/services/${TEAM.id}/${this.nextId("B")}/${randomBytes(12).toString("base64url")}`;
    const hook = { path, url: `${origin}${path}`, channel: channel.id, revoked: false };
    this.webhooks.set(path, hook);
    return hook;
  }

  /** The trigger_id of an interaction by `userId`, in Slack's shape (`<seconds>.<digits>.<hex>`). */
  issueTrigger(userId: string): FakeTrigger {
    const now = Date.now();
    const trigger = { id: `${Math.floor(now / 1000)}.${++this.counter}.${randomBytes(8).toString("hex")}`, userId, issuedAt: now, exchanged: false };
    this.triggers.set(trigger.id, trigger);
    return trigger;
  }

  newViewId(): string {
    return this.nextId("V");
  }

  /** By id, or by name with or without `#` (chat.postMessage takes either). */
  findChannel(reference: string): FakeChannel | undefined {
    const byId = this.channels.get(reference);
    if (byId) return byId;
    const name = reference.replace(/^#/, "");
    return [...this.channels.values()].find((channel) => channel.name === name);
  }

  userByEmail(email: string): FakeUser | undefined {
    return [...this.users.values()].find((user) => user.email === email.toLowerCase() && !user.deleted);
  }

  /** A new message ts: seconds since the epoch and six digits, always later than the last one. */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  }

  message(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && m.ephemeralTo === null);
  }

  /** The channel's top-level messages, oldest first (ephemeral ones left out). */
  history(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === null && m.ephemeralTo === null);
  }

  /** A thread's replies, oldest first: as conversations.replies, without ephemeral messages (only their one reader ever sees those). */
  replies(channel: string, threadTs: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === threadTs && m.ephemeralTo === null);
  }
}
