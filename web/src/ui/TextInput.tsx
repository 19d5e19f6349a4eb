// A labelled text field (React Aria): its error, from the browser's validation or the server's details,
// is shown right under it and tied to it for screen readers.
import {
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
  type TextFieldProps,
} from 'react-aria-components';

interface Props extends Omit<TextFieldProps, 'children'> {
  label: string;
  description?: string;
  errorMessage?: string | undefined;
  multiline?: boolean;
  placeholder?: string;
}

export function TextInput({ label, description, errorMessage, multiline, placeholder, ...props }: Props) {
  return (
    <TextField {...props} className="field" isInvalid={errorMessage ? true : props.isInvalid}>
      <Label>{label}</Label>
      {multiline ? <TextArea placeholder={placeholder} rows={3} /> : <Input placeholder={placeholder} />}
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{errorMessage}</FieldError>
    </TextField>
  );
}
