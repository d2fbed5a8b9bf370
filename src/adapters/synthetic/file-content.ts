import { kebabCase, NOUNS, snakeCase } from './module-files.js';
import { SeededRandom } from './seeded-random.js';

export interface ContentContext {
  /** Vendor in PHP spelling, e.g. `Acme`. */
  vendorTitle: string;
  /** PHP namespace of the package root, e.g. `Acme\TwoFactorAuth`. */
  namespace: string;
  /** Magento module name, e.g. `Acme_TwoFactorAuth`. */
  moduleName: string;
  /** Modules this one loads after (module.xml sequence). */
  sequence: readonly string[];
  /** Path prefix where the namespace starts: '' for modules, 'src/' for a library. */
  sourceRoot: string;
}

const MAX_SIZE = 7600;
const MIN_TARGET = 300;
const MAX_TARGET = 7000;
const VERBS = ['get', 'is', 'has', 'check', 'validate', 'load', 'save', 'build', 'resolve', 'apply', 'create', 'reset', 'count', 'send', 'find'];
const WORDS = [
  ...NOUNS.map((n) => n.toLowerCase()),
  'secure', 'enable', 'provide', 'store', 'public', 'admin', 'login', 'password', 'website', 'notification', 'template',
  'module', 'every', 'when', 'the', 'for', 'and', 'with', 'before', 'after', 'current', 'allowed', 'invalid', 'expired',
];
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

type Block = (r: SeededRandom) => string;

/** Files a new revision can change; the others are fixed by the package's identity. */
export function isEditable(path: string): boolean {
  return !['composer.json', 'registration.php', 'etc/module.xml', '.htaccess'].some((p) => path === p || path.endsWith(`/${p}`));
}

/**
 * Plausible text for a file, 200 B to 8 KB, chosen by its path. The same key, path and revision give the same text;
 * a new revision rewrites one block (a method, an XML node, a paragraph), as a real edit would.
 */
export function fileContent(path: string, ctx: ContentContext, key: string, revision: number): string {
  const r = SeededRandom.derive(key, path);
  const rev = revision === 0 ? null : SeededRandom.derive(key, path, revision);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  const phpHeader = `<?php\n${copyright(ctx)}declare(strict_types=1);\n\n`;
  if (name === 'registration.php') return registration(ctx);
  if (path.endsWith('etc/module.xml')) return moduleXml(ctx);
  if (name === '.htaccess') return HTACCESS;
  if (ext === '.php') {
    const { namespace, cls } = phpName(path, ctx);
    const head = `${phpHeader}namespace ${namespace};\n\n/**\n * ${sentence(r)}\n */\n`;
    if (cls.endsWith('Test')) return assemble(r, rev, `${head}class ${cls} extends \\PHPUnit\\Framework\\TestCase\n{\n`, '}\n', testMethod);
    if (cls.endsWith('Interface')) return assemble(r, rev, `${head}interface ${cls}\n{\n`, '}\n', interfaceMethod);
    const ctor = '    public function __construct(\n        private readonly \\Magento\\Framework\\App\\Config\\ScopeConfigInterface $scopeConfig\n    ) {\n    }\n';
    return assemble(r, rev, `${head}class ${cls}\n{\n${ctor}`, '}\n', classMethod);
  }
  if (ext === '.phtml') {
    const head = `<?php\n${copyright(ctx)}/** @var \\Magento\\Framework\\View\\Element\\Template $block */\n/** @var \\Magento\\Framework\\Escaper $escaper */\n?>\n<div class="${kebabCase(ctx.moduleName.replace('_', ''))}">\n`;
    return assemble(r, rev, head, '</div>\n', templateField);
  }
  if (ext === '.xml') {
    const root = path.includes('/layout/') ? 'page' : 'config';
    const schema = path.endsWith('di.xml') ? 'urn:magento:framework:ObjectManager/etc/config.xsd' : `urn:magento:module:Magento_Store:etc/${snakeCase(name.slice(0, -4))}.xsd`;
    const head = `<?xml version="1.0"?>\n<!--\n${copyright(ctx)}-->\n<${root} ${XSI} xsi:noNamespaceSchemaLocation="${schema}">\n`;
    return assemble(r, rev, head, `</${root}>\n`, path.endsWith('di.xml') ? diNode(ctx) : configNode);
  }
  if (ext === '.csv') return assemble(r, rev, '', '', (b) => { const s = sentence(b).slice(0, -1); return `"${s}","${s}"\n`; });
  if (ext === '.md') return assemble(r, rev, `# ${ctx.moduleName}\n\n${sentence(r)}\n\n`, '', (b) => `## ${title(b)}\n\n${paragraph(b)}\n\n`);
  if (ext === '.js') {
    return assemble(r, rev, `define([\n    'jquery',\n    'uiComponent'\n], function ($, Component) {\n    'use strict';\n\n    return Component.extend({\n`, `        defaults: {}\n    });\n});\n`, jsMethod);
  }
  if (ext === '.less') return assemble(r, rev, `//\n//  ${ctx.moduleName}\n//  ${'_'.repeat(40)}\n\n`, '', lessRule);
  if (ext === '.sh') return assemble(r, rev, `#!/bin/sh\n# ${sentence(r)}\nset -eu\n\n`, '', shellStep);
  if (ext === '.yml') return assemble(r, rev, 'name: CI\non: [push, pull_request]\njobs:\n', '', ciJob);
  return assemble(r, rev, `${sentence(r)}\n\n`, '', (b) => `${paragraph(b)}\n\n`);
}

