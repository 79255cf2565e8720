/** Field schemas shared by several module types. */
import { z } from 'zod';

/** GCP labels: lowercase keys and values, at most 64. */
export const labelsSchema = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'a label key: a lowercase letter, then up to 62 lowercase letters, digits, "_" or "-"'),
    z.string().regex(/^[a-z0-9_-]{0,63}$/, 'a label value: up to 63 lowercase letters, digits, "_" or "-"'),
  )
  .refine((l) => Object.keys(l).length <= 60, { message: 'at most 60 labels (gdp adds app, env and more)' })
  .meta({ description: 'Labels added to the resource, besides the ones gdp adds (app, env, …).' });

/** A logical name usable in generated names: lowercase letters, digits and "_". */
export const logicalNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a name of lowercase letters, digits and "_", starting with a letter');
