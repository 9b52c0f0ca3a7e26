/**
 * The patient's record: nome, CPF (checked as typed), nascimento, telefone, e-mail, tipo,
 * vínculo, nome da mãe, up to 3 contatos and the eligible tipos de slot. Validated with the
 * server's schema before sending; the server's messages land next to their fields. Read-only
 * (disabled) for whoever lacks the `pacientes` permission.
 */
import { createResource, createSignal, Index, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { useApp } from "../../app/context.tsx";
import { SelectField, TextField } from "../../../../client-shared/ui/fields.tsx";
import {
  CheckboxGroup,
  FormActions,
  FormGrid,
  FormSection,
} from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import {
  checkWith,
  errorsOf,
  type FieldErrors,
  withoutError,
} from "../../../../client-shared/forms.ts";
import { digits, maskCpf, maskTelefone, validCpf } from "../../../../client-shared/masks.ts";
import { PacienteInput, TIPOS_PACIENTE } from "../../../../server/modules/pacientes/schemas.ts";
import type { PacienteDetalhe } from "./shared.tsx";

// The birth date is checked by the server (its rule reads today's date with Temporal).
const Check = PacienteInput.omit({ datanascimento: true });

interface Contato {
  nome: string;
  telefone: string;
  parentesco: string;
}

export function PacienteForm(props: {
  paciente: PacienteDetalhe | null;
  onSaved: (p: PacienteDetalhe) => void;
  onCancel?: () => void;
}) {
  const app = useApp();
  const p = props.paciente;
  const [f, setF] = createStore({
    nomecompleto: p?.nomecompleto ?? "",
    cpf: maskCpf(p?.cpf ?? ""),
    datanascimento: p?.datanascimento ?? "",
    telefone: maskTelefone(p?.telefone ?? ""),
    email: p?.email ?? "",
    tipo: p?.tipo ?? "Comum",
    tipo_vinculo: p?.tipo_vinculo ?? "",
    nome_mae: p?.nome_mae ?? "",
    contatos: (p?.contatos ?? []).map((c) => ({
      nome: c.nome,
      telefone: maskTelefone(c.telefone),
      parentesco: c.parentesco ?? "",
    })) as Contato[],
    tipos: (p?.tipos_slot ?? []).map((t) => t.tiposlotid),
  });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const [tipos] = createResource(() =>
    app.api.call("GET /api/tipos-slot", { query: { status: "Ativo" } })
  );
  const podeEditar = () => app.can("pacientes");

  const cpfErro = () => {
    const d = digits(f.cpf);
    if (d.length === 11 && !validCpf(d)) return "CPF inválido.";
    return errors().cpf;
  };

  const body = () => ({
    nomecompleto: f.nomecompleto,
    cpf: digits(f.cpf),
    datanascimento: f.datanascimento || null,
    telefone: digits(f.telefone) || null,
    email: f.email.trim() || null,
    tipo: f.tipo,
    tipo_vinculo: f.tipo_vinculo.trim() || null,
    nome_mae: f.nome_mae.trim() || null,
    contatos: f.contatos.map((c) => ({
      nome: c.nome,
      telefone: digits(c.telefone),
      parentesco: c.parentesco.trim() || null,
    })),
    tipos_slot_elegiveis: [...f.tipos],
  });

  const salvar = async (e: Event) => {
    e.preventDefault();
    const b = body();
    const r = checkWith(Check, b);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    setBusy(true);
    try {
      const saved = p
        ? await app.api.call("PUT /api/pacientes/:id", { params: { id: p.pacienteid }, body: b })
        : await app.api.call("POST /api/pacientes", { body: b });
      notify.ok(p ? "Paciente atualizado." : "Paciente cadastrado.");
      props.onSaved(saved);
    } catch (err) {
      setErrors(errorsOf(err, { cpf_duplicado: "cpf", email_duplicado: "email" }));
    } finally {
      setBusy(false);
    }
  };

  const err = (k: string) => errors()[k];
  /** Typing in a field drops its message (the server's or the schema's). */
  const clear = (k: string) => setErrors((e) => withoutError(e, k));
  const edit = (k: keyof typeof f & string, v: string) => {
    (setF as (k: string, v: string) => void)(k, v);
    clear(k);
  };

  return (
    <form onSubmit={salvar} novalidate aria-label="Cadastro do paciente">
      <Show when={err("")}>
        <p
          class="mb-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
          role="alert"
        >
          {err("")}
        </p>
      </Show>
      <fieldset disabled={!podeEditar()} class="min-w-0">
        <FormGrid>
          <TextField
            label="Nome completo"
            value={f.nomecompleto}
            onInput={(v) => edit("nomecompleto", v)}
            error={err("nomecompleto")}
            autocomplete="off"
          />
          <TextField
            label="CPF"
            value={f.cpf}
            onInput={(v) => edit("cpf", v)}
            mask={maskCpf}
            inputMode="numeric"
            error={cpfErro()}
          />
          <TextField
            label="Data de nascimento"
            type="date"
            value={f.datanascimento}
            onInput={(v) => edit("datanascimento", v)}
            error={err("datanascimento")}
          />
          <SelectField
            label="Tipo"
            value={f.tipo}
            onChange={(v) => setF("tipo", v as typeof f.tipo)}
            options={TIPOS_PACIENTE.map((t) => ({ value: t, label: t }))}
            class="mb-4"
          />
          <TextField
            label="Telefone (celular)"
            value={f.telefone}
            onInput={(v) => edit("telefone", v)}
            mask={maskTelefone}
            inputMode="tel"
            error={err("telefone")}
            hint={p?.telefone_validado ? "Alterar o número remove a validação." : undefined}
          />
          <TextField
            label="E-mail"
            type="email"
            value={f.email}
            onInput={(v) => edit("email", v)}
            error={err("email")}
          />
          <TextField
            label="Vínculo"
            value={f.tipo_vinculo}
            onInput={(v) => edit("tipo_vinculo", v)}
            error={err("tipo_vinculo")}
            hint="Ex.: servidor, dependente, comunidade."
          />
          <TextField
            label="Nome da mãe"
            value={f.nome_mae}
            onInput={(v) => edit("nome_mae", v)}
            error={err("nome_mae")}
          />
        </FormGrid>
        <FormSection title="Contatos adicionais (até 3)">
          <Index each={f.contatos}>
            {(c, i) => (
              <div class="grid grid-cols-1 items-end gap-x-3 sm:grid-cols-[1fr_1fr_1fr_auto]">
                <TextField
                  label={`Contato ${i + 1}: nome`}
                  value={c().nome}
                  onInput={(v) => (setF("contatos", i, "nome", v), clear(`contatos.${i}.nome`))}
                  error={err(`contatos.${i}.nome`)}
                />
                <TextField
                  label={`Contato ${i + 1}: telefone`}
                  value={c().telefone}
                  onInput={(
                    v,
                  ) => (setF("contatos", i, "telefone", v), clear(`contatos.${i}.telefone`))}
                  mask={maskTelefone}
                  inputMode="tel"
                  error={err(`contatos.${i}.telefone`)}
                />
                <TextField
                  label={`Contato ${i + 1}: parentesco`}
                  value={c().parentesco}
                  onInput={(
                    v,
                  ) => (setF("contatos", i, "parentesco", v), clear(`contatos.${i}.parentesco`))}
                />
                <button
                  type="button"
                  class="btn btn-secondary btn-sm mb-4"
                  onClick={() => setF("contatos", (cs) => cs.filter((_, j) => j !== i))}
                >
                  Remover<span class="sr-only">contato {i + 1}</span>
                </button>
              </div>
            )}
          </Index>
          <Show when={f.contatos.length < 3}>
            <button
              type="button"
              class="btn btn-secondary btn-sm"
              onClick={() =>
                setF("contatos", (cs) => [...cs, { nome: "", telefone: "", parentesco: "" }])}
            >
              Adicionar contato
            </button>
          </Show>
          <Show when={err("contatos")}>
            <p class="mt-1 text-sm font-medium text-red-700" role="alert">{err("contatos")}</p>
          </Show>
        </FormSection>
        <Show
          when={tipos()}
          fallback={<p class="mb-4 text-sm text-ink-muted">Carregando tipos de slot…</p>}
        >
          {(ts) => (
            <CheckboxGroup<number>
              legend="Tipos de slot elegíveis"
              options={ts().map((t) => ({ value: t.tiposlotid, label: t.nome }))}
              value={f.tipos}
              onChange={(v) => setF("tipos", v)}
              error={err("tipos_slot_elegiveis")}
            />
          )}
        </Show>
      </fieldset>
      <Show when={podeEditar()}>
        <FormActions
          busy={busy()}
          submitLabel={p ? "Salvar alterações" : "Cadastrar paciente"}
          onCancel={props.onCancel}
        />
      </Show>
    </form>
  );
}
