// Drives a GraphQL server with the reference streaming clients (graphql-ws, graphql-sse) and prints what they
// report, one JSON object per line, so .NET tests can assert on it.
//
//   node client.mjs <ws|sse> <url> <request-json> [--take N] [--subscriptions N]
//
// request-json is {"query": "...", "variables": {...}, "operationName": "..."}. --subscriptions opens N copies of the
// operation at once (over one socket for ws). --take N disposes each after its Nth result. Lines:
//   {"sub":0,"next":<ExecutionResult>}  {"sub":0,"complete":true}  {"sub":0,"disposed":true}
//   {"sub":0,"error":{"errors":[...]}|{"code":4409,"reason":"..."}|{"message":"..."}}
//   {"closed":{"code":1000,"reason":""}}      (ws: every socket close the client saw)
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';

const [transport, url, requestJson, ...rest] = process.argv.slice(2);
if (!transport || !url || !requestJson) {
  console.error('usage: node client.mjs <ws|sse> <url> <request-json> [--take N] [--subscriptions N]');
  process.exit(2);
}

const option = (name, fallback) => {
  const index = rest.indexOf(name);
  return index >= 0 ? Number(rest[index + 1]) : fallback;
};
const take = option('--take', Infinity);
const subscriptions = option('--subscriptions', 1);
const request = JSON.parse(requestJson);
const print = (value) => process.stdout.write(JSON.stringify(value) + '\n');

const describe = (error) => {
  if (Array.isArray(error)) return { errors: error };
  if (error && typeof error === 'object' && 'code' in error && 'reason' in error) return { code: error.code, reason: error.reason };
  return { message: String(error?.message ?? error) };
};

const client = transport === 'ws'
  ? createWsClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      on: { closed: (event) => print({ closed: { code: event.code, reason: event.reason } }) },
    })
  : createSseClient({ url, retryAttempts: 0 });

const runOne = (sub) => new Promise((resolve) => {
  let count = 0;
  let dispose = () => {};
  let done = false;
  const finish = (line) => {
    if (done) return;
    done = true;
    print(line);
    resolve();
  };
  dispose = client.subscribe(request, {
    next: (result) => {
      if (done) return;
      print({ sub, next: result });
      if (++count >= take) {
        dispose();
        finish({ sub, disposed: true });
      }
    },
    error: (error) => finish({ sub, error: describe(error) }),
    complete: () => finish({ sub, complete: true }),
  });
});

await Promise.all(Array.from({ length: subscriptions }, (_, sub) => runOne(sub)));
await client.dispose();
// Give a socket's close event time to be reported before the process ends.
await new Promise((resolve) => setTimeout(resolve, 50));
process.exit(0);
