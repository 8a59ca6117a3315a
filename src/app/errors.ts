// The text of any thrown value, for messages and logs (never a stack trace to the user).
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
