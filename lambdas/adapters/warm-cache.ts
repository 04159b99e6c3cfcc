// One value kept across invocations of a warm Lambda container, made again when its key changes
// (a new session, a new endpoint, other settings). The Crew keeps its Yahoo session, the run's
// market context, its sources and its narrator this way.
export function warmCache<V>(): (key: string, make: () => V) => V {
  let held: { key: string; value: V } | undefined;
  return (key, make) => {
    if (held?.key !== key) held = { key, value: make() };
    return held.value;
  };
}
