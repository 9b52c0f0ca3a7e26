/**
 * The portal's recurring form pieces on top of client-shared/ui/fields.tsx: the CPF field (mask,
 * check digits verified as typed), the new-password pair, and the form's end (its error and the
 * full-width submit button that says when it is busy).
 */
import { type Accessor, type Setter } from "solid-js";
import { FormError, TextField } from "../../../client-shared/ui/fields.tsx";
import { digits, maskCpf } from "../../../client-shared/masks.ts";
import { cpfError, SENHA_MIN } from "./checks.ts";
import type { Form } from "./form.ts";

export function CpfField(props: {
  form: Form;
  value: string;
  onInput: (v: string) => void;
  /** Say "CPF válido" once the 11 digits check (cadastro). */
  confirmValid?: boolean;
  autocomplete?: string;
}) {
  return (
    <TextField
      label="CPF"
      name="cpf"
      value={props.value}
      onInput={(v) => {
        props.onInput(v);
        props.form.setError("cpf", cpfError(v));
      }}
      mask={maskCpf}
      data-live-check
      inputMode="numeric"
      autocomplete={props.autocomplete ?? "username"}
      placeholder="000.000.000-00"
      error={props.form.error("cpf")}
      hint={props.confirmValid && digits(props.value).length === 11 && !cpfError(props.value)
        ? <span class="text-green-800">CPF válido.</span>
        : undefined}
    />
  );
}

/** "Nova senha" and "Repita a nova senha" (errors `nova_senha`, `confirma`). */
export function NovaSenhaFields(props: {
  form: Form;
  senha: Accessor<string>;
  setSenha: Setter<string>;
  confirma: Accessor<string>;
  setConfirma: Setter<string>;
}) {
  return (
    <>
      <TextField
        label="Nova senha"
        name="nova_senha"
        type="password"
        autocomplete="new-password"
        value={props.senha()}
        onInput={props.setSenha}
        hint={`No mínimo ${SENHA_MIN} caracteres.`}
        error={props.form.error("nova_senha")}
      />
      <TextField
        label="Repita a nova senha"
        name="confirma"
        type="password"
        autocomplete="new-password"
        value={props.confirma()}
        onInput={props.setConfirma}
        error={props.form.error("confirma")}
      />
    </>
  );
}

/** The form's own error, then its submit button. */
export function FormEnd(props: { form: Form; label: string; busyLabel?: string }) {
  return (
    <>
      <FormError id={props.form.formErrorId} message={props.form.formError()} />
      <button type="submit" class="btn btn-primary w-full" disabled={props.form.busy()}>
        {props.form.busy() ? props.busyLabel ?? "Salvando…" : props.label}
      </button>
    </>
  );
}
