const healthy = new Set(['Running', 'Completed', 'Succeeded']);
const broken =
  /BackOff|Err|Error|Failed|OOMKilled|Evicted|Unknown|Invalid|ContainerCannotRun|DeadlineExceeded|Signal:|ExitCode:/;

/** Green for a healthy pod, red for a broken one, yellow for everything on its way. */
export function podStatusColor(status: string): 'green' | 'red' | 'yellow' {
  if (healthy.has(status)) return 'green';
  return broken.test(status) ? 'red' : 'yellow';
}

/** Green when every container is ready (`3/3`), yellow otherwise. */
export function readyColor(ready: string): 'green' | 'yellow' {
  const [have, want] = ready.split('/');
  return have === want && want !== '0' ? 'green' : 'yellow';
}
