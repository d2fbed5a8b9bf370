import { kebabCase, NOUNS, snakeCase } from './module-files.js';
import type { SeededRandom } from './seeded-random.js';

/** One repeatable part of a file (a method, an XML node, a paragraph), drawn from a random stream. */
export type Block = (r: SeededRandom) => string;

const VERBS = ['get', 'is', 'has', 'check', 'validate', 'load', 'save', 'build', 'resolve', 'apply', 'create', 'reset', 'count', 'send', 'find'];
const WORDS = [
  ...NOUNS.map((n) => n.toLowerCase()),
  'secure', 'enable', 'provide', 'store', 'public', 'admin', 'login', 'password', 'website', 'notification', 'template',
  'module', 'every', 'when', 'the', 'for', 'and', 'with', 'before', 'after', 'current', 'allowed', 'invalid', 'expired',
];

/** Joins lines and ends the text with a newline. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

export function sentence(r: SeededRandom): string {
  const words = Array.from({ length: r.between(4, 11) }, () => r.pick(WORDS)).join(' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

export const paragraph: Block = (r) => Array.from({ length: r.between(2, 6) }, () => sentence(r)).join(' ');

export const markdownSection: Block = (r) => lines(`## ${r.pick(NOUNS)} ${r.pick(WORDS)}`, '', paragraph(r), '');

export const csvRow: Block = (r) => {
  const text = sentence(r).slice(0, -1);
  return lines(`"${text}","${text}"`);
};

function member(r: SeededRandom): { method: string; noun: string; param: string } {
  const noun = r.pick(NOUNS);
  const param = r.pick(NOUNS);
  return { method: `${r.pick(VERBS)}${noun}${r.pick(NOUNS)}`, noun, param: param.charAt(0).toLowerCase() + param.slice(1) };
}

function docBlock(r: SeededRandom, param: string): string[] {
  return ['    /**', `     * ${sentence(r)}`, '     *', `     * @param string $${param}`, '     * @return bool', '     */'];
}

export const classMethod: Block = (r) => {
  const { method, noun, param } = member(r);
  const read = `$this->scopeConfig->getValue('${snakeCase(noun)}/general/${snakeCase(param)}_${r.below(100)}')`;
  const body = r.chance(0.5)
    ? [`        $value = (string)${read};`, `        return $value !== '' && hash_equals($value, $${param});`]
    : [
        `        $limit = (int)${read};`,
        '        if ($limit <= 0) {',
        '            return false;',
        '        }',
        `        return strlen($${param}) <= $limit * ${r.between(2, 64)};`,
      ];
  return lines('', ...docBlock(r, param), `    public function ${method}(string $${param}): bool`, '    {', ...body, '    }');
};

export const interfaceMethod: Block = (r) => {
  const { method, param } = member(r);
  return lines('', ...docBlock(r, param), `    public function ${method}(string $${param}): bool;`);
};

export const testMethod: Block = (r) => {
  const { method, param } = member(r);
  return lines(
    '',
    `    public function test${method.charAt(0).toUpperCase()}${method.slice(1)}(): void`,
    '    {',
    `        $${param} = '${r.pick(WORDS)}-${r.below(1000)}';`,
    `        self::assertNotSame('', $${param}, '${sentence(r)}');`,
    '    }',
  );
};

export const templateField: Block = (r) => {
  const field = snakeCase(r.pick(NOUNS));
  const id = `${field}-${r.below(1000)}`;
  return lines(
    `    <div class="field field-${field}">`,
    `        <label for="${id}"><?= $escaper->escapeHtml(__('${sentence(r).slice(0, -1)}')) ?></label>`,
    `        <input id="${id}" name="${field}" type="text" value="<?= $escaper->escapeHtmlAttr($block->getData('${field}')) ?>"/>`,
    '    </div>',
  );
};

export function diNode(namespace: string): Block {
  return (r) => {
    const type = `${namespace}\\Model\\${r.pick(NOUNS)}${r.pick(NOUNS)}`;
    if (r.chance(0.4)) return lines(`    <preference for="${type.replace('\\Model\\', '\\Api\\')}Interface" type="${type}"/>`);
    return lines(
      `    <type name="${type}">`,
      '        <arguments>',
      `            <argument name="${snakeCase(r.pick(NOUNS))}" xsi:type="number">${r.below(1000)}</argument>`,
      `            <argument name="${snakeCase(r.pick(NOUNS))}" xsi:type="string">${r.pick(WORDS)}</argument>`,
      '        </arguments>',
      '    </type>',
    );
  };
}

export const configNode: Block = (r) => {
  const id = snakeCase(r.pick(NOUNS));
  return lines(
    `    <section id="${id}">`,
    `        <group id="${snakeCase(r.pick(NOUNS))}" sortOrder="${r.below(100) * 10}">`,
    `            <label>${sentence(r).slice(0, -1)}</label>`,
    `            <field id="${id}_${r.below(100)}" type="text"/>`,
    '        </group>',
    '    </section>',
  );
};

export const jsMethod: Block = (r) => {
  const { method, param } = member(r);
  return lines(
    '        /**',
    `         * ${sentence(r)}`,
    '         */',
    `        ${method}: function (${param}) {`,
    `            return $.trim(${param}).length > ${r.between(1, 64)};`,
    '        },',
    '',
  );
};

export const lessRule: Block = (r) =>
  lines(
    '& when (@media-common = true) {',
    `    .${kebabCase(r.pick(NOUNS))}-${kebabCase(r.pick(NOUNS))} {`,
    `        margin: ${r.below(40)}px 0;`,
    `        color: #${r.below(0xffffff).toString(16).padStart(6, '0')};`,
    '    }',
    '}',
    '',
  );

export const shellStep: Block = (r) =>
  lines(`echo "${sentence(r)}"`, `php bin/magento config:show ${snakeCase(r.pick(NOUNS))}/general/${snakeCase(r.pick(NOUNS))} || true`, '');

export const ciJob: Block = (r) =>
  lines(
    `  ${kebabCase(r.pick(NOUNS))}-${r.below(100)}:`,
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: composer validate --strict',
    `      - run: vendor/bin/phpunit --filter ${r.pick(NOUNS)}`,
  );
