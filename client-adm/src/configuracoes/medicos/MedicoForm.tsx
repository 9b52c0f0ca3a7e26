/**
 * Create or edit a médico: identity (CRM + UF, CPF), contacts (masked telefone), especialidades
 * (N:N), unidade, limite de vagas, observações, dados bancários (administrador only; others see
 * them masked) and the photo. Checked with the server's `MedicoInput` before sending; the
 * server's messages land next to their fields.
 */
import { createSignal, For, Show } from "solid-js";
import {
  type Medico,
  MedicoInput,
  TIPOS_CONTA,
} from "../../../../server/modules/medicos/schemas.ts";
import type { Especialidade } from "../../../../server/modules/especialidades/schemas.ts";
import type { Unidade } from "../../../../server/modules/unidades/schemas.ts";
import { UF_SIGLAS } from "../../../../server/shared/schemas.ts";
import { checkWith, createForm } from "../../../../client-shared/forms.ts";
import { maskCpf, maskTelefone } from "../../../../client-shared/masks.ts";
import { FormError, SelectField, TextField } from "../../../../client-shared/ui/fields.tsx";
import {
  CheckboxGroup,
  FormActions,
  FormGrid,
  FormSection,
  TextAreaField,
} from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { useApp } from "../../app/context.tsx";
import { FotoField } from "./FotoField.tsx";

// The birth date is not edited here (its check needs Temporal); it travels back unchanged.
const MedicoForm_ = MedicoInput.omit({ datanascimento: true });

const UFS = UF_SIGLAS.map((s) => ({ value: s, label: s }));

