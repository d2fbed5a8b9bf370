import { lines } from './content-blocks.js';

const HEADER = ['/**', ' * Copyright © Magento, Inc. All rights reserved.', ' * See COPYING.txt for license details.', ' */'];

const BOOTSTRAP_CALL = [
  "require __DIR__ . '/app/bootstrap.php';",
  '',
  '$bootstrap = \\Magento\\Framework\\App\\Bootstrap::create(BP, $_SERVER);',
  '/** @var \\Magento\\Framework\\App\\Http $app */',
  "$app = $bootstrap->createApplication(\\Magento\\Framework\\App\\Http::class);",
  '$bootstrap->run($app);',
];

/** Root files whose text never changes between releases, by path. Executable ones are listed in EXECUTABLE_ROOT_FILES. */
export const STATIC_ROOT_FILES: ReadonlyArray<readonly [string, string]> = [
  ['index.php', lines('<?php', ...HEADER, '', ...BOOTSTRAP_CALL)],
  ['pub/index.php', lines('<?php', ...HEADER, '', ...BOOTSTRAP_CALL.map((line) => line.replace("'/app/", "'/../app/")))],
  [
    'app/autoload.php',
    lines(
      '<?php',
      ...HEADER,
      'declare(strict_types=1);',
      '',
      "$vendorDir = require __DIR__ . '/etc/vendor_path.php';",
      "$vendorAutoload = BP . \"/{$vendorDir}/autoload.php\";",
      'if (!file_exists($vendorAutoload)) {',
      "    throw new \\Exception('Vendor autoload is not found. Please run \\'composer install\\' under application root directory.');",
      '}',
      'return include $vendorAutoload;',
    ),
  ],
  [
    'app/bootstrap.php',
    lines(
      '<?php',
      ...HEADER,
      '',
      "error_reporting(E_ALL);",
      "define('BP', dirname(__DIR__));",
      "require_once __DIR__ . '/autoload.php';",
      "date_default_timezone_set('UTC');",
      "ini_set('precision', '14');",
      "ini_set('serialize_precision', '17');",
    ),
  ],
  ['app/etc/vendor_path.php', lines('<?php', '/**', ' * Path to Composer vendor directory', ' */', "return './vendor';")],
  [
    'app/etc/NonComposerComponentRegistration.php',
    lines(
      '<?php',
      ...HEADER,
      '',
      "$pathList = require __DIR__ . '/registration_globlist.php';",
      'foreach ($pathList as $path) {',
      "    foreach (glob(BP . '/app/' . $path, GLOB_NOSORT) as $file) {",
      '        include $file;',
      '    }',
      '}',
    ),
  ],
  ['app/etc/registration_globlist.php', lines('<?php', ...HEADER, '', 'return [', "    'code/*/*/cli_commands.php',", "    'code/*/*/registration.php',", '];')],
  [
    '.gitignore',
    lines('/.buildpath', '/.cache', '/.idea', '/.php-cs-fixer.cache', '/app/etc/env.php', '/app/etc/config.php', '/auth.json', '/generated/*', '!/generated/.htaccess', '/pub/media/*', '/pub/static/*', '!/pub/static/.htaccess', '/var/*', '!/var/.htaccess', '/vendor/*'),
  ],
];

export const EXECUTABLE_ROOT_FILES: ReadonlyArray<readonly [string, string]> = [
  [
    'bin/magento',
    lines(
      '#!/usr/bin/env php',
      '<?php',
      ...HEADER,
      '',
      "if (PHP_SAPI !== 'cli') {",
      "    echo 'bin/magento must be run as a CLI application';",
      '    exit(1);',
      '}',
      "require __DIR__ . '/../app/bootstrap.php';",
      '$application = new \\Magento\\Framework\\Console\\Cli(\'Magento CLI\');',
      '$application->run();',
    ),
  ],
];

/** The .htaccess that keeps a directory from being served; file-content writes it for any `.htaccess` path. */
export const HTACCESS_PATHS = ['.htaccess', 'app/.htaccess', 'bin/.htaccess', 'dev/.htaccess', 'generated/.htaccess', 'lib/.htaccess', 'pub/static/.htaccess', 'setup/.htaccess', 'var/.htaccess'];
