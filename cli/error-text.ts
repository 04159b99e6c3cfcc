// A failure's cause as the CLI prints it: its first line, bounded, so that an error stays one
// sentence even when the cause is a stack trace or a JSON document (those come with --verbose).
const MAX_CAUSE = 300;

export function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const short = line.length > MAX_CAUSE ? `${line.slice(0, MAX_CAUSE - 1)}…` : line;
  return short.replace(/[.\s]+$/, '');
}
