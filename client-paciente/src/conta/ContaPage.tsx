/**
 * `/conta` (Minha conta): the patient's data; e-mail, telefone (a new number is validated again
 * by the WhatsApp code), contatos adicionais and senha (`PUT /api/auth/paciente/me|senha`); the
 * insurance card (`POST /api/seguros/credencial`); "Sair".
 * Name, CPF and birth date change only at the desk (the API refuses them from the portal).
 */
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, type JSX, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { createForm } from "../app/form.ts";
import { OtpStep } from "../app/OtpStep.tsx";
import { collect, emailError, senhaError, telefoneError } from "../app/checks.ts";
import {
  type ContatoForm,
  contatosBody,
  contatosChecks,
  ContatosEditor,
} from "../app/ContatosEditor.tsx";
import { ErrorBox, Loading, TextField } from "../../../client-shared/ui/fields.tsx";
import { FormEnd, NovaSenhaFields } from "../app/fields.tsx";
import { digits, maskCpf, maskTelefone } from "../../../client-shared/masks.ts";
import { formatDay } from "../../../client-shared/format.ts";
import { notify } from "../../../client-shared/ui/toast.tsx";

function Secao(props: { id: string; title: string; children: JSX.Element }) {
  return (
    <section class="card mb-4 p-4" aria-labelledby={props.id}>
      <h2 id={props.id} class="mb-3 text-lg font-bold">{props.title}</h2>
      {props.children}
    </section>
  );
}

export default function ContaPage() {
  const p = usePortal();
  const navigate = useNavigate();
  const me = () => p.session.me()!;
  const refresh = () => p.session.restore();

  const sair = async () => {
    p.live.stop();
    await p.session.signOut();
    navigate("/login", { replace: true, state: { msg: "Você saiu do portal." } });
  };

  return (
    <div>
      <h1 id="titulo-conta" class="mb-4 text-2xl font-bold">Minha conta</h1>
      <Secao id="sec-dados" title="Seus dados">
        <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt class="font-semibold">Nome</dt>
          <dd>{me().nomecompleto}</dd>
          <dt class="font-semibold">CPF</dt>
          <dd>{maskCpf(me().cpf)}</dd>
          <dt class="font-semibold">Nascimento</dt>
          <dd>{me().datanascimento ? formatDay(me().datanascimento!) : "não informado"}</dd>
        </dl>
        <p class="mt-2 text-sm text-ink-muted">
          Para corrigir nome, CPF ou data de nascimento, procure a unidade de saúde.
        </p>
      </Secao>
      <EmailSecao onSaved={refresh} />
      <TelefoneSecao onSaved={refresh} />
      <ContatosSecao onSaved={refresh} />
      <SenhaSecao />
      <ConvenioSecao />
      <button type="button" class="btn btn-secondary mb-4 w-full" onClick={sair}>
        Sair do portal
      </button>
    </div>
  );
}

function EmailSecao(props: { onSaved: () => Promise<unknown> }) {
  const p = usePortal();
  const [email, setEmail] = createSignal(p.session.me()?.email ?? "");
  const f = createForm();
  const salvar = f.handle(
    async () => {
      await p.api.call("PUT /api/auth/paciente/me", { body: { email: email().trim() || null } });
      await props.onSaved();
      notify.ok("E-mail salvo.");
    },
    () => collect([["email", emailError(email())]]),
  );
  return (
    <Secao id="sec-email" title="E-mail">
      <form onSubmit={salvar} onInput={f.clearField} novalidate>
        <TextField
          label="E-mail"
          name="email"
          type="email"
          inputMode="email"
          autocomplete="email"
          value={email()}
          onInput={setEmail}
          error={f.error("email")}
          hint="Deixe em branco para remover."
        />
        <FormEnd form={f} label="Salvar e-mail" busyLabel="Salvando…" />
      </form>
    </Secao>
  );
}

