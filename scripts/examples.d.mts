export function bundledExamples(): string[];
export function prepareExample(name: string, tarballs: string[], destination: string): string;
export function buildExample(directory: string, env?: Record<string, string>): string;
