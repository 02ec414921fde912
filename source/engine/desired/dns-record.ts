/**
 * A DNS A record the user (or their DNS team) keeps: what to ask of them. The install's DNS
 * steps and `status` say it the same way.
 */

/** What the user must do: create the record, or change the one that points elsewhere. */
export function recordAction(
  name: string,
  ip: string,
  answers: readonly string[],
): { title: string; remedy: string } {
  if (answers.length === 0)
    return {
      title: `Create the DNS A record ${name} → ${ip}`,
      remedy: `create the A record ${name} → ${ip}`,
    };
  const points = answers.join(', ');
  return {
    title: `The DNS A record ${name} points at ${points}; change it to ${ip}`,
    remedy: `the record ${name} points at ${points}; change it to ${ip}`,
  };
}
