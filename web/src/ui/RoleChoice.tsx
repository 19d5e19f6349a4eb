// A labelled group of role checkboxes (React Aria CheckboxGroup).
import { Checkbox, CheckboxGroup, FieldError, Label } from 'react-aria-components';

export function RoleChoice(props: {
  label: string;
  roles: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
  errorMessage?: string | undefined;
}) {
  return (
    <CheckboxGroup
      className="field checkbox-group"
      value={props.value}
      onChange={props.onChange}
      isInvalid={Boolean(props.errorMessage)}
    >
      <Label>{props.label}</Label>
      <div className="checkboxes">
        {props.roles.map((role) => (
          <Checkbox key={role} value={role} className="checkbox">
            <span className="checkbox-box" aria-hidden="true">
              ✓
            </span>
            {role}
          </Checkbox>
        ))}
      </div>
      <FieldError>{props.errorMessage}</FieldError>
    </CheckboxGroup>
  );
}
