// A labelled select (React Aria Select: a button with a listbox popover, fully keyboard operable).
import {
  Button,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';

export interface Option {
  id: string;
  label: string;
}

interface Props {
  label: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  /** When set, an extra first option with the empty value (e.g. "Any status"). */
  anyLabel?: string;
  errorMessage?: string | undefined;
  isDisabled?: boolean;
  name?: string;
}

export const ANY = '';

export function SelectField({ label, options, value, onChange, anyLabel, errorMessage, ...rest }: Props) {
  const items = anyLabel ? [{ id: ANY, label: anyLabel }, ...options] : options;
  const known = items.some((o) => o.id === value);
  return (
    <Select
      {...rest}
      className="field"
      value={known ? value : null}
      onChange={(key) => onChange(key === null ? ANY : String(key))}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </Button>
      <FieldError>{errorMessage}</FieldError>
      <Popover className="popover">
        <ListBox items={items} className="listbox">
          {(item) => (
            <ListBoxItem id={item.id} textValue={item.label} className="listbox-item">
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
