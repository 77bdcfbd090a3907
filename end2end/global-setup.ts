// `cargo leptos end-to-end` (and any runner that starts the server just before the tests)
// does not wait for the port: poll /health until it answers 200, for up to 60 s.
const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";

export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE_URL}/health`);
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${BASE_URL}/health did not answer 200 within 60 s (${last})`);
}
