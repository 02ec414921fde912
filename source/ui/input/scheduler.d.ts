// scheduler 0.27 exports unstable_requestPaint (cjs/scheduler.development.js: it sets
// needsPaint, so the work loop yields to the host after the current task);
// @types/scheduler (0.26, 0.28) does not declare it.
export {};

declare module 'scheduler' {
  export function unstable_requestPaint(): void;
}
