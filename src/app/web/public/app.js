// @ts-check
/** Entry point: log in if needed, then wire the tabs. No framework, no build step, no CDN. */
import { initAuth } from './js/auth.js';
import { initChat } from './js/chat.js';
import { initCollections } from './js/collections.js';
import { loadConfig } from './js/config.js';
import { initCosts, loadCosts } from './js/costs.js';
import { initDocuments, refreshDocuments } from './js/documents.js';
import { initEvaluation, loadEvaluation } from './js/evaluation.js';
import { initIngest } from './js/ingest.js';
import { loadSecurity } from './js/security.js';
import { initSettings, loadSettings } from './js/settings.js';
import { initTabs, onTabShown } from './js/tabs.js';
import { initUsers, loadUsers } from './js/users.js';
import { initWatchFolders, loadWatchFolders } from './js/watch-folders.js';

/** @param {{ name: string, role: string } | null} user */
function start(user) {
  initChat();
  initIngest({ onIngested: () => refreshDocuments() });
  initDocuments();
  initCollections();
  initCosts();
  initEvaluation();
  onTabShown('documents', refreshDocuments);
  initSettings();
  initWatchFolders();
  onTabShown('config', () => Promise.all([loadConfig(), loadSettings(), loadWatchFolders()]));
  onTabShown('costs', loadCosts);
  onTabShown('evaluation', loadEvaluation);
  onTabShown('security', loadSecurity);
  initUsers(user);
  onTabShown('users', loadUsers);
  initTabs();
  // boot.js reloads a page whose modules failed to load; once started, the next failure starts a fresh count.
  try { window.sessionStorage.removeItem('propo.bootRetries'); } catch { /* storage off: nothing to clear */ }
  document.body.dataset.ready = 'true';
}

void initAuth(start);
