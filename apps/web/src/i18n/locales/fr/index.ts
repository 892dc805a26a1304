// The French texts, bundled with the application: French is the default and the fallback.
import admin from './admin.json';
import adminBoards from './adminBoards.json';
import board from './board.json';
import common from './common.json';
import kinds from './kinds.json';
import look from './look.json';
import sharedBoards from './sharedBoards.json';
import todo from './todo.json';
import widgets from './widgets.json';

export const fr = { admin, adminBoards, board, common, kinds, look, sharedBoards, todo, widgets };
