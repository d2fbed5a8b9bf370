/** Constants of the zip container as the public Mage-OS archives write it (see docs/archives.md). */
export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
export const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_OF_CENTRAL_DIRECTORY_SIZE = 22;

/** Made by: host 3 (Unix), zip specification 3.0. */
export const VERSION_MADE_BY = 0x031e;
export const VERSION_NEEDED_STORED = 10;
export const VERSION_NEEDED_DEFLATE = 20;
export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
/** General purpose flag bit 11: the entry name is UTF-8. */
export const FLAG_UTF8 = 0x0800;
/** Every entry carries 2022-02-22 22:02:22, the fixed timestamp of the public archives. */
export const DOS_TIME = 0xb04b;
export const DOS_DATE = 0x5456;
/** MS-DOS directory attribute, set beside the Unix mode of directory entries. */
export const MSDOS_DIRECTORY = 0x10;
export const MAX_ENTRIES = 0xffff;
export const MAX_SIZE = 0xffffffff;
