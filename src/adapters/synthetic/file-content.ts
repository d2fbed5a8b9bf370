import {
  ciJob, classMethod, configNode, csvRow, diNode, interfaceMethod, jsMethod, lessRule, lines, markdownSection, paragraph, sentence, shellStep,
  templateField, testMethod, type Block,
} from './content-blocks.js';
import { kebabCase, snakeCase } from './module-files.js';
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
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const FIXED = ['composer.json', 'registration.php', 'etc/module.xml', '.htaccess'];

/** Files a new revision can change; the others are fixed by the package's identity. */
export function isEditable(path: string): boolean {
  return !FIXED.some((p) => path === p || path.endsWith(`/${p}`));
}

/** composer.json as Magento writes it: 4-space indent, final newline. */
export function composerJson(json: Record<string, unknown>): string {
  return `${JSON.stringify(json, null, 4)}\n`;
}

/**
 * Plausible text for a file, 200 B to 8 KB, chosen by its path. The same key, path and revision give the same text;
 * a new revision rewrites one block (a method, an XML node, a paragraph), as a real edit would.
 */
export function fileContent(path: string, ctx: ContentContext, key: string, revision: number): string {
  const r = SeededRandom.derive(key, path);
  const rev = revision === 0 ? null : SeededRandom.derive(key, path, revision);
  const build = (head: string, tail: string, block: Block) => assemble(r, rev, head, tail, block);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  if (name === 'registration.php') return registration(ctx);
  if (path.endsWith('etc/module.xml')) return moduleXml(ctx);
  if (name === '.htaccess') return HTACCESS;
  switch (ext) {
    case '.php': {
      const { namespace, cls } = phpName(path, ctx);
      const head = lines('<?php', copyright(ctx), 'declare(strict_types=1);', '', `namespace ${namespace};`, '', '/**', ` * ${sentence(r)}`, ' */');
      if (cls.endsWith('Test')) return build(`${head}${lines(`class ${cls} extends \\PHPUnit\\Framework\\TestCase`, '{')}`, '}\n', testMethod);
      if (cls.endsWith('Interface')) return build(`${head}${lines(`interface ${cls}`, '{')}`, '}\n', interfaceMethod);
      const ctor = [
        '    public function __construct(',
        '        private readonly \\Magento\\Framework\\App\\Config\\ScopeConfigInterface $scopeConfig',
        '    ) {',
        '    }',
      ];
      return build(`${head}${lines(`class ${cls}`, '{', ...ctor)}`, '}\n', classMethod);
    }
    case '.phtml': {
      const vars = ['/** @var \\Magento\\Framework\\View\\Element\\Template $block */', '/** @var \\Magento\\Framework\\Escaper $escaper */'];
      const open = `<div class="${kebabCase(ctx.moduleName.replace('_', ''))}">`;
      return build(lines('<?php', copyright(ctx), ...vars, '?>', open), '</div>\n', templateField);
    }
    case '.xml': {
      const root = path.includes('/layout/') ? 'page' : 'config';
      const di = name === 'di.xml';
      const schema = di ? 'urn:magento:framework:ObjectManager/etc/config.xsd' : `urn:magento:module:Magento_Store:etc/${snakeCase(name.slice(0, -4))}.xsd`;
      const head = lines('<?xml version="1.0"?>', '<!--', copyright(ctx), '-->', `<${root} ${XSI} xsi:noNamespaceSchemaLocation="${schema}">`);
      return build(head, lines(`</${root}>`), di ? diNode(ctx.namespace) : configNode);
    }
    case '.csv':
      return build('', '', csvRow);
    case '.md':
      return build(lines(`# ${ctx.moduleName}`, '', sentence(r), ''), '', markdownSection);
    case '.js': {
      const head = lines('define([', "    'jquery',", "    'uiComponent'", '], function ($, Component) {', "    'use strict';", '', '    return Component.extend({');
      return build(head, lines('        defaults: {}', '    });', '});'), jsMethod);
    }
    case '.less':
      return build(lines('//', `//  ${ctx.moduleName}`, `//  ${'_'.repeat(40)}`, ''), '', lessRule);
    case '.sh':
      return build(lines('#!/bin/sh', `# ${sentence(r)}`, 'set -eu', ''), '', shellStep);
    case '.yml':
      return build(lines('name: CI', 'on: [push, pull_request]', 'jobs:'), '', ciJob);
    default:
      return build(lines(sentence(r), ''), '', (b) => lines(paragraph(b), ''));
  }
}

/** A head, blocks up to a random size, a tail; a revision redraws one of the blocks. */
function assemble(r: SeededRandom, rev: SeededRandom | null, head: string, tail: string, block: Block): string {
  const target = Math.round(Math.exp(Math.log(MIN_TARGET) + r.next() * Math.log(MAX_TARGET / MIN_TARGET)));
  const parts: string[] = [];
  let size = head.length + tail.length;
  while (size < target) {
    const next = block(r);
    if (parts.length > 0 && size + next.length > MAX_SIZE) break;
    parts.push(next);
    size += next.length;
  }
  if (rev !== null) parts[rev.below(parts.length)] = block(rev);
  return head + parts.join('') + tail;
}

function phpName(path: string, ctx: ContentContext): { namespace: string; cls: string } {
  const parts = path.slice(ctx.sourceRoot.length, -'.php'.length).split('/');
  const cls = parts.pop() ?? 'Unnamed';
  return { namespace: [ctx.namespace, ...parts].join('\\'), cls };
}

function copyright(ctx: ContentContext): string {
  return ['/**', ` * Copyright © ${ctx.vendorTitle}. All rights reserved.`, ' * See COPYING.txt for license details.', ' */'].join('\n');
}

function registration(ctx: ContentContext): string {
  return lines(
    '<?php',
    copyright(ctx),
    'use Magento\\Framework\\Component\\ComponentRegistrar;',
    '',
    `ComponentRegistrar::register(ComponentRegistrar::MODULE, '${ctx.moduleName}', __DIR__);`,
  );
}

function moduleXml(ctx: ContentContext): string {
  const sequence = ctx.sequence.length === 0 ? [] : ['        <sequence>', ...ctx.sequence.map((m) => `            <module name="${m}"/>`), '        </sequence>'];
  return lines(
    '<?xml version="1.0"?>',
    '<!--',
    copyright(ctx),
    '-->',
    `<config ${XSI} xsi:noNamespaceSchemaLocation="urn:magento:framework:Module/etc/module.xsd">`,
    `    <module name="${ctx.moduleName}">`,
    ...sequence,
    '    </module>',
    '</config>',
  );
}

const HTACCESS = lines(
  '# Module files are not meant to be served by the web server.',
  '# The first block is for Apache 2.2, the second for 2.4.',
  '<IfVersion < 2.4>',
  '    order allow,deny',
  '    deny from all',
  '</IfVersion>',
  '<IfVersion >= 2.4>',
  '    Require all denied',
  '</IfVersion>',
);
