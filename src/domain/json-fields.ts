// Reading a field of a JSON value whose shape was checked elsewhere (a stored request, a validated body)
// without casting it: a value of another shape reads as absent.

/** The field `name` of `value` when `value` is an object (not an array) that has it. */
export function fieldAt(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const field: unknown = Reflect.get(value, name);
  return field;
}

/** The text at `name` in `value`, or undefined when there is none. */
export function textAt(value: unknown, name: string): string | undefined {
  const field = fieldAt(value, name);
  return typeof field === 'string' ? field : undefined;
}
