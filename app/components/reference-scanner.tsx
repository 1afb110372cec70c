import { useEffect, useRef, useState } from 'react'
import { useTranslation } from '#app/utils/use-translation.tsx'

/**
 * "Scan the QR code": a progressive enhancement of the reference field. It appears only
 * where JavaScript runs and a camera can be asked for; it reads the booking's QR code
 * (which holds the reference), fills the field and submits the form. The browser's own
 * BarcodeDetector is used where it exists; elsewhere ZXing is loaded on the first press,
 * so no page pays for a scanner it does not use.
 */

type Stop = () => void

interface DetectorLike {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>
}
type DetectorConstructor = (new (options: { formats: string[] }) => DetectorLike) & {
  getSupportedFormats?: () => Promise<string[]>
}

async function nativeDetector(): Promise<DetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector
  if (!Detector) return null
  const formats = (await Detector.getSupportedFormats?.()) ?? []
  return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null
}

async function startScanning(video: HTMLVideoElement, onText: (text: string) => void): Promise<Stop> {
  const detector = await nativeDetector()
  if (detector) {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
    video.srcObject = stream
    await video.play()
    let running = true
    const tick = async () => {
      if (!running) return
      try {
        const [code] = await detector.detect(video)
        if (code?.rawValue) onText(code.rawValue)
      } catch {
        // A frame that could not be read; try the next one.
      }
      if (running) window.setTimeout(tick, 200)
    }
    void tick()
    return () => {
      running = false
      stream.getTracks().forEach((track) => track.stop())
      video.srcObject = null
    }
  }
  const { BrowserQRCodeReader } = await import('@zxing/browser')
  const reader = new BrowserQRCodeReader()
  const controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, video, (result) => {
    if (result) onText(result.getText())
  })
  return () => controls.stop()
}

export function ReferenceScanner({ formId, inputId }: { formId: string; inputId: string }) {
  const { t } = useTranslation('desk')
  const [available, setAvailable] = useState(false)
  const [state, setState] = useState<'idle' | 'starting' | 'scanning' | 'found' | 'failed'>('idle')
  const videoRef = useRef<HTMLVideoElement>(null)
  const stopRef = useRef<Stop | null>(null)

  useEffect(() => {
    setAvailable(typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia))
    return () => stopRef.current?.()
  }, [])

  if (!available) return null

  const stop = () => {
    stopRef.current?.()
    stopRef.current = null
  }

  const start = async () => {
    if (!videoRef.current) return
    setState('starting')
    try {
      stopRef.current = await startScanning(videoRef.current, (text) => {
        const input = document.getElementById(inputId) as HTMLInputElement | null
        const form = document.getElementById(formId) as HTMLFormElement | null
        if (!input || !form) return
        stop()
        setState('found')
        input.value = text.trim()
        form.requestSubmit()
      })
      setState('scanning')
    } catch {
      stop()
      setState('failed')
    }
  }

  const scanning = state === 'starting' || state === 'scanning'
  return (
    <div className="scanner">
      {scanning ? (
        <button
          type="button"
          className="button button--secondary button--large"
          onClick={() => {
            stop()
            setState('idle')
          }}
        >
          {t('scanner.stop')}
        </button>
      ) : (
        <button type="button" className="button button--secondary button--large" onClick={() => void start()}>
          {t('scanner.start')}
        </button>
      )}
      <video ref={videoRef} className="scanner__video" hidden={!scanning} muted playsInline aria-hidden="true" />
      <p role="status" className="scanner__status">
        {state === 'scanning' ? t('scanner.looking') : state === 'failed' ? t('scanner.failed') : ''}
      </p>
    </div>
  )
}
