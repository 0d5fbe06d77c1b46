import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from './api';
import {
  BRIDGE_METHODS,
  MENU_COMMAND_CHANNEL,
  MENU_COMMANDS,
  ipcChannel,
  isMenuCommand,
} from './bridge';

describe('bridge', () => {
  it('exposes exactly the operations of the API contract', () => {
    expect([...BRIDGE_METHODS].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('gives every operation its own channel, distinct from the menu channel', () => {
    const channels = METHOD_NAMES.map(ipcChannel);
    expect(new Set(channels).size).toBe(METHOD_NAMES.length);
    expect(channels).not.toContain(MENU_COMMAND_CHANNEL);
    expect(ipcChannel('getDocument')).toBe('workbench:getDocument');
  });

  it('recognises menu commands and nothing else', () => {
    for (const command of MENU_COMMANDS) expect(isMenuCommand(command)).toBe(true);
    for (const other of ['Undo', '', 'reload', 1, null, undefined, { command: 'undo' }]) {
      expect(isMenuCommand(other)).toBe(false);
    }
  });
});
