/** Create or edit a tipo de slot: nome, finalidade, canal de origem, cor, agendável. */
import { createSignal } from "solid-js";
import {
  CanaisOrigem,
  type TipoSlot,
  TipoSlotCreate,
} from "../../../../server/modules/tipos_slot/schemas.ts";
import { checkWith, errorsOf, type FieldErrors } from "../../../../client-shared/forms.ts";
import { FormError, SelectField, TextField } from "../../../../client-shared/ui/fields.tsx";
import {
  CheckboxField,
  FormActions,
  FormGrid,
  TextAreaField,
} from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { useApp } from "../../app/context.tsx";

export function TipoSlotForm(props: { tipo?: TipoSlot; onDone: () => void }) {
  const app = useApp();
  const t = props.tipo;
  const [nome, setNome] = createSignal(t?.nome ?? "");
  const [finalidade, setFinalidade] = createSignal(t?.finalidade ?? "");
  const [canal, setCanal] = createSignal<string>(t?.canalorigem ?? "Todos");
  const [cor, setCor] = createSignal(t?.cor ?? "#3B82F6");
  const [agendavel, setAgendavel] = createSignal(t?.agendavel ?? true);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const r = checkWith(TipoSlotCreate, {
      nome: nome(),
      finalidade: finalidade(),
      canalorigem: canal(),
      cor: cor(),
      agendavel: agendavel(),
    });
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    setBusy(true);
    try {
      if (t) {
        await app.api.call("PUT /api/tipos-slot/:id", {
          params: { id: t.tiposlotid },
          body: r.data,
        });
      } else await app.api.call("POST /api/tipos-slot", { body: r.data });
      notify.ok(t ? "Tipo de slot alterado." : "Tipo de slot criado.");
      props.onDone();
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError message={errors()[""] ?? null} />
      <FormGrid>
        <TextField label="Nome" value={nome()} onInput={setNome} error={errors().nome} required />
        <SelectField
          label="Canal de origem"
          value={canal()}
          onChange={setCanal}
          options={CanaisOrigem.map((c) => ({ value: c, label: c }))}
        />
      </FormGrid>
      <TextAreaField
        label="Finalidade"
        value={finalidade()}
        onInput={setFinalidade}
        error={errors().finalidade}
        maxLength={500}
      />
      <FormGrid>
        <div class="mb-4">
          <label class="label" for="tipo-cor">Cor</label>
          <div class="flex items-center gap-2">
            <input
              id="tipo-cor"
              type="color"
              class="h-10 w-14 cursor-pointer rounded border border-border"
              value={cor()}
              onInput={(e) => setCor(e.currentTarget.value.toUpperCase())}
            />
            <input
              class="input w-32 font-mono"
              aria-label="Cor em hexadecimal"
              value={cor()}
              maxLength={7}
              aria-invalid={errors().cor ? "true" : undefined}
              onInput={(e) => setCor(e.currentTarget.value)}
            />
          </div>
          {errors().cor && (
            <p class="mt-1 text-sm font-medium text-red-700" role="alert">{errors().cor}</p>
          )}
        </div>
        <CheckboxField
          label="Agendável"
          checked={agendavel()}
          onChange={setAgendavel}
          hint="Vagas deste tipo podem receber agendamentos."
        />
      </FormGrid>
      <FormActions busy={busy()} onCancel={props.onDone} />
    </form>
  );
}
