/**
 * Create or edit a unidade: tipo, contact, full address (CEP mask, UF select), opening hours
 * (clinic's, global or per weekday), time zone and buffer; consultórios inline. Checked with the
 * server's schema before sending; the server's messages land next to their fields.
 */
import { createSignal, Show } from "solid-js";
import {
  TIPOS_UNIDADE,
  type Unidade,
  UnidadeCreateInput,
  UnidadeUpdateInput,
} from "../../../../server/modules/unidades/schemas.ts";
import { UF_SIGLAS } from "../../../../server/shared/schemas.ts";
import { checkWith, createForm } from "../../../../client-shared/forms.ts";
import { maskCep, maskTelefone } from "../../../../client-shared/masks.ts";
import { FormError, SelectField, TextField } from "../../../../client-shared/ui/fields.tsx";
import { FormActions, FormGrid, FormSection } from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { useApp } from "../../app/context.tsx";
import { ConsultoriosEditor, NovosConsultorios } from "./ConsultoriosEditor.tsx";
import { HorariosEditor } from "./HorariosEditor.tsx";
import { horariosBody, horariosDraft } from "./horarios.ts";

export const FUSOS = [
  "America/Sao_Paulo",
  "America/Manaus",
  "America/Cuiaba",
  "America/Campo_Grande",
  "America/Porto_Velho",
  "America/Boa_Vista",
  "America/Rio_Branco",
  "America/Belem",
  "America/Fortaleza",
  "America/Recife",
  "America/Bahia",
  "America/Noronha",
];

export function UnidadeForm(props: {
  unidade?: Unidade;
  /** The unidade's current consultórios (kept live while the form is open). */
  consultorios?: Unidade["consultorios"];
  onDone: () => void;
}) {
  const app = useApp();
  const u = props.unidade;
  const form = createForm({
    nome: u?.nome ?? "",
    tipo: u?.tipo ?? "Clínica",
    telefone: maskTelefone(u?.telefone ?? ""),
    cep: maskCep(u?.cep ?? ""),
    logradouro: u?.logradouro ?? "",
    numero: u?.numero ?? "",
    complemento: u?.complemento ?? "",
    bairro: u?.bairro ?? "",
    cidade: u?.cidade ?? "",
    uf: u?.uf ?? "",
    timezone: u?.timezone ?? "America/Sao_Paulo",
    buffer: u?.buffer_minutes == null ? "" : String(u.buffer_minutes),
  }, { unidade_duplicada: "nome" });
  const [horarios, setHorarios] = createSignal(horariosDraft(u));
  const [novos, setNovos] = createSignal<string[]>([]);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const { buffer, ...fields } = form.values();
    const body = {
      ...fields,
      buffer_minutes: buffer === "" ? null : Number(buffer),
      ...horariosBody(horarios()),
      ...(u ? {} : { consultorios: novos().map((nome) => ({ nome })) }),
    };
    const r = u ? checkWith(UnidadeUpdateInput, body) : checkWith(UnidadeCreateInput, body);
    if (!r.ok) return form.setErrors(r.errors);
    const ok = await form.send(() =>
      u
        ? app.api.call("PUT /api/unidades/:id", { params: { id: u.unidadeid }, body })
        : app.api.call("POST /api/unidades", { body })
    );
    if (!ok) return;
    notify.ok(u ? "Unidade alterada." : "Unidade criada.");
    props.onDone();
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError message={form.error("") ?? null} />
      <FormGrid cols={3}>
        <TextField label="Nome" {...form.field("nome")} />
        <SelectField
          label="Tipo"
          value={form.values().tipo}
          onChange={form.set("tipo")}
          error={form.error("tipo")}
          options={TIPOS_UNIDADE.map((t) => ({ value: t, label: t }))}
          class="mb-4"
        />
        <TextField
          label="Telefone"
          {...form.field("telefone")}
          mask={maskTelefone}
          inputMode="tel"
        />
      </FormGrid>
      <FormSection title="Endereço">
        <FormGrid cols={4}>
          <TextField
            label="CEP"
            {...form.field("cep")}
            mask={maskCep}
            inputMode="numeric"
          />
          <div class="sm:col-span-2">
            <TextField
              label="Logradouro"
              {...form.field("logradouro")}
            />
          </div>
          <TextField
            label="Número"
            {...form.field("numero")}
          />
          <TextField
            label="Complemento"
            {...form.field("complemento")}
          />
          <TextField
            label="Bairro"
            {...form.field("bairro")}
          />
          <TextField
            label="Cidade"
            {...form.field("cidade")}
          />
          <div>
            <SelectField
              label="UF"
              value={form.values().uf}
              onChange={form.set("uf")}
              error={form.error("uf")}
              options={[
                { value: "", label: "—" },
                ...UF_SIGLAS.map((s) => ({ value: s, label: s })),
              ]}
            />
          </div>
        </FormGrid>
      </FormSection>
      <HorariosEditor value={horarios()} onChange={setHorarios} errors={form.errors()} />
      <FormGrid>
        <SelectField
          label="Fuso horário"
          value={form.values().timezone}
          onChange={form.set("timezone")}
          error={form.error("timezone")}
          options={[...new Set([form.values().timezone, ...FUSOS])].map((z) => ({
            value: z,
            label: z,
          }))}
          class="mb-4"
        />
        <SelectField
          label="Intervalo entre consultas"
          value={form.values().buffer}
          onChange={form.set("buffer")}
          error={form.error("buffer_minutes")}
          options={[
            { value: "", label: "O da clínica" },
            ...Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: `${i} min` })),
          ]}
          class="mb-4"
        />
      </FormGrid>
      <Show
        when={u}
        fallback={<NovosConsultorios value={novos()} onChange={setNovos} />}
      >
        {(un) => (
          <ConsultoriosEditor
            unidadeid={un().unidadeid}
            consultorios={props.consultorios ?? un().consultorios}
            canWrite
          />
        )}
      </Show>
      <Show when={form.error("consultorios")}>
        <p class="mb-2 text-sm font-medium text-red-700" role="alert">
          {form.error("consultorios")}
        </p>
      </Show>
      <FormActions busy={form.busy()} onCancel={props.onDone} />
    </form>
  );
}
