/**
 * Create or edit an especialidade with its cotas, checked with the server's schema and the sum
 * rule before sending; the server's messages land next to their fields.
 */
import { createSignal } from "solid-js";
import {
  type Especialidade,
  EspecialidadeCreate,
} from "../../../../server/modules/especialidades/schemas.ts";
import type { TipoSlot } from "../../../../server/modules/tipos_slot/schemas.ts";
import { checkWith, errorsOf, type FieldErrors } from "../../../../client-shared/forms.ts";
import { FormError, TextField } from "../../../../client-shared/ui/fields.tsx";
import { FormActions, FormGrid } from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { useApp } from "../../app/context.tsx";
import { type CotasDraft, CotasEditor, cotasList, sumCotas } from "./CotasEditor.tsx";

export function EspecialidadeForm(props: {
  especialidade?: Especialidade;
  tipos: TipoSlot[];
  onDone: () => void;
}) {
  const app = useApp();
  const e = props.especialidade;
  const [nome, setNome] = createSignal(e?.nome ?? "");
  const [limite, setLimite] = createSignal(String(e?.limitevagas ?? ""));
  const [duracao, setDuracao] = createSignal(String(e?.duracao_minutos ?? 30));
  const [cotas, setCotas] = createSignal<CotasDraft>(
    Object.fromEntries((e?.cotas ?? []).map((c) => [c.tiposlotid, String(c.vagas)])),
  );
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const body = {
      nome: nome(),
      limitevagas: limite() === "" ? undefined : Number(limite()),
      duracao_minutos: Number(duracao()),
      cotas: cotasList(cotas()),
    };
    const r = checkWith(EspecialidadeCreate, body);
    const errs: FieldErrors = r.ok ? {} : r.errors;
    const soma = sumCotas(cotas());
    if (soma > 0 && soma !== body.limitevagas) {
      errs.cotas = `A soma das cotas (${soma}) deve ser igual ao limite de vagas (${
        body.limitevagas ?? 0
      }).`;
    }
    setErrors(errs);
    if (!r.ok || errs.cotas) return;
    setBusy(true);
    try {
      if (e) {
        await app.api.call("PUT /api/especialidades/:id", {
          params: { id: e.especialidadeid },
          body: r.data,
        });
      } else await app.api.call("POST /api/especialidades", { body: r.data });
      notify.ok(e ? "Especialidade alterada." : "Especialidade criada.");
      props.onDone();
    } catch (err) {
      const f = errorsOf(err);
      // The sum rule (422 cotas_soma_invalida) belongs to the cotas editor.
      if (f[""]?.includes("soma das cotas")) setErrors({ cotas: f[""] });
      else setErrors(f);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError message={errors()[""] ?? null} />
      <FormGrid cols={3}>
        <TextField label="Nome" value={nome()} onInput={setNome} error={errors().nome} required />
        <TextField
          label="Limite de vagas"
          type="number"
          min="1"
          max="100"
          value={limite()}
          onInput={setLimite}
          error={errors().limitevagas}
          required
        />
        <TextField
          label="Duração da consulta (min)"
          type="number"
          min="5"
          max="240"
          value={duracao()}
          onInput={setDuracao}
          error={errors().duracao_minutos}
        />
      </FormGrid>
      <CotasEditor
        tipos={props.tipos}
        value={cotas()}
        onChange={setCotas}
        limite={Number(limite()) || 0}
        error={errors().cotas ??
          Object.entries(errors()).find(([k]) => k.startsWith("cotas."))?.[1]}
      />
      <FormActions busy={busy()} onCancel={props.onDone} />
    </form>
  );
}
