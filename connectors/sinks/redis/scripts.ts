/**
 * The sink's three Lua scripts, one per input: each applies a chunk of one partition's operations
 * together with that partition's offset (scripts/offset-guard.lua, prepended to each).
 */
import { readFileSync } from 'node:fs';
import { LuaScript } from './lua-script.ts';

function script(name: string): LuaScript {
  const read = (file: string) => readFileSync(new URL(`./scripts/${file}.lua`, import.meta.url), 'utf8');
  return new LuaScript(name, `${read('offset-guard')}\n${read(name)}`);
}

export const applyItemCards = script('apply-item-cards');
export const applyItemViews = script('apply-item-views');
export const applyComments = script('apply-comments');

export const allScripts: readonly LuaScript[] = [applyItemCards, applyItemViews, applyComments];
