import './style.css';
import { getKey, setKey } from './api.js';
import { checkPage } from './pages/check.js';
import { searchPage } from './pages/search.js';
import { supplyPage } from './pages/supply.js';
import { explainPage } from './pages/explain.js';

export interface Page { title: string; render(root: HTMLElement): void | (() => void) }

const PAGES: Record<string, Page> = { check: checkPage, search: searchPage, supply: supplyPage, explain: explainPage };

const main = document.getElementById('page')!;
const keyInput = document.getElementById('api-key') as HTMLInputElement;
const keyStatus = document.getElementById('key-status')!;
let cleanup: void | (() => void);

function showKeyStatus(): void {
  const key = getKey();
  keyStatus.textContent = key ? `已使用密钥 ${key.slice(0, 4)}${'•'.repeat(Math.max(0, Math.min(8, key.length - 4)))}` : '未设置 API 密钥：请在上方输入（演示模式：demo-public、demo-recruiter、demo-seeker …）';
  keyStatus.className = `key-status ${key ? 'ok' : 'missing'}`;
}

function route(): void {
  const name = (window.location.hash.replace(/^#\/?/, '').split('?')[0] || 'check');
  const page = PAGES[name] ?? PAGES.check!;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (typeof cleanup === 'function') cleanup();
  main.replaceChildren();
  document.title = `${page.title} · 智找活 Match 控制台`;
  cleanup = page.render(main);
}

document.getElementById('key-form')!.addEventListener('submit', (ev) => {
  ev.preventDefault();
  setKey(keyInput.value.trim());
  keyInput.value = '';
  showKeyStatus();
  route();
});
document.getElementById('key-clear')!.addEventListener('click', () => {
  setKey('');
  showKeyStatus();
  route();
});
window.addEventListener('hashchange', () => { route(); main.focus(); });
showKeyStatus();
route();
