import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { TextField } from './common';

const PAIR = /^[A-Za-z]{3}[/_\-. ]?[A-Za-z]{3}$/;

/** Normalises `eurusd`, `EUR_USD` to `EUR/USD` (the server accepts any; this keeps the URL tidy). */
export function normalPair(text: string): string {
  const t = text.trim().toUpperCase().replace(/[_\-. ]/, '/');
  return /^[A-Z]{6}$/.test(t) ? `${t.slice(0, 3)}/${t.slice(3)}` : t;
}

/** A pair input with the source's pairs as suggestions, validated as typed. */
export function PairField({ label, value, onCommit, pairs, name }: { label: string; value: string; onCommit: (v: string) => void; pairs: readonly string[]; name: string }) {
  const { t } = useI18n();
  const list = useId();
  return (
    <>
      <TextField
        name={name}
        label={label}
        value={value}
        width="7.5em"
        list={list}
        validate={(v) => (!PAIR.test(v.trim()) ? t('form.invalid.pair') : pairs.length && !pairs.includes(normalPair(v)) ? t('form.invalid.pairUnknown', { pair: normalPair(v) }) : null)}
        onCommit={(v) => onCommit(normalPair(v))}
      />
      <datalist id={list}>
        {pairs.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
    </>
  );
}
