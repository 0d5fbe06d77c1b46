import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuItemSpec } from './menu-template';

function actions(): MenuActions {
  return {
    openProject: vi.fn(),
    importArticles: vi.fn(),
    exportDataset: vi.fn(),
    importAnnotations: vi.fn(),
    undo: vi.fn(),
    redo: vi.fn(),
  };
}

/** All items, depth first. */
function flatten(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

function find(items: MenuItemSpec[], label: string): MenuItemSpec {
  const item = flatten(items).find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

function roles(items: MenuItemSpec[]): string[] {
  return flatten(items).flatMap((item) => (item.role ? [item.role] : []));
}

describe('buildMenuTemplate', () => {
  it('wires File and Edit items to their actions', () => {
    const a = actions();
    const template = buildMenuTemplate(a, { platform: 'linux', isDevelopment: false });
    find(template, 'Open Project…').click?.();
    find(template, 'Import Articles…').click?.();
    find(template, 'Import Annotations…').click?.();
    find(template, 'Export…').click?.();
    find(template, 'Undo').click?.();
    find(template, 'Redo').click?.();
    expect(a.openProject).toHaveBeenCalledOnce();
    expect(a.importArticles).toHaveBeenCalledOnce();
    expect(a.importAnnotations).toHaveBeenCalledOnce();
    expect(a.exportDataset).toHaveBeenCalledOnce();
    expect(a.undo).toHaveBeenCalledOnce();
    expect(a.redo).toHaveBeenCalledOnce();
  });

  it('leaves the undo and redo keystrokes to the renderer', () => {
    const template = buildMenuTemplate(actions(), { platform: 'linux', isDevelopment: false });
    expect(find(template, 'Undo')).toMatchObject({
      accelerator: 'CmdOrCtrl+Z',
      registerAccelerator: false,
    });
    expect(find(template, 'Redo')).toMatchObject({ registerAccelerator: false });
  });

  it('has no reload or developer tools in production', () => {
    const production = roles(
      buildMenuTemplate(actions(), { platform: 'linux', isDevelopment: false }),
    );
    expect(production).not.toContain('toggleDevTools');
    expect(production).not.toContain('reload');
    expect(production).toEqual(expect.arrayContaining(['quit', 'copy', 'selectAll']));
    const development = roles(
      buildMenuTemplate(actions(), { platform: 'linux', isDevelopment: true }),
    );
    expect(development).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('follows macOS conventions: application and Window menus, Quit in the former', () => {
    const template = buildMenuTemplate(actions(), { platform: 'darwin', isDevelopment: false });
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(template.at(-1)).toEqual({ role: 'windowMenu' });
    expect(roles(template)).not.toContain('quit');
  });
});
