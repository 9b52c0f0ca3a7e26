/**
 * `/esqueci-senha`: (1) the CPF: a code goes by WhatsApp to the validated phone (the answer is the
 * same for any CPF, so the screen says "se o CPF estiver cadastrado…" and points to the unidade
 * for a patient without a validated phone); (2) the new password; (3) the code, which submits by
 * itself on the 4th digit and signs the patient in with the new password.
 */
import { A, useNavigate } from "@solidjs/router";
import { createSignal, Match, Switch } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { createForm } from "../app/form.ts";
import { type OtpSent, OtpStep } from "../app/OtpStep.tsx";
import { collect, cpfError, senhaError } from "../app/checks.ts";
import { OTP_COOLDOWN_S, OTP_TTL_S } from "../app/otp_rules.ts";
import { ApiError } from "../../../client-shared/http.ts";
import { CpfField, FormEnd, NovaSenhaFields } from "../app/fields.tsx";
import { digits } from "../../../client-shared/masks.ts";
import { notify } from "../../../client-shared/ui/toast.tsx";

type Etapa = "cpf" | "senha" | "codigo";

/** What the server answers (RESET_MENSAGEM), for when a code was asked moments ago. */
const RESET_AVISO =
  "Se o CPF estiver cadastrado no portal com telefone validado, enviamos um código por " +
  "WhatsApp para esse telefone. Se você não tem telefone validado ou não receber o código, " +
  "procure a unidade de saúde.";

export default function EsqueciSenhaPage() {
  const p = usePortal();
  const navigate = useNavigate();
  const [etapa, setEtapa] = createSignal<Etapa>("cpf");
  const [cpf, setCpf] = createSignal("");
  const [senha, setSenha] = createSignal("");
  const [confirma, setConfirma] = createSignal("");
  const [mensagem, setMensagem] = createSignal("");
  const [sent, setSent] = createSignal<OtpSent | undefined>();
  const fCpf = createForm();
  const fSenha = createForm();

  const pedir = () =>
    p.api.call("POST /api/auth/paciente/senha/esqueci", {
      body: { cpf: digits(cpf()) },
      anonymous: true,
    });

  const enviarCpf = fCpf.handle(
    async () => {
      try {
        const r = await pedir();
        setMensagem(r.mensagem);
        setSent(r);
      } catch (e) {
        // Within the 60 s after a request (this one or an earlier visit): go on with that code,
        // which was sent 60 − wait seconds ago (the server answers so for any CPF).
        const wait = e instanceof ApiError && e.code === "aguarde_reenvio"
          ? Number((e.details as { retry_after?: number }).retry_after)
          : NaN;
        if (!(wait > 0)) throw e;
        const age = OTP_COOLDOWN_S - wait;
        setMensagem(RESET_AVISO);
        setSent({
          expires_at: new Date(Date.now() + (OTP_TTL_S - age) * 1000).toISOString(),
          resend_in: wait,
        });
      }
      setEtapa("senha");
      focusTitle();
    },
    () => collect([["cpf", cpfError(cpf(), true)]]),
  );

  const continuar = fSenha.handle(
    () => {
      setEtapa("codigo"); // the code step puts the focus on its boxes
      return Promise.resolve();
    },
    () =>
      collect([
        ["nova_senha", senhaError(senha())],
        ["confirma", confirma() === senha() ? null : "As senhas não são iguais."],
      ]),
  );

  const redefinir = async (codigo: string) => {
    try {
      const r = await p.api.call("POST /api/auth/paciente/senha/redefinir", {
        body: { cpf: digits(cpf()), codigo, nova_senha: senha() },
        anonymous: true,
      });
      await p.session.signIn(r.token);
      notify.ok("Senha alterada. Você já entrou no portal.");
      navigate("/", { replace: true });
    } catch (e) {
      // The server refused the password itself (e.g. too common): back to it, code kept.
      if (e instanceof ApiError && e.status === 400 && e.fieldErrors.nova_senha) {
        setEtapa("senha");
        fSenha.fail(e);
        return;
      }
      throw e;
    }
  };

  const focusTitle = () => queueMicrotask(() => document.getElementById("titulo-esqueci")?.focus());

  return (
    <section aria-labelledby="titulo-esqueci">
      <h1 id="titulo-esqueci" tabindex="-1" class="mb-1 text-2xl font-bold outline-none">
        Esqueci minha senha
      </h1>
      <Switch>
        <Match when={etapa() === "cpf"}>
          <p class="mb-4 text-ink-muted">
            Informe seu CPF. Enviaremos um código por WhatsApp para o telefone validado do seu
            cadastro.
          </p>
          <form class="card p-4" onSubmit={enviarCpf} onInput={fCpf.clearField} novalidate>
            <CpfField form={fCpf} value={cpf()} onInput={setCpf} />
            <FormEnd form={fCpf} label="Enviar código" busyLabel="Enviando…" />
          </form>
        </Match>
        <Match when={etapa() === "senha"}>
          <p class="mb-4 rounded-lg border border-brand-200 bg-brand-50 p-3" role="status">
            {mensagem()}
          </p>
          <form class="card p-4" onSubmit={continuar} onInput={fSenha.clearField} novalidate>
            <h2 class="mb-3 text-lg font-bold">Crie a nova senha</h2>
            <NovaSenhaFields
              form={fSenha}
              senha={senha}
              setSenha={setSenha}
              confirma={confirma}
              setConfirma={setConfirma}
            />
            <FormEnd form={fSenha} label="Continuar" />
          </form>
          <p class="mt-6 text-center">
            <button type="button" class="link min-h-10" onClick={() => setEtapa("cpf")}>
              Corrigir o CPF
            </button>
          </p>
        </Match>
        <Match when={etapa() === "codigo"}>
          <div class="card p-4">
            <OtpStep
              destino="o telefone validado do seu cadastro"
              intro="Se o CPF estiver cadastrado com telefone validado, enviamos um código de 4 números por WhatsApp. Digite-o abaixo."
              sent={sent()}
              onSent={setSent}
              send={pedir}
              confirm={redefinir}
            />
          </div>
          <p class="mt-6 text-center">
            Não recebeu? Se o seu telefone não foi validado, procure a unidade de saúde.
          </p>
        </Match>
      </Switch>
      <p class="mt-6 text-center">
        <A href="/login" class="link">Voltar para entrar</A>
      </p>
    </section>
  );
}
