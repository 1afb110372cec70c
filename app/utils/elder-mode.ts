import { useRouteLoaderData } from '@remix-run/react'

/** Off, on (larger, simpler), or on with the text a step larger still. */
export const elderModes = ['off', 'on', 'larger'] as const
export type ElderMode = (typeof elderModes)[number]

export function isElderMode(value: unknown): value is ElderMode {
  return elderModes.includes(value as ElderMode)
}

/** This page's elder mode, as the root loader decided it (off on error pages without data). */
export function useElderMode(): ElderMode {
  const data = useRouteLoaderData<{ elderMode?: ElderMode }>('root')
  return data?.elderMode ?? 'off'
}
