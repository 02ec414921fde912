import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../kube/object.js';
import { timestamp, type Kit } from './kit.js';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Records core/v1 Events the way client-go's recorder does: a repeat of the same
 * reason and message about the same object bumps `count` and `lastTimestamp`.
 */
export class EventRecorder {
  private readonly names = new Map<string, string>();

  constructor(private readonly kit: Kit) {}

  record(
    about: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    // An event that cannot be written (namespace going away) must not stop the caller.
    this.kit.guard(`event ${reason}`, () =>
      this.write(about, type, reason, message, source, fieldPath),
    );
  }

  private write(
    about: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    source: EventSource,
    fieldPath: string | undefined,
  ): void {
    const namespace = about.metadata.namespace ?? 'default';
    const aggregate = [about.metadata.uid, fieldPath, type, reason, message, source.component];
    const key = aggregate.join('\u0000');
    const now = timestamp();
    const known = this.names.get(key);
    const existing = known ? this.kit.store.get('events', namespace, known) : undefined;
    if (existing) {
      existing.count = ((existing.count as number | undefined) ?? 1) + 1;
      existing.lastTimestamp = now;
      this.kit.store.update('events', existing, { force: true });
      return;
    }
    const name = `${about.metadata.name}.${randomBytes(8).toString('hex')}`;
    this.names.set(key, name);
    this.kit.store.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: about.apiVersion,
        kind: about.kind,
        name: about.metadata.name,
        namespace: about.metadata.namespace,
        uid: about.metadata.uid,
        resourceVersion: about.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
  }
}
