/** Helpers for monitors' alert signals (Datadog, New Relic): their text, cut to what an alert keeps. */

export const MAX_ALERT_TITLE = 300;
export const MAX_ALERT_DESCRIPTION = 20_000;
export const MAX_FINGERPRINT = 255;

/** Text cut to `max` characters (an ellipsis marks the cut), trimmed. */
export function cut(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/**
 * A template variable the sender did not fill in: Datadog leaves `$VARIABLE` as written when it
 * has no value for it, and sends "" for some; both mean "not given".
 */
export function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || /^\$[A-Z_]+$/.test(trimmed)) return undefined;
  return trimmed;
}
