// A repository-sized sample for the index page: names, descriptions, versions and requirements shaped like the
// Magento mirror (some 2,500 packages of 30-odd versions), plus the cases the page must show right.
import type { PublishedArtifact } from '../src/core/state/build-state.js';
import { normalizeVersion } from '../src/core/version/index.js';

const WORDS = ['catalog', 'customer', 'sales', 'quote', 'checkout', 'payment', 'tax', 'shipping', 'inventory', 'cms', 'search', 'graph-ql', 'store', 'theme', 'email', 'import', 'export', 'cache', 'admin', 'security', 'review', 'wishlist', 'newsletter', 'analytics', 'bundle', 'swatches', 'rule', 'url-rewrite', 'media', 'page-cache'];
const RELEASES = ['2.4.4', '2.4.4-p1', '2.4.4-p2', '2.4.4-p3', '2.4.4-p4', '2.4.5', '2.4.5-p1', '2.4.5-p2', '2.4.5-p3', '2.4.6', '2.4.6-p1', '2.4.6-p2', '2.4.6-p3', '2.4.6-p4', '2.4.7-beta1', '2.4.7-beta2', '2.4.7', '2.4.7-p1', '2.4.7-p2', '2.4.7-p3', '2.4.8-beta1', '2.4.8-beta2'];

function artifact(name: string, version: string, json: Record<string, unknown>): PublishedArtifact {
  return {
    name, version, versionNormalized: normalizeVersion(version), kind: 'package', source: 'sample', tag: version, commit: '0'.repeat(40), time: 0,
    dir: name, key: `${name}@${version}`, file: `packages/${name}-${version}.zip`, sha1: '0'.repeat(40), size: 1, composerJson: JSON.stringify({ name, version, ...json }),
  };
}

/** `packages` packages with their versions (every 7th stops at a beta, so a pre-release shows beside it). */
export function sampleArtifacts(packages: number): PublishedArtifact[] {
  const out: PublishedArtifact[] = [];
  const names: string[] = [];
  for (let i = 0; names.length < packages - 2; i++) {
    const a = WORDS[i % WORDS.length] as string;
    const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length] as string;
    names.push(`magento/module-${a}${a === b ? '' : `-${b}`}${i >= WORDS.length * WORDS.length ? `-${i}` : ''}`);
  }
  for (const [n, name] of names.entries()) {
    const words = name.slice('magento/module-'.length).split('-').filter((w) => !/^\d+$/.test(w));
    const description = `${words.join(' ')} functionality for the storefront and the admin panel`;
    const require = Object.fromEntries([['php', '~8.1.0||~8.2.0||~8.3.0'], ...names.slice(n + 1, n + 10).map((r) => [r, '*'])]);
    const releases = n % 7 === 0 ? RELEASES : RELEASES.filter((r) => !r.startsWith('2.4.8'));
    for (const r of releases) out.push(artifact(name, r.replace(/^2\./, '100.'), { description, type: 'magento2-module', license: ['OSL-3.0', 'AFL-3.0'], require }));
  }
  const special = { description: 'Two factor authentication for the admin panel', type: 'magento2-module', license: 'OSL-3.0' };
  for (const r of ['1.0.0', '1.1.0', '1.1.7-beta1']) out.push(artifact('magento/module-two-factor-auth', r, special));
  for (const r of RELEASES) out.push(artifact('magento/project-community-edition', r, { description: 'eCommerce Platform for Growth (Community Edition)', type: 'project', license: 'OSL-3.0' }));
  return out;
}