export function MedicoForm(props: {
  medico?: Medico;
  especialidades: Especialidade[];
  unidades: Unidade[];
  onDone: () => void;
}) {
  const app = useApp();
  const m = props.medico;
  const banco = m?.dadosbancarios && !("mascarado" in m.dadosbancarios) ? m.dadosbancarios : null;
  const editaBanco = app.can("administrar");
  const form = createForm({
    nomecompleto: m?.nomecompleto ?? "",
    crm: m?.crm ?? "",
    crm_uf: m?.crm_uf ?? "SP",
    cpf: maskCpf(m?.cpf ?? ""),
    telefone: maskTelefone(m?.telefone ?? ""),
    email: m?.email ?? "",
    endereco: m?.endereco ?? "",
    unidadeid: m?.unidadeid ? String(m.unidadeid) : "",
    limitevagas: m?.limitevagas ? String(m.limitevagas) : "",
    observacoes: m?.observacoes ?? "",
    banco: banco?.banco ?? "",
    agencia: banco?.agencia ?? "",
    conta: banco?.conta ?? "",
    tipoconta: banco?.tipo ?? "Corrente",
    pix: banco?.pix ?? "",
  }, {
    crm_duplicado: "crm",
    cpf_duplicado: "cpf",
    especialidade_invalida: "especialidades",
    unidade_invalida: "unidadeid",
    unidade_inativa: "unidadeid",
    unidade_inexistente: "unidadeid",
  });
  const [esps, setEsps] = createSignal<number[]>(
    m?.especialidades.map((e) => e.especialidadeid) ?? [],
  );
  const [foto, setFoto] = createSignal<File | null>(null);
  const [fotoUrl, setFotoUrl] = createSignal(m?.foto_url ?? null);

  const dadosBancarios = () => {
    const v = form.values();
    if (!editaBanco) return undefined; // left out: the stored details stay
    if (![v.banco, v.agencia, v.conta, v.pix].some((x) => x.trim())) return null;
    return {
      banco: v.banco,
      agencia: v.agencia,
      conta: v.conta,
      tipo: v.tipoconta,
      pix: v.pix || null,
    };
  };

  let savedId = m?.medicoid;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const v = form.values();
    const body = {
      nomecompleto: v.nomecompleto,
      crm: v.crm,
      crm_uf: v.crm_uf,
      cpf: v.cpf || null,
      telefone: v.telefone || null,
      email: v.email || null,
      endereco: v.endereco,
      unidadeid: v.unidadeid ? Number(v.unidadeid) : null,
      limitevagas: v.limitevagas ? Number(v.limitevagas) : null,
      observacoes: v.observacoes,
      especialidades: esps(),
      ...(dadosBancarios() === undefined ? {} : { dadosbancarios: dadosBancarios() }),
    };
    const r = checkWith(MedicoForm_, body);
    if (!r.ok) return form.setErrors(r.errors);
    const data = { ...r.data, datanascimento: m?.datanascimento ?? null };
    const id = savedId;
    const saved = await form.send(async () => {
      const row = id
        ? await app.api.call("PUT /api/medicos/:id", { params: { id }, body: data })
        : await app.api.call("POST /api/medicos", { body: data });
      // A retry after a refused photo updates this médico instead of creating another.
      savedId = row.medicoid;
    });
    if (!saved) return;
    const file = foto();
    if (file) {
      const fd = new FormData();
      fd.set("foto", file);
      const sent = await form.send(() =>
        app.api.call("POST /api/upload/medico/:id/foto", { params: { id: savedId! }, body: fd })
      );
      if (!sent) {
        // The médico is saved; the photo's refusal is said next to the photo.
        form.setErrors({ foto: form.error("") ?? "Não foi possível enviar a foto." });
        notify.info("Médico salvo, mas a foto não foi enviada.");
        return;
      }
    }
    notify.ok(m ? "Médico alterado." : "Médico cadastrado.");
    props.onDone();
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError message={form.error("") ?? null} />
      <FotoField
        nome={form.values().nomecompleto || "médico"}
        url={fotoUrl()}
        file={foto()}
        onFile={(f) => {
          setFoto(f);
          form.clear("foto");
        }}
        error={form.error("foto")}
        onRemove={m
          ? async () => {
            await app.api.call("DELETE /api/upload/medico/:id/foto", {
              params: { id: m.medicoid },
            });
            setFotoUrl(null);
            notify.ok("Foto removida.");
          }
          : undefined}
      />
      <FormGrid cols={4}>
        <div class="sm:col-span-2">
          <TextField
            label="Nome completo"
            {...form.field("nomecompleto")}
          />
        </div>
        <TextField
          label="CRM"
          {...form.field("crm")}
          inputMode="numeric"
        />
        <SelectField
          label="UF do CRM"
          value={form.values().crm_uf}
          onChange={form.set("crm_uf")}
          error={form.error("crm_uf")}
          options={UFS}
          class="mb-4"
        />
        <TextField
          label="CPF"
          {...form.field("cpf")}
          mask={maskCpf}
          inputMode="numeric"
        />
        <TextField
          label="Telefone"
          {...form.field("telefone")}
          mask={maskTelefone}
          inputMode="tel"
        />
        <div class="sm:col-span-2">
          <TextField
            label="E-mail"
            type="email"
            {...form.field("email")}
          />
        </div>
        <SelectField
          label="Unidade"
          value={form.values().unidadeid}
          onChange={form.set("unidadeid")}
          error={form.error("unidadeid")}
          options={[
            { value: "", label: "—" },
            ...props.unidades.map((u) => ({ value: String(u.unidadeid), label: u.nome })),
          ]}
          class="mb-4"
        />
        <TextField
          label="Limite de vagas"
          type="number"
          min="1"
          max="100"
          {...form.field("limitevagas")}
          hint="Vazio: o da especialidade."
        />
        <div class="sm:col-span-2">
          <TextField
            label="Endereço"
            {...form.field("endereco")}
          />
        </div>
      </FormGrid>
      <CheckboxGroup
        legend="Especialidades"
        options={props.especialidades.map((x) => ({ value: x.especialidadeid, label: x.nome }))}
        value={esps()}
        onChange={(v) => {
          setEsps(v);
          form.clear("especialidades");
        }}
        error={form.error("especialidades")}
      />
      <TextAreaField
        label="Observações"
        value={form.values().observacoes}
        onInput={form.set("observacoes")}
        error={form.error("observacoes")}
        maxLength={2000}
      />
      <FormSection title="Dados bancários">
        <Show
          when={editaBanco}
          fallback={
            <p class="text-sm text-ink-muted" data-testid="banco-mascarado">
              {m?.dadosbancarios
                ? `${m.dadosbancarios.banco} · ag. ${m.dadosbancarios.agencia} · conta ${m.dadosbancarios.conta} (visível só para administradores)`
                : "Somente administradores informam dados bancários."}
            </p>
          }
        >
          <FormGrid cols={3}>
            <TextField
              label="Banco"
              {...form.field("banco")}
              error={form.error("dadosbancarios.banco")}
            />
            <TextField
              label="Agência"
              {...form.field("agencia")}
              error={form.error("dadosbancarios.agencia")}
            />
            <TextField
              label="Conta"
              {...form.field("conta")}
              error={form.error("dadosbancarios.conta")}
            />
            <SelectField
              label="Tipo de conta"
              value={form.values().tipoconta}
              onChange={form.set("tipoconta")}
              error={form.error("dadosbancarios.tipo")}
              options={TIPOS_CONTA.map((t) => ({ value: t, label: t }))}
              class="mb-4"
            />
            <div class="sm:col-span-2">
              <TextField
                label="Chave PIX"
                {...form.field("pix")}
                error={form.error("dadosbancarios.pix")}
              />
            </div>
          </FormGrid>
        </Show>
      </FormSection>
      <For
        each={Object.entries(form.errors()).filter(([k]) =>
          k.startsWith("dadosbancarios") && !/\.(banco|agencia|conta|pix)$/.test(k)
        )}
      >
        {([, msg]) => <p class="mb-2 text-sm font-medium text-red-700" role="alert">{msg}</p>}
      </For>
      <FormActions busy={form.busy()} onCancel={props.onDone} />
    </form>
  );
}