function TelefoneSecao(props: { onSaved: () => Promise<unknown> }) {
  const p = usePortal();
  const me = () => p.session.me()!;
  const [telefone, setTelefone] = createSignal(maskTelefone(me().telefone ?? ""));
  const [validando, setValidando] = createSignal(false);
  const f = createForm();
  const salvar = f.handle(
    async () => {
      const novo = digits(telefone());
      if (novo !== (me().telefone ?? "")) {
        await p.api.call("PUT /api/auth/paciente/me", { body: { telefone: novo } });
        await props.onSaved();
      }
      if (!me().telefone_validado) setValidando(true);
    },
    () => collect([["telefone", telefoneError(telefone(), true)]]),
  );
  return (
    <Secao id="sec-telefone" title="Telefone (WhatsApp)">
      <Show
        when={!validando()}
        fallback={
          <>
            <OtpStep
              destino={maskTelefone(me().telefone ?? "")}
              send={() =>
                p.api.call("POST /api/auth/paciente/telefone/enviar-codigo", { body: {} })}
              confirm={async (codigo) => {
                await p.api.call("POST /api/auth/paciente/telefone/confirmar", {
                  body: { codigo },
                });
                await props.onSaved();
                setValidando(false);
                notify.ok("Telefone validado.");
              }}
            />
            <button
              type="button"
              class="link mt-3 min-h-10"
              onClick={() => setValidando(false)}
            >
              Validar depois
            </button>
          </>
        }
      >
        <p class="mb-3" data-testid="telefone-status">
          {me().telefone
            ? me().telefone_validado
              ? "✓ Telefone validado."
              : "Telefone ainda não validado: valide para receber avisos e recuperar a senha."
            : "Nenhum telefone cadastrado."}
        </p>
        <form onSubmit={salvar} onInput={f.clearField} novalidate>
          <TextField
            label="Telefone celular"
            name="telefone"
            type="tel"
            inputMode="tel"
            autocomplete="tel-national"
            value={telefone()}
            onInput={setTelefone}
            mask={maskTelefone}
            error={f.error("telefone")}
            hint="Um número novo precisa ser validado com um código por WhatsApp."
          />
          <FormEnd
            form={f}
            label={digits(telefone()) === (me().telefone ?? "") && !me().telefone_validado
              ? "Validar telefone"
              : "Salvar telefone"}
          />
        </form>
      </Show>
    </Secao>
  );
}

function ContatosSecao(props: { onSaved: () => Promise<unknown> }) {
  const p = usePortal();
  const inicial = (): ContatoForm[] =>
    (p.session.me()?.contatos ?? []).map((c) => ({
      nome: c.nome,
      telefone: maskTelefone(c.telefone),
      parentesco: c.parentesco ?? "",
    }));
  const [contatos, setContatos] = createSignal(inicial());
  const f = createForm();
  const salvar = f.handle(
    async () => {
      await p.api.call("PUT /api/auth/paciente/me", {
        body: { contatos: contatosBody(contatos()) },
      });
      await props.onSaved();
      notify.ok("Contatos salvos.");
    },
    () => collect(contatosChecks(contatos(), telefoneError)),
  );
  return (
    <Secao id="sec-contatos" title="Contatos adicionais">
      <form onSubmit={salvar} onInput={f.clearField} novalidate>
        <ContatosEditor value={contatos()} onChange={setContatos} error={f.error} />
        <FormEnd form={f} label="Salvar contatos" busyLabel="Salvando…" />
      </form>
    </Secao>
  );
}

