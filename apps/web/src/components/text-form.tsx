import { Button, Textfield } from '@digdir/designsystemet-react';
import { useState, type ComponentProps, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { useAction } from '../lib/use-action';
import { ProblemAlert } from './problem-alert';

/**
 * A form of one text and a button: a reason, an outcome, a reply, a report. A `required` text is checked before
 * sending (the message says what to write); the text is sent trimmed, and cleared once the change is made.
 */
export function TextForm({
  label,
  description,
  rows,
  required,
  submit,
  button,
  send,
  onDone,
  fieldLabels,
  maxWidth = '40rem',
  style,
  children,
}: {
  label: string;
  description?: string;
  /** Lines of a multi-line field; without, one line. */
  rows?: number;
  required?: string;
  submit: ReactNode;
  button?: Omit<ComponentProps<typeof Button>, 'type' | 'disabled' | 'children'>;
  send: (text: string) => Promise<unknown>;
  onDone?: () => void;
  /** Names of the API's fields, for its problem+json (e.g. `{ reason: 'Begrunnelse' }`). */
  fieldLabels?: Record<string, string>;
  maxWidth?: string;
  style?: CSSProperties;
  /** Shown between the field and the button. */
  children?: ReactNode;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const action = useAction(() => {
    setText('');
    onDone?.();
  });
  const submitted = (e: FormEvent) => {
    e.preventDefault();
    if (required && !text.trim()) return setError(required);
    setError(undefined);
    void action.run(() => send(text.trim()));
  };
  const field = {
    label,
    description,
    value: text,
    error,
    onChange: (e: { target: { value: string } }) => setText(e.target.value),
  };
  return (
    <form onSubmit={submitted} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth, ...style }}>
      <ProblemAlert problem={action.problem} fieldLabels={fieldLabels} />
      {rows ? <Textfield multiline rows={rows} {...field} /> : <Textfield {...field} />}
      {children}
      <div>
        <Button {...button} type="submit" disabled={action.busy}>
          {submit}
        </Button>
      </div>
    </form>
  );
}