/** composer.json as Magento writes it: 4-space indent, final newline. */
export function composerJson(json: Record<string, unknown>): string {
  return `${JSON.stringify(json, null, 4)}\n`;
}

function assemble(r: SeededRandom, rev: SeededRandom | null, head: string, tail: string, block: Block): string {
  const target = Math.round(Math.exp(Math.log(MIN_TARGET) + r.next() * Math.log(MAX_TARGET / MIN_TARGET)));
  const blocks: string[] = [];
  let size = head.length + tail.length;
  while (size < target) {
    const next = block(r);
    if (blocks.length > 0 && size + next.length > MAX_SIZE) break;
    blocks.push(next);
    size += next.length;
  }
  if (rev !== null) blocks[rev.below(blocks.length)] = block(rev);
  return head + blocks.join('') + tail;
}

function phpName(path: string, ctx: ContentContext): { namespace: string; cls: string } {
  const parts = path.slice(ctx.sourceRoot.length, -'.php'.length).split('/');
  const cls = parts.pop() ?? 'Unnamed';
  return { namespace: [ctx.namespace, ...parts].join('\\'), cls };
}

function copyright(ctx: ContentContext): string {
  return `/**\n * Copyright © ${ctx.vendorTitle}. All rights reserved.\n * See COPYING.txt for license details.\n */\n`;
}

function registration(ctx: ContentContext): string {
  return `<?php\n${copyright(ctx)}use Magento\\Framework\\Component\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::MODULE, '${ctx.moduleName}', __DIR__);\n`;
}

function moduleXml(ctx: ContentContext): string {
  const sequence = ctx.sequence.length === 0 ? '' : `        <sequence>\n${ctx.sequence.map((m) => `            <module name="${m}"/>\n`).join('')}        </sequence>\n`;
  return `<?xml version="1.0"?>\n<!--\n${copyright(ctx)}-->\n<config ${XSI} xsi:noNamespaceSchemaLocation="urn:magento:framework:Module/etc/module.xsd">\n    <module name="${ctx.moduleName}">\n${sequence}    </module>\n</config>\n`;
}

const HTACCESS = '# Module files are not meant to be served by the web server.\n# The first block is for Apache 2.2, the second for 2.4.\n<IfVersion < 2.4>\n    order allow,deny\n    deny from all\n</IfVersion>\n<IfVersion >= 2.4>\n    Require all denied\n</IfVersion>\n';

