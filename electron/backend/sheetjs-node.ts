import zlib from 'node:zlib';
import { enableNativeZlib } from '../../core/exchange/write';

/**
 * SheetJS on Node: use Node's zlib for (un)zipping workbooks — about twice as fast to read and 2–3× smaller
 * files than SheetJS's pure-JS deflate. Imported for its effect by everything that opens a backend or a job.
 */
enableNativeZlib(zlib);
