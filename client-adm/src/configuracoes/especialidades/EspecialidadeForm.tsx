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
import { checkWith, createForm } from "../../../../client-shared/forms.ts";
import { FormError, TextField } from "../../../../client-shared/ui/fields.tsx";
import { FormActions, FormGrid } from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { useApp } from "../../app/context.tsx";
import { CotasEditor } from "./CotasEditor.tsx";
import { type CotasDraft, cotasList, sumCotas } from "./cotas.ts";

const somaErrada = (soma: number, limite: number) =>
  `A soma das cotas (${soma}) deve ser igual ao limite de vagas (${limite}).`;

export function EspecialidadeForm(props: {
  especialidade?: Especialidade;
  tipos: TipoSlot[];
  onDone: () => void;
}) {
  const app = useApp();
  const e = props.especialidade;
  const form = createForm({
    nome: e?.nome ?? "",
    limitevagas: String(e?.limitevagas ?? ""),
    duracao_minutos: String(e?.duracao_minutos ?? 30),
  }, {
    especialidade_duplicada: "nome",
    cotas_soma_invalida: "cotas",
    cotas_tiposlot_inativo: "cotas",
  });
  const [cotas, setCotas] = createSignal<CotasDraft>(
    Object.fromEntries((e?.cotas ?? []).map((c) => [c.tiposlotid, String(c.vagas)])),
  );
  const cotasError = () =>
    Object.entries(form.errors()).find(([k]) => k === "cotas" || k.startsWith("cotas."))?.[1];

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const v = form.values();
    const body = {
      nome: v.nome,
      limitevagas: v.limitevagas === "" ? undefined : Number(v.limitevagas),
      duracao_minutos: Number(v.duracao_minutos),
      cotas: cotasList(cotas()),
    };
    const r = checkWith(EspecialidadeCreate, body);
    const errs = r.ok ? {} : r.errors;
    const soma = sumCotas(cotas());
    if (soma > 0 && soma !== body.limitevagas) errs.cotas = somaErrada(soma, body.limitevagas ?? 0);
    form.setErrors(errs);
    if (!r.ok || errs.cotas) return;
    const ok = await form.send(() =>
      e
        ? app.api.call("PUT /api/especialidades/:id", {
          params: { id: e.especialidadeid },
          body: r.data,
        })
        : app.api.call("POST /api/especialidades", { body: r.data })
    );
    if (!ok) return;
    notify.ok(e ? "Especialidade alterada." : "Especialidade criada.");
    props.onDone();
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError message={form.error("") ?? null} />
      <FormGrid cols={3}>
        <TextField label="Nome" {...form.field("nome")} required />
        <TextField
          label="Limite de vagas"
          type="number"
          min="1"
          max="100"
          {...form.field("limitevagas")}
          required
        />
        <TextField
          label="Duração da consulta (min)"
          type="number"
          min="5"
          max="240"
          {...form.field("duracao_minutos")}
        />
      </FormGrid>
      <CotasEditor
        tipos={props.tipos}
        value={cotas()}
        onChange={(d) => {
          setCotas(d);
          form.clear("cotas");
        }}
        limite={Number(form.values().limitevagas) || 0}
        error={cotasError()}
      />
      <FormActions busy={form.busy()} onCancel={props.onDone} />
    </form>
  );
}
