/** Create or edit a tipo de slot: nome, finalidade, canal de origem, cor, agendável. */
import { createSignal, Show } from "solid-js";
import {
  CanaisOrigem,
  type TipoSlot,
  TipoSlotCreate,
} from "../../../../server/modules/tipos_slot/schemas.ts";
import { checkWith, createForm } from "../../../../client-shared/forms.ts";
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
  const form = createForm({
    nome: t?.nome ?? "",
    finalidade: t?.finalidade ?? "",
    canalorigem: t?.canalorigem ?? "Todos",
    cor: t?.cor ?? "#3B82F6",
  }, { tiposlot_duplicado: "nome" });
  const [agendavel, setAgendavel] = createSignal(t?.agendavel ?? true);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const r = checkWith(TipoSlotCreate, { ...form.values(), agendavel: agendavel() });
    if (!r.ok) return form.setErrors(r.errors);
    const ok = await form.send(() =>
      t
        ? app.api.call("PUT /api/tipos-slot/:id", { params: { id: t.tiposlotid }, body: r.data })
        : app.api.call("POST /api/tipos-slot", { body: r.data })
    );
    if (!ok) return;
    notify.ok(t ? "Tipo de slot alterado." : "Tipo de slot criado.");
    props.onDone();
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError message={form.error("") ?? null} />
      <FormGrid>
        <TextField label="Nome" {...form.field("nome")} required />
        <SelectField
          label="Canal de origem"
          value={form.values().canalorigem}
          onChange={form.set("canalorigem")}
          error={form.error("canalorigem")}
          options={CanaisOrigem.map((c) => ({ value: c, label: c }))}
        />
      </FormGrid>
      <TextAreaField label="Finalidade" {...form.field("finalidade")} maxLength={500} />
      <FormGrid>
        <div class="mb-4">
          <label class="label" for="tipo-cor">Cor</label>
          <div class="flex items-center gap-2">
            <input
              id="tipo-cor"
              type="color"
              class="h-10 w-14 cursor-pointer rounded border border-border"
              value={form.values().cor}
              onInput={(e) => form.set("cor")(e.currentTarget.value.toUpperCase())}
            />
            <input
              class="input w-32 font-mono"
              aria-label="Cor em hexadecimal"
              maxLength={7}
              aria-invalid={form.error("cor") ? "true" : undefined}
              aria-describedby={form.error("cor") ? "tipo-cor-err" : undefined}
              value={form.values().cor}
              onInput={(e) => form.set("cor")(e.currentTarget.value)}
            />
          </div>
          <Show when={form.error("cor")}>
            <p id="tipo-cor-err" class="mt-1 text-sm font-medium text-red-700" role="alert">
              {form.error("cor")}
            </p>
          </Show>
        </div>
        <CheckboxField
          label="Agendável"
          checked={agendavel()}
          onChange={setAgendavel}
          hint="Vagas deste tipo podem receber agendamentos."
        />
      </FormGrid>
      <FormActions busy={form.busy()} onCancel={props.onDone} />
    </form>
  );
}
