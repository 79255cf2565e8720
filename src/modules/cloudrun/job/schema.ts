import { z } from 'zod';
import { containerFields, jobFields } from '../container-schema';

/** The shape of `configuration/cloudrun/jobs/<name>.yaml`. */
export const CloudRunJobSchema = z
  .strictObject({ ...containerFields, ...jobFields })
  .meta({ title: 'gdp Cloud Run job', description: 'A Cloud Run job (module type gcrjob).' });

/** A validated job file. */
export type CloudRunJobConfig = z.output<typeof CloudRunJobSchema>;
