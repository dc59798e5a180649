/**
 * How domain code runs its units of work: the runtime's `step.run` (each unit durable, memoized
 * and retried on its own — a resumed run does not repeat a finished call), or, in tests and
 * anywhere without a runtime, straight through. What a step returns must be plain JSON: the
 * runtime stores it.
 */
export type StepRunner = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export const runDirectly: StepRunner = (_id, work) => work();
