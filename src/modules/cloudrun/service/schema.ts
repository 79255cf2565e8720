import { z } from 'zod';
import { CONCURRENCY, MAX_INSTANCES, PORT_RANGE } from '../limits';
import { containerFields, durationSchema } from '../container-schema';

/** The shape of `configuration/cloudrun/services/<name>.yaml`. */
export const CloudRunServiceSchema = z
  .strictObject({
    ...containerFields,
    port: z.number().int().min(PORT_RANGE.min).max(PORT_RANGE.max).default(8080).meta({ description: 'Port the container listens on (Cloud Run sets PORT to it).' }),
    min_instances: z.number().int().min(0).max(MAX_INSTANCES).default(0).meta({ description: 'Instances kept warm.' }),
    max_instances: z.number().int().min(1).max(MAX_INSTANCES).default(100).meta({ description: 'Most instances at once, up to 1000.' }),
    concurrency: z.number().int().min(CONCURRENCY.min).max(CONCURRENCY.max).default(80).meta({ description: 'Requests one instance serves at once, 1–1000.' }),
    timeout: durationSchema.default('300s').meta({ description: 'Request timeout, up to 60m.' }),
    ingress: z
      .enum(['all', 'internal', 'internal_and_load_balancing'])
      .default('internal')
      .meta({ description: 'Who may reach the service: internal (the project’s VPC and Google services such as Workflows, Scheduler, Eventarc), internal_and_load_balancing, or all.' }),
    public: z.boolean().default(false).meta({ description: 'The service is meant for anyone on the internet; only then is allow_unauthenticated accepted.' }),
    allow_unauthenticated: z.boolean().default(false).meta({ description: 'Let anyone call the service without a token (allUsers gets roles/run.invoker). Needs public: true.' }),
  })
  .meta({ title: 'gdp Cloud Run service', description: 'A Cloud Run service (module type gcr).' });

/** A validated service file. */
export type CloudRunServiceConfig = z.output<typeof CloudRunServiceSchema>;
