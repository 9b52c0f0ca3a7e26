/**
 * `/adm/primeiro-acesso?token=…`: the link of the first-access e-mail. The user gives the e-mail,
 * the temporary password and a new one; the password policy (the server's own `SenhaForte`
 * schema) is checked rule by rule as they type. On success they are signed in.
 */
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Switch } from "solid-js";
import { SenhaForte } from "../../../server/shared/schemas.ts";
import { ApiError } from "../../../client-shared/http.ts";
import { ErrorBox, FormError, Loading, TextField } from "../../../client-shared/ui/fields.tsx";
import { useApp } from "../app/context.tsx";
import { AuthFrame } from "./AuthFrame.tsx";

/** The messages of the rules a password breaks (every rule for ""). */
function broken(v: string): string[] {
  const r = SenhaForte.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}
const RULES = broken("");
/** "A senha deve ter uma letra maiúscula." → "Uma letra maiúscula." */
const ruleText = (m: string) => {
  const r = m.replace(/^A senha deve ter /, "");
  return r.charAt(0).toUpperCase() + r.slice(1);
};

export default function FirstAccessPage() {
  const app = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = () => (typeof params.token === "string" ? params.token : "");
  const [valid] = createResource(
    token,
    (t) =>
      app.api.call("POST /api/auth/validate-first-access", {
        body: { token: t },
        anonymous: true,
      }),
  );
  const [email, setEmail] = createSignal("");
  const [temp, setTemp] = createSignal("");
  const [nova, setNova] = createSignal("");
  const [conf, setConf] = createSignal("");
  const [erro, setErro] = createSignal<string | null>(null);
  const [fieldErr, setFieldErr] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const failing = () => broken(nova());

  const submit = async (e: Event) => {
    e.preventDefault();
    setErro(null);
    const errs: Record<string, string> = {};
    if (!email().trim()) errs.email = "Informe o e-mail.";
    if (!temp()) errs.senha_temporaria = "Informe a senha temporária.";
    if (failing().length) errs.nova_senha = "A nova senha não atende aos requisitos.";
    else if (nova() !== conf()) errs.confirmacao = "As senhas não conferem.";
    setFieldErr(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const res = await app.api.call("POST /api/auth/first-access", {
        body: {
          token: token(),
          email: email().trim().toLowerCase(),
          senha_temporaria: temp(),
          nova_senha: nova(),
        },
        anonymous: true,
      });
      await app.session.signIn(res.token);
      navigate("/", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFieldErr(err.fieldErrors);
      setErro(err instanceof Error ? err.message : "Não foi possível concluir.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Primeiro acesso">
      <Switch>
        <Match when={!token()}>
          <ErrorBox error={new Error("Link de primeiro acesso incompleto: falta o token.")} />
        </Match>
        <Match when={valid.loading}>
          <Loading label="Validando o link…" />
        </Match>
        <Match when={valid.error}>
          <ErrorBox error={valid.error} />
          <p class="mt-2 text-sm text-ink-muted">
            Peça ao administrador que reenvie o e-mail de primeiro acesso.
          </p>
        </Match>
        <Match when={valid()}>
          <p class="mb-4 text-sm">
            Olá, <strong>{valid()!.nome}</strong>. Defina sua senha para entrar.
          </p>
          <form onSubmit={submit} novalidate>
            <FormError message={erro()} />
            <TextField
              label="E-mail"
              type="email"
              autocomplete="username"
              value={email()}
              onInput={setEmail}
              error={fieldErr().email}
            />
            <TextField
              label="Senha temporária"
              type="password"
              autocomplete="off"
              value={temp()}
              onInput={setTemp}
              error={fieldErr().senha_temporaria}
            />
            <TextField
              label="Nova senha"
              type="password"
              autocomplete="new-password"
              value={nova()}
              onInput={setNova}
              error={fieldErr().nova_senha}
              hint={
                <ul aria-label="Requisitos da senha" class="space-y-0.5">
                  <For each={RULES}>
                    {(rule) => {
                      const ok = () => !failing().includes(rule);
                      return (
                        <li class={ok() ? "text-green-800" : "text-ink-muted"}>
                          <span aria-hidden="true">{ok() ? "✓ " : "• "}</span>
                          {ruleText(rule)}
                          <span class="sr-only">{ok() ? " (atendido)" : " (pendente)"}</span>
                        </li>
                      );
                    }}
                  </For>
                </ul>
              }
            />
            <TextField
              label="Confirmar nova senha"
              type="password"
              autocomplete="new-password"
              value={conf()}
              onInput={setConf}
              error={fieldErr().confirmacao}
            />
            <button type="submit" class="btn btn-primary w-full" disabled={busy()}>
              {busy() ? "Salvando…" : "Definir senha e entrar"}
            </button>
          </form>
        </Match>
      </Switch>
    </AuthFrame>
  );
}
