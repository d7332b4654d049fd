import { vi } from 'vitest';

/**
 * Collects every log line written from now on (the logger writes JSON lines to console.log and
 * console.error) instead of printing them. Restore with `vi.restoreAllMocks()`.
 */
export function captureLogLines(): string[] {
  const lines: string[] = [];
  const capture = (line: unknown) => {
    lines.push(String(line));
  };
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  return lines;
}
