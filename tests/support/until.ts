/** Waits (polling every 20 ms) until `test` holds; throws after `ms`: what the backend says on its own clock (events). */
export async function until(test: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('not heard in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
