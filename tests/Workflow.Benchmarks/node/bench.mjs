// Runs N instances of start -> userTask -> userTask -> exclusive gateway -> end on bpmn-engine, signalling each user
// task as soon as it waits, and prints {"instances":N,"seconds":S,"perSecond":R} on stdout.
// Usage: node bench.mjs <file.bpmn> <instances>
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';

const [file, count = '1000'] = process.argv.slice(2);
// The same model; only the condition is written in bpmn-engine's expression dialect.
const source = readFileSync(file, 'utf8').replace('${approved}', '${environment.variables.approved}');
const instances = Number(count);

function runOne(i) {
  return new Promise((resolve, reject) => {
    const engine = new Engine({ name: `bench-${i}`, source, variables: { approved: true } });
    const listener = new EventEmitter();
    listener.on('wait', (api) => api.signal({ done: true }));
    engine.execute({ listener }, (err) => (err ? reject(err) : resolve()));
  });
}

// Warm up, then time.
for (let i = 0; i < Math.min(200, instances); i++) await runOne(i);
const started = process.hrtime.bigint();
for (let i = 0; i < instances; i++) await runOne(i);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ instances, seconds, perSecond: instances / seconds }));
