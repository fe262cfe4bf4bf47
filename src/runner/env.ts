/** The run's settings, from the one configuration module (src/config.ts); kept for the modules that import them from here. */
export { ROOT, readSettings, settingsEnv, type RunSettings } from '../config.js';
