export interface Workspace {
  folder: string;
  manifest: { name: string; version: string; private?: boolean; [field: string]: unknown };
}
export function publishableWorkspaces(): Workspace[];
export function packAll(destination: string): string[];
