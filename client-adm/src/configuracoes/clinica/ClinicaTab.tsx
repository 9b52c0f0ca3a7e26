/**
 * Configuração da clínica (administrador): default opening hours, the buffer between
 * consultations (BUFFER_MINUTES, 0–10), proposal validity, reminder lead time and time zone.
 * Checked with the server's schema; live on topic `config` (another administrator's change
 * reloads the values unless this form has unsaved edits).
 */
import { createEffect, Match, on, Switch } from "solid-js";
import {
  type ClinicaConfiguracao,
  ClinicaConfiguracaoInput,
} from "../../../../server/modules/clinica/schemas.ts";
import { checkWith, createForm } from "../../../../client-shared/forms.ts";
import {
  ErrorBox,
  FormError,
  Loading,
  SelectField,
  TextField,
} from "../../../../client-shared/ui/fields.tsx";
import {
  FormActions,
  FormGrid,
  FormSection,
  PageHeader,
} from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { formatDateTime } from "../../../../client-shared/format.ts";
import { useApp } from "../../app/context.tsx";
import { createLiveList } from "../live_list.ts";
import { FUSOS } from "../unidades/UnidadeForm.tsx";

type Draft = Record<
  | "horario_abertura"
  | "horario_fechamento"
  | "buffer_minutes"
  | "proposta_validade_horas"
  | "lembrete_horas_antes"
  | "timezone",
  string
>;

const draftOf = (c: ClinicaConfiguracao): Draft => ({
  horario_abertura: c.horario_abertura,
  horario_fechamento: c.horario_fechamento,
  buffer_minutes: String(c.buffer_minutes),
  proposta_validade_horas: String(c.proposta_validade_horas),
  lembrete_horas_antes: String(c.lembrete_horas_antes),
  timezone: c.timezone,
});

export default function ClinicaTab() {
  const app = useApp();
  const cfg = createLiveList(
    () => 1,
    () => app.api.call("GET /api/clinica/configuracao"),
    ["clinica_configuracao"],
  );
  const form = createForm<Draft>({
    horario_abertura: "",
    horario_fechamento: "",
    buffer_minutes: "",
    proposta_validade_horas: "",
    lembrete_horas_antes: "",
    timezone: "",
  });
  // The values shown are the server's until the user edits one.
  let shown: Draft | undefined;
  const dirty = () =>
    shown !== undefined && JSON.stringify(form.values()) !== JSON.stringify(shown);
  createEffect(on(cfg.data, (c) => {
    if (!c || dirty()) return;
    shown = draftOf(c);
    form.reset(shown);
  }));
  const d = () => (shown || cfg.data() ? form.values() : null);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const v = d()!;
    const r = checkWith(ClinicaConfiguracaoInput, {
      horario_abertura: v.horario_abertura,
      horario_fechamento: v.horario_fechamento,
      buffer_minutes: Number(v.buffer_minutes),
      proposta_validade_horas: Number(v.proposta_validade_horas),
      lembrete_horas_antes: Number(v.lembrete_horas_antes),
      timezone: v.timezone,
    });
    if (!r.ok) return form.setErrors(r.errors);
    let saved: ClinicaConfiguracao | undefined;
    const ok = await form.send(async () => {
      saved = await app.api.call("PUT /api/clinica/configuracao", { body: r.data });
    });
    if (!ok || !saved) return;
    shown = draftOf(saved);
    form.reset(shown);
    notify.ok("Configuração da clínica salva.");
  };

  return (
    <div>
      <PageHeader
        title="Configuração da clínica"
        description="Valores padrão de todas as unidades (cada unidade pode ter os seus)."
      />
      <div class="card p-4">
        <Switch>
          <Match when={cfg.error() && !d()}>
            <ErrorBox error={cfg.error()} onRetry={cfg.reload} />
          </Match>
          <Match when={!d()}>
            <Loading />
          </Match>
          <Match when={d()}>
            <form onSubmit={submit} novalidate class="max-w-3xl">
              <FormError message={form.error("") ?? null} />
              <FormSection title="Horário de funcionamento padrão">
                <FormGrid>
                  <TextField
                    label="Abertura"
                    type="time"
                    {...form.field("horario_abertura")}
                  />
                  <TextField
                    label="Fechamento"
                    type="time"
                    {...form.field("horario_fechamento")}
                  />
                </FormGrid>
              </FormSection>
              <FormGrid>
                <TextField
                  label="Intervalo entre consultas (BUFFER_MINUTES)"
                  type="number"
                  min="0"
                  max="10"
                  {...form.field("buffer_minutes")}
                  hint="De 0 a 10 minutos entre uma consulta e a seguinte."
                />
                <SelectField
                  label="Fuso horário"
                  value={d()!.timezone}
                  onChange={form.set("timezone")}
                  error={form.error("timezone")}
                  options={[...new Set([d()!.timezone, ...FUSOS])].map((z) => ({
                    value: z,
                    label: z,
                  }))}
                  class="mb-4"
                />
                <TextField
                  label="Validade da proposta (horas)"
                  type="number"
                  min="1"
                  max="168"
                  {...form.field("proposta_validade_horas")}
                />
                <TextField
                  label="Antecedência do lembrete (horas)"
                  type="number"
                  min="1"
                  max="168"
                  {...form.field("lembrete_horas_antes")}
                />
              </FormGrid>
              <p class="mb-2 text-xs text-ink-muted">
                Última alteração: {cfg.data() ? formatDateTime(cfg.data()!.updated_at) : "—"}
              </p>
              <FormActions busy={form.busy()} />
            </form>
          </Match>
        </Switch>
      </div>
    </div>
  );
}
