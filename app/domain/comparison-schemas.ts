import * as z from 'zod'
import { comparisonMeasures, MAX_WEIGHT, type ComparisonMeasure } from './comparison.ts'

// The district admin's weights form. Messages are translation keys of the district namespace.

const weightField = z.coerce
  .number({ error: 'district:weights.errors.range' })
  .int('district:weights.errors.range')
  .min(0, 'district:weights.errors.range')
  .max(MAX_WEIGHT, 'district:weights.errors.range')

const weightFields = Object.fromEntries(comparisonMeasures.map((measure) => [measure, weightField])) as Record<
  ComparisonMeasure,
  typeof weightField
>

export const weightsSchema = z
  .object({ intent: z.literal('weights'), ...weightFields })
  .refine((value) => comparisonMeasures.some((measure) => value[measure] > 0), {
    message: 'district:weights.errors.allZero',
  })
