/**
 * `/cadastro`: the patient's registration, then the WhatsApp code that validates the phone.
 *
 * - A new CPF: `POST /api/auth/paciente/register` opens the session; the code goes to the phone
 *   (`telefone/enviar-codigo`) and is checked by `telefone/confirmar`. "Validar depois" skips it.
 * - A CPF registered at the desk (422 `codigo_necessario`): the server already sent a code to the
 *   phone on file; the same registration sent again with `codigo` activates the portal access.
 */
import { A, useNavigate } from "@solidjs/router";
import { createSignal, Match, Switch } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { createForm } from "../app/form.ts";
import { type OtpSent, OtpStep } from "../app/OtpStep.tsx";
import {
  collect,
  cpfError,
  emailError,
  SENHA_MIN,
  senhaError,
  telefoneError,
} from "../app/checks.ts";
import {
  type ContatoForm,
  contatosBody,
  contatosChecks,
  ContatosEditor,
} from "../app/ContatosEditor.tsx";
import { ApiError } from "../../../client-shared/http.ts";
import { TextField } from "../../../client-shared/ui/fields.tsx";
import { CpfField, FormEnd } from "../app/fields.tsx";
import { digits, maskTelefone } from "../../../client-shared/masks.ts";
import { notify } from "../../../client-shared/ui/toast.tsx";

type Etapa =
  | { kind: "dados" }
  | { kind: "validar"; telefone: string }
  | { kind: "ativar"; final: string; sent: OtpSent };

const hoje = () => new Date().toLocaleDateString("sv-SE");

