/** Lets the event loop serve requests between chunks of CPU work. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
