import { PACKAGE_MATCH_SOURCE } from './package-match.js';

/**
 * The index page's script: the filter (the rule of package-match.ts, whose source it embeds), "/" to reach it,
 * Escape to clear it, and copy buttons. It reads only the page, never data written into the script.
 */
export const INDEX_SCRIPT = `document.documentElement.classList.add('js');
const match=(${PACKAGE_MATCH_SOURCE});
const f=document.getElementById('filter'),count=document.getElementById('count'),none=document.getElementById('none'),said=document.getElementById('said');
const items=[...document.querySelectorAll('details[data-name]')].map((el)=>({el,text:(el.dataset.name+' '+(el.querySelector('.d')?.textContent??'')).toLowerCase()}));
function update(){const q=f.value.trim();let n=0;
for(const it of items){const show=match(it.text,q);if(it.el.hidden===show)it.el.hidden=!show;if(show)n++}
count.textContent=q===''?items.length:n+' of '+items.length;none.hidden=n!==0;if(n===0)none.textContent='No package matches "'+q+'".'}
f.addEventListener('input',update);
f.addEventListener('keydown',(e)=>{if(e.key==='Escape'&&f.value!==''){f.value='';update()}});
document.addEventListener('keydown',(e)=>{const t=e.target;if(e.key==='/'&&!e.ctrlKey&&!e.metaKey&&!e.altKey&&!(t instanceof HTMLInputElement||t instanceof HTMLTextAreaElement)){e.preventDefault();f.focus()}});
if(f.value!=='')update();
document.addEventListener('click',async(e)=>{const b=e.target instanceof Element?e.target.closest('button.copy'):null;if(!b)return;
const code=b.previousElementSibling,text=code.textContent;let ok=true;
try{await navigator.clipboard.writeText(text)}catch{const r=document.createRange();r.selectNodeContents(code);const s=getSelection();s.removeAllRanges();s.addRange(r);ok=document.execCommand('copy')}
b.textContent=ok?'Copied':'Press Ctrl+C';said.textContent=ok?'Copied: '+text:'Selected: '+text;setTimeout(()=>{b.textContent='Copy';said.textContent=''},2000)});`;
