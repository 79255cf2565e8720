/**
 * Jest setup (setupFilesAfterEnv): every test file gets its own empty incremental cache folder, removed after
 * it, so no test leaves `.gdp-cache/` in the repository and no test depends on what an earlier run cached.
 */
import { tempDir } from './index';

process.env.GDP_CACHE_DIR = tempDir('gdp-cache-');
