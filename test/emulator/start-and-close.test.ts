/**
 * startEmulator's options and addresses, and close(): it must end keep-alive and in-flight
 * connections promptly so test runners exit.
 */

import http from "http";
import { startEmulator, type EmulatorOptions } from "../../emulator";

describe("startEmulator", () => {
  it("listens on a random loopback port by default and reports url, origin and port", async () => {
    const emulator = await startEmulator();
    try {
      expect(emulator.port).toBeGreaterThan(0);
      expect(emulator.origin).toBe(`http://127.0.0.1:${emulator.port}`);
      expect(emulator.url).toBe(`${emulator.origin}/v2`);
      const settings = await (await fetch(`${emulator.origin}/__emulator/settings`)).json();
      expect(settings).toEqual({ settleDelayMs: 1000, holdSeconds: 1800, extendSeconds: 1800 });
    } finally {
      await emulator.close();
    }
  });

  it("binds the requested port and passes timing options through", async () => {
    const probe = await startEmulator();
    const port = probe.port;
    await probe.close();
    const emulator = await startEmulator({ port, settleDelayMs: 5, holdSeconds: 60, extendSeconds: 120 });
    try {
      expect(emulator.port).toBe(port);
      const settings = await (await fetch(`${emulator.origin}/__emulator/settings`)).json();
      expect(settings).toEqual({ settleDelayMs: 5, holdSeconds: 60, extendSeconds: 120 });
    } finally {
      await emulator.close();
    }
  });

  it("rejects a port already in use", async () => {
    const first = await startEmulator();
    try {
      await expect(startEmulator({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it.each<[string, EmulatorOptions]>([
    ["port", { port: -1 }],
    ["port", { port: 70000 }],
    ["port", { port: 1.5 }],
    ["host", { host: "0.0.0.0" as "127.0.0.1" }],
    ["apiKey", { apiKey: " " }],
    ["settleDelayMs", { settleDelayMs: -1 }],
    ["holdSeconds", { holdSeconds: 0 }],
    ["extendSeconds", { extendSeconds: Number.NaN }],
  ])("rejects a bad %s option (%j) with a message naming it", async (name, options) => {
    await expect(startEmulator(options)).rejects.toThrow(new RegExp(name));
  });
});

describe("close", () => {
  it("destroys idle keep-alive sockets and resolves promptly; calling it twice is fine", async () => {
    const emulator = await startEmulator();
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${emulator.origin}/__emulator/clock`, { agent }, (res) => {
          res.resume();
          res.on("end", resolve);
        })
        .on("error", reject);
    });
    const socketClosed = new Promise<void>((resolve) => {
      const [socket] = Object.values(agent.freeSockets).flat();
      socket?.on("close", () => resolve());
    });
    const started = Date.now();
    await Promise.all([emulator.close(), emulator.close()]);
    await socketClosed;
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${emulator.origin}/__emulator/clock`)).rejects.toThrow();
    agent.destroy();
  });

  it("ends requests held by a delay fault", async () => {
    const emulator = await startEmulator();
    await fetch(`${emulator.origin}/__emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: 1, delayMs: 60_000 }) });
    const pending = fetch(`${emulator.url}/number_reservations`, { headers: { authorization: "Bearer k" } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await emulator.close();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