export default function CadastroPage() {
  const p = usePortal();
  const navigate = useNavigate();
  const f = createForm();
  const [nome, setNome] = createSignal("");
  const [cpf, setCpf] = createSignal("");
  const [senha, setSenha] = createSignal("");
  const [verSenha, setVerSenha] = createSignal(false);
  const [nascimento, setNascimento] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [telefone, setTelefone] = createSignal("");
  const [contatos, setContatos] = createSignal<ContatoForm[]>([]);
  const [etapa, setEtapa] = createSignal<Etapa>({ kind: "dados" });

  const body = (codigo?: string) => ({
    cpf: digits(cpf()),
    nomecompleto: nome().trim(),
    senha: senha(),
    datanascimento: nascimento() || null,
    email: email().trim() || null,
    telefone: digits(telefone()),
    contatos: contatosBody(contatos()),
    ...(codigo ? { codigo } : {}),
  });

  const register = (codigo?: string) =>
    p.api.call("POST /api/auth/paciente/register", { body: body(codigo), anonymous: true });

  /** A desk record: the server sends the code and answers 422 `codigo_necessario`. */
  const claimSent = (e: unknown): { final: string; sent: OtpSent } | null => {
    if (!(e instanceof ApiError) || e.code !== "codigo_necessario") return null;
    const d = e.details as { telefone_final?: string; expires_at?: string };
    return { final: d.telefone_final ?? "", sent: { expires_at: d.expires_at ?? "" } };
  };

  const submit = f.handle(
    async () => {
      try {
        const r = await register();
        await p.session.signIn(r.token);
        setEtapa({ kind: "validar", telefone: maskTelefone(telefone()) });
      } catch (e) {
        const claim = claimSent(e);
        if (claim) return void setEtapa({ kind: "ativar", ...claim });
        if (e instanceof ApiError && e.code === "cpf_cadastrado") {
          f.fail(new ApiError(400, e.code, e.message, [{ path: ["cpf"], message: e.message }]));
          return;
        }
        throw e;
      }
    },
    () =>
      collect([
        ["nomecompleto", nome().trim().split(/\s+/).length < 2 ? "Informe o nome completo." : null],
        ["cpf", cpfError(cpf(), true)],
        ["senha", senhaError(senha())],
        ["email", emailError(email())],
        ["telefone", telefoneError(telefone(), true)],
        ...contatosChecks(contatos(), telefoneError),
      ]),
  );

  const done = (msg: string) => {
    notify.ok(msg);
    navigate("/", { replace: true });
  };

  return (
    <section aria-labelledby="titulo-cadastro">
      <Switch>
        <Match when={etapa().kind === "dados"}>
          <h1 id="titulo-cadastro" class="mb-1 text-2xl font-bold">Criar cadastro</h1>
          <p class="mb-4 text-ink-muted">
            Preencha seus dados. Depois enviaremos um código por WhatsApp para confirmar seu
            telefone.
          </p>
          <form class="card p-4" onSubmit={submit} onInput={f.clearField} novalidate>
            <TextField
              label="Nome completo"
              name="nomecompleto"
              value={nome()}
              onInput={setNome}
              autocomplete="name"
              error={f.error("nomecompleto")}
            />
            <CpfField form={f} value={cpf()} onInput={setCpf} confirmValid autocomplete="off" />
            <TextField
              label="Senha"
              name="senha"
              type={verSenha() ? "text" : "password"}
              value={senha()}
              onInput={setSenha}
              autocomplete="new-password"
              error={f.error("senha")}
              hint={`No mínimo ${SENHA_MIN} caracteres.`}
            />
            <label class="-mt-2 mb-4 flex min-h-10 items-center gap-2 text-sm">
              <input
                type="checkbox"
                class="h-5 w-5"
                checked={verSenha()}
                onChange={(e) => setVerSenha(e.currentTarget.checked)}
              />
              Mostrar a senha
            </label>
            <TextField
              label="Data de nascimento"
              name="datanascimento"
              type="date"
              max={hoje()}
              min="1900-01-01"
              value={nascimento()}
              onInput={setNascimento}
              autocomplete="bday"
              error={f.error("datanascimento")}
            />
            <TextField
              label="E-mail (opcional)"
              name="email"
              type="email"
              inputMode="email"
              value={email()}
              onInput={setEmail}
              autocomplete="email"
              error={f.error("email")}
            />
            <TextField
              label="Telefone celular (WhatsApp)"
              name="telefone"
              type="tel"
              inputMode="tel"
              value={telefone()}
              onInput={setTelefone}
              mask={maskTelefone}
              autocomplete="tel-national"
              placeholder="(11) 91234-5678"
              error={f.error("telefone")}
            />
            <ContatosEditor value={contatos()} onChange={setContatos} error={f.error} />
            <FormEnd form={f} label="Criar cadastro" busyLabel="Enviando…" />
          </form>
          <p class="mt-6 text-center">
            Já tem cadastro? <A href="/login" class="link">Entrar</A>
          </p>
        </Match>
        <Match when={etapa().kind === "validar" && etapa() as Etapa & { kind: "validar" }}>
          {(e) => (
            <>
              <h1 id="titulo-cadastro" class="mb-1 text-2xl font-bold">Confirme seu telefone</h1>
              <p class="mb-4 text-green-800" role="status">Cadastro criado.</p>
              <div class="card p-4">
                <OtpStep
                  destino={e().telefone}
                  send={() =>
                    p.api.call("POST /api/auth/paciente/telefone/enviar-codigo", { body: {} })}
                  confirm={async (codigo) => {
                    await p.api.call("POST /api/auth/paciente/telefone/confirmar", {
                      body: { codigo },
                    });
                    await p.session.restore();
                    done("Telefone confirmado. Bem-vindo ao portal!");
                  }}
                />
              </div>
              <p class="mt-6 text-center">
                <A href="/" class="link">Validar depois</A>
              </p>
            </>
          )}
        </Match>
        <Match when={etapa().kind === "ativar" && etapa() as Etapa & { kind: "ativar" }}>
          {(e) => (
            <>
              <h1 id="titulo-cadastro" class="mb-1 text-2xl font-bold">Ative seu acesso</h1>
              <p class="mb-4">
                Seu CPF já foi cadastrado na unidade de saúde. Para ativar o acesso ao portal,
                confirme o código enviado ao telefone que a unidade tem.
              </p>
              <div class="card p-4">
                <OtpStep
                  destino={`o telefone com final ${e().final}`}
                  sent={e().sent}
                  send={async () => {
                    try {
                      await register();
                    } catch (err) {
                      const claim = claimSent(err);
                      if (claim) return claim.sent;
                      throw err;
                    }
                    throw new Error("Não foi possível enviar o código.");
                  }}
                  confirm={async (codigo) => {
                    const r = await register(codigo);
                    await p.session.signIn(r.token);
                    done("Acesso ao portal ativado.");
                  }}
                />
              </div>
              <p class="mt-6 text-center">
                <button
                  type="button"
                  class="link min-h-10"
                  onClick={() => setEtapa({ kind: "dados" })}
                >
                  Voltar aos dados
                </button>
              </p>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