function sentence(r: SeededRandom): string {
  const words = Array.from({ length: r.between(4, 11) }, () => r.pick(WORDS)).join(' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

function paragraph(r: SeededRandom): string {
  return Array.from({ length: r.between(2, 6) }, () => sentence(r)).join(' ');
}

function title(r: SeededRandom): string {
  return `${r.pick(NOUNS)} ${r.pick(WORDS)}`;
}

function member(r: SeededRandom): { method: string; noun: string; param: string } {
  const noun = r.pick(NOUNS);
  const param = r.pick(NOUNS);
  return { method: `${r.pick(VERBS)}${noun}${r.pick(NOUNS)}`, noun, param: param.charAt(0).toLowerCase() + param.slice(1) };
}

function classMethod(r: SeededRandom): string {
  const { method, noun, param } = member(r);
  const configPath = `${snakeCase(noun)}/general/${snakeCase(param)}_${r.below(100)}`;
  const body = r.chance(0.5)
    ? `        $value = (string)$this->scopeConfig->getValue('${configPath}');\n        return $value !== '' && hash_equals($value, $${param});\n`
    : `        $limit = (int)$this->scopeConfig->getValue('${configPath}');\n        if ($limit <= 0) {\n            return false;\n        }\n        return strlen($${param}) <= $limit * ${r.between(2, 64)};\n`;
  return `\n    /**\n     * ${sentence(r)}\n     *\n     * @param string $${param}\n     * @return bool\n     */\n    public function ${method}(string $${param}): bool\n    {\n${body}    }\n`;
}

function interfaceMethod(r: SeededRandom): string {
  const { method, param } = member(r);
  return `\n    /**\n     * ${sentence(r)}\n     *\n     * @param string $${param}\n     * @return bool\n     */\n    public function ${method}(string $${param}): bool;\n`;
}

function testMethod(r: SeededRandom): string {
  const { method, param } = member(r);
  return `\n    public function test${method.charAt(0).toUpperCase()}${method.slice(1)}(): void\n    {\n        $${param} = '${r.pick(WORDS)}-${r.below(1000)}';\n        self::assertNotSame('', $${param}, '${sentence(r)}');\n    }\n`;
}

function templateField(r: SeededRandom): string {
  const field = snakeCase(r.pick(NOUNS));
  const id = `${field}-${r.below(1000)}`;
  return `    <div class="field field-${field}">\n        <label for="${id}"><?= $escaper->escapeHtml(__('${sentence(r).slice(0, -1)}')) ?></label>\n        <input id="${id}" name="${field}" type="text" value="<?= $escaper->escapeHtmlAttr($block->getData('${field}')) ?>"/>\n    </div>\n`;
}

function diNode(ctx: ContentContext): Block {
  return (r) => {
    const cls = `${ctx.namespace}\\Model\\${r.pick(NOUNS)}${r.pick(NOUNS)}`;
    if (r.chance(0.4)) return `    <preference for="${cls.replace('\\Model\\', '\\Api\\')}Interface" type="${cls}"/>\n`;
    return `    <type name="${cls}">\n        <arguments>\n            <argument name="${snakeCase(r.pick(NOUNS))}" xsi:type="number">${r.below(1000)}</argument>\n            <argument name="${snakeCase(r.pick(NOUNS))}" xsi:type="string">${r.pick(WORDS)}</argument>\n        </arguments>\n    </type>\n`;
  };
}

function configNode(r: SeededRandom): string {
  const id = snakeCase(r.pick(NOUNS));
  return `    <section id="${id}">\n        <group id="${snakeCase(r.pick(NOUNS))}" sortOrder="${r.below(100) * 10}">\n            <label>${sentence(r).slice(0, -1)}</label>\n            <field id="${id}_${r.below(100)}" type="text"/>\n        </group>\n    </section>\n`;
}

function jsMethod(r: SeededRandom): string {
  const { method, param } = member(r);
  return `        /**\n         * ${sentence(r)}\n         */\n        ${method}: function (${param}) {\n            return $.trim(${param}).length > ${r.between(1, 64)};\n        },\n\n`;
}

function lessRule(r: SeededRandom): string {
  return `& when (@media-common = true) {\n    .${kebabCase(r.pick(NOUNS))}-${kebabCase(r.pick(NOUNS))} {\n        margin: ${r.below(40)}px 0;\n        color: #${r.below(0xffffff).toString(16).padStart(6, '0')};\n    }\n}\n\n`;
}

function shellStep(r: SeededRandom): string {
  return `echo "${sentence(r)}"\nphp bin/magento config:show ${snakeCase(r.pick(NOUNS))}/general/${snakeCase(r.pick(NOUNS))} || true\n\n`;
}

function ciJob(r: SeededRandom): string {
  const name = `${kebabCase(r.pick(NOUNS))}-${r.below(100)}`;
  return `  ${name}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: composer validate --strict\n      - run: vendor/bin/phpunit --filter ${r.pick(NOUNS)}\n`;
}
