import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { TextField } from './common';

import { normalPair, pairProblem } from '../util/forms';

export { normalPair };

/** A pair input with the source's pairs as suggestions, validated as typed. */
export function PairField({ label, value, onCommit, pairs, name }: { label: string; value: string; onCommit: (v: string) => void; pairs: readonly string[]; name: string }) {
  const i18n = useI18n();
  const list = useId();
  return (
    <>
      <TextField
        name={name}
        label={label}
        value={value}
        width="7.5em"
        list={list}
        validate={(v) => pairProblem(v, pairs, i18n)}
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
