import { useState, type InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id' | 'className'>;

/**
 * A file input with a Norwegian button («Velg fil») and the chosen file's name, instead of the browser's own
 * (English) «Choose File». The real input stays in the page, focusable and named by `labelId` (the field's label),
 * visually hidden behind a label styled as a Designsystemet button; its focus ring is drawn on that button.
 */
export function FilePicker({
  id,
  labelId,
  buttonText = 'Velg fil',
  onChange,
  ...input
}: InputProps & { id: string; labelId: string; buttonText?: string }) {
  const [chosen, setChosen] = useState<string>();
  return (
    <div className="file-picker">
      <input
        {...input}
        id={id}
        type="file"
        className="file-picker-input"
        aria-labelledby={labelId}
        onChange={(e) => {
          setChosen(e.target.files?.[0]?.name);
          onChange?.(e);
        }}
      />
      <label
        htmlFor={id}
        className="ds-button file-picker-button"
        data-variant="secondary"
        data-size="sm"
        aria-hidden="true"
        aria-disabled={input.disabled || undefined}
      >
        {buttonText}
      </label>
      <span className="file-picker-name" aria-hidden="true">
        {chosen ?? 'Ingen fil valgt'}
      </span>
    </div>
  );
}
