import { Database } from '../db/client';
import { applyDueSettings } from '../services/stores/dated-settings';
import type { CronTask } from './scheduled';

/**
 * Moves store settings scheduled for a time now past ("PBJT 11 % from 1 January") onto their
 * stores rows, so the delta carries them to the tills and lists show them. One statement over a
 * small partial index whatever the number of stores; running it twice changes nothing more.
 * Sales never wait for it: they read the settings history at their own moment.
 */
export const applyDueStoreSettings: CronTask = async (env, logger, scheduledTime) => {
  const database = new Database(env, logger);
  try {
    const stores = await applyDueSettings(database.db, scheduledTime);
    logger.info('scheduled store settings applied', { stores });
  } finally {
    await database.close();
  }
};
