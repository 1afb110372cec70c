import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'

/** A GET form, so search works without JavaScript and results have a shareable address. */
export function SearchForm({ defaultValue = '', id = 'search-q' }: { defaultValue?: string; id?: string }) {
  const { t } = useTranslation()
  return (
    <Form method="get" action="/search" role="search" className="search-form">
      <label htmlFor={id}>{t('search.label')}</label>
      <div className="search-form__row">
        <input
          id={id}
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={100}
          placeholder={t('search.placeholder')}
        />
        <button type="submit">{t('search.submit')}</button>
      </div>
    </Form>
  )
}
