// Subscribes to a topic with Camunda's external-task client and handles each task by its "mode" variable:
// ok -> complete with a variable, reject -> BPMN error REJECTED, fail -> failure with no retries left.
// Stops after EXPECTED tasks (or TIMEOUT_MS) and prints a JSON summary on the last line.
import { Client, BasicAuthInterceptor, Variables } from 'camunda-external-task-client-js';

const baseUrl = process.env.BASE_URL;
const expected = Number(process.env.EXPECTED ?? '3');
const timeout = Number(process.env.TIMEOUT_MS ?? '30000');
const handled = [];

const client = new Client({
  baseUrl,
  workerId: 'node-worker',
  maxTasks: 5,
  asyncResponseTimeout: 2000,
  interval: 200,
  autoPoll: true,
  interceptors: new BasicAuthInterceptor({ username: process.env.USERNAME, password: process.env.PASSWORD }),
});

// Surface what the client sees, so a failing test says why.
client.on('poll:error', (error) => console.error('poll:error', error?.message ?? error, error?.response?.body ?? ''));
client.on('complete:error', (_task, error) => console.error('complete:error', error?.message ?? error));

const done = new Promise((resolve) => {
  client.subscribe(process.env.TOPIC, async ({ task, taskService }) => {
    const mode = task.variables.get('mode');
    try {
      if (mode === 'ok') {
        const variables = new Variables().set('checked', true).set('checkedBy', 'node');
        await taskService.complete(task, variables);
      } else if (mode === 'reject') {
        await taskService.handleBpmnError(task, 'REJECTED', 'hồ sơ bị từ chối');
      } else {
        await taskService.handleFailure(task, { errorMessage: 'lỗi tạm thời từ bộ xử lý Node', errorDetails: 'chi tiết', retries: 0, retryTimeout: 0 });
      }
      handled.push({ id: task.id, mode, ok: true });
    } catch (error) {
      handled.push({ id: task.id, mode, ok: false, error: String(error) });
    }
    if (handled.length >= expected) resolve();
  });
});

await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeout))]);
client.stop();
console.log(JSON.stringify({ handled }));
process.exit(handled.length >= expected && handled.every((h) => h.ok) ? 0 : 1);
