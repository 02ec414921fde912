import { Spinner } from '@inkjs/ui';

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} />;
}