function SenhaSecao() {
  const p = usePortal();
  const [atual, setAtual] = createSignal("");
  const [nova, setNova] = createSignal("");
  const [confirma, setConfirma] = createSignal("");
  const f = createForm();
  const salvar = f.handle(
    async () => {
      const r = await p.api.call("PUT /api/auth/paciente/senha", {
        body: { senha_atual: atual(), nova_senha: nova() },
      });
      setAtual("");
      setNova("");
      setConfirma("");
      notify.ok(
        r.sessoes_encerradas
          ? `Senha alterada. ${r.sessoes_encerradas} outra(s) sessão(ões) foram encerradas.`
          : "Senha alterada.",
      );
    },
    () =>
      collect([
        ["senha_atual", atual() ? null : "Informe a senha atual."],
        ["nova_senha", senhaError(nova())],
        ["confirma", confirma() === nova() ? null : "As senhas não são iguais."],
      ]),
  );
  return (
    <Secao id="sec-senha" title="Senha">
      <form onSubmit={salvar} onInput={f.clearField} novalidate>
        <TextField
          label="Senha atual"
          name="senha_atual"
          type="password"
          autocomplete="current-password"
          value={atual()}
          onInput={setAtual}
          error={f.error("senha_atual")}
        />
        <NovaSenhaFields
          form={f}
          senha={nova}
          setSenha={setNova}
          confirma={confirma}
          setConfirma={setConfirma}
        />
        <FormEnd form={f} label="Trocar senha" busyLabel="Salvando…" />
      </form>
    </Secao>
  );
}

const STATUS_CLASS: Record<string, string> = {
  "Válida": "bg-green-100 text-green-900",
  "Inválida": "bg-red-100 text-red-900",
  "Pendente": "bg-amber-100 text-amber-950",
};

function ConvenioSecao() {
  const p = usePortal();
  const [lista, { refetch }] = createResource(() =>
    p.api.call("GET /api/seguros/credencial", { query: {} })
  );
  const [operadora, setOperadora] = createSignal("");
  const [numero, setNumero] = createSignal("");
  const [validade, setValidade] = createSignal("");
  const f = createForm();
  const salvar = f.handle(
    async () => {
      await p.api.call("POST /api/seguros/credencial", {
        body: { operadora: operadora().trim(), numero_carteirinha: numero(), validade: validade() },
      });
      setOperadora("");
      setNumero("");
      setValidade("");
      await refetch();
      notify.ok("Carteirinha salva. A unidade confere antes da consulta.");
    },
    () =>
      collect([
        ["operadora", operadora().trim().length < 2 ? "Informe a operadora." : null],
        [
          "numero_carteirinha",
          /^[0-9A-Za-z]{4,30}$/.test(numero().replace(/[\s.\-/]/g, ""))
            ? null
            : "Use de 4 a 30 letras ou números.",
        ],
        ["validade", validade() ? null : "Informe a validade."],
      ]),
  );
  return (
    <Secao id="sec-convenio" title="Convênio (carteirinha)">
      <Show when={!lista.error} fallback={<ErrorBox error={lista.error} onRetry={refetch} />}>
        <Show when={lista.latest} fallback={<Loading label="Carregando suas carteirinhas…" />}>
          {(l) => (
            <Show
              when={l().items.length}
              fallback={<p class="mb-3 text-ink-muted">Nenhuma carteirinha cadastrada.</p>}
            >
              <ul class="mb-4 space-y-2" data-testid="carteirinhas">
                <For each={l().items}>
                  {(c) => (
                    <li class="rounded-lg border border-border p-3">
                      <p class="font-semibold">{c.operadora}</p>
                      <p class="text-sm">
                        Nº {c.numero_carteirinha} · validade {formatDay(c.validade)}
                      </p>
                      <span
                        class={`mt-1 inline-block rounded px-2 py-0.5 text-xs font-semibold ${
                          STATUS_CLASS[c.status] ?? ""
                        }`}
                      >
                        {c.status}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
      <form onSubmit={salvar} onInput={f.clearField} novalidate>
        <TextField
          label="Operadora"
          name="operadora"
          value={operadora()}
          onInput={setOperadora}
          placeholder="Ex.: Unimed"
          error={f.error("operadora")}
        />
        <TextField
          label="Número da carteirinha"
          name="numero_carteirinha"
          value={numero()}
          onInput={setNumero}
          autocomplete="off"
          error={f.error("numero_carteirinha")}
        />
        <TextField
          label="Validade"
          name="validade"
          type="date"
          value={validade()}
          onInput={setValidade}
          error={f.error("validade")}
        />
        <FormEnd form={f} label="Salvar carteirinha" busyLabel="Salvando…" />
      </form>
    </Secao>
  );
}
