/**
 * `/login`: CPF + senha. Says why the patient is here (session expired, signed out, password
 * changed) and goes back to where they were going (`?next=`, paths of the portal only).
 */
import { A, Navigate, useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { createForm } from "../app/form.ts";
import { TextField } from "../../../client-shared/ui/fields.tsx";
import { CpfField, FormEnd } from "../app/fields.tsx";
import { digits, validCpf } from "../../../client-shared/masks.ts";

export default function LoginPage() {
  const p = usePortal();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const loc = useLocation<{ msg?: string }>();
  const [cpf, setCpf] = createSignal("");
  const [senha, setSenha] = createSignal("");
  const f = createForm();
  const aviso = () => p.session.expired() ?? loc.state?.msg ?? null;
  const next = () => {
    const n = typeof params.next === "string" ? params.next : "/";
    return n.startsWith("/") && !n.startsWith("//") ? n : "/";
  };

  const submit = f.handle(
    async () => {
      const r = await p.api.call("POST /api/auth/paciente/login", {
        body: { cpf: digits(cpf()), senha: senha() },
        anonymous: true,
      });
      // Read before signing in: the signed-in redirect below may change the URL first.
      const to = next();
      await p.session.signIn(r.token);
      navigate(to, { replace: true });
    },
    () => {
      const e: Record<string, string> = {};
      if (!validCpf(cpf())) e.cpf = "CPF inválido: confira os 11 números.";
      if (!senha()) e.senha = "Informe sua senha.";
      return e;
    },
  );

  return (
    <section aria-labelledby="titulo-login">
      <h1 id="titulo-login" class="mb-1 text-2xl font-bold">Entrar</h1>
      <p class="mb-4 text-ink-muted">Use seu CPF e a senha do portal.</p>
      <Show when={p.session.token() && p.session.me()}>
        <Navigate href={next()} />
      </Show>
      <Show when={aviso()}>
        <div
          class="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950"
          role="status"
          data-testid="aviso-login"
        >
          {aviso()}
        </div>
      </Show>
      <form class="card p-4" onSubmit={submit} onInput={f.clearField} novalidate>
        <CpfField form={f} value={cpf()} onInput={setCpf} />
        <TextField
          label="Senha"
          name="senha"
          type="password"
          value={senha()}
          onInput={setSenha}
          autocomplete="current-password"
          error={f.error("senha")}
        />
        <FormEnd form={f} label="Entrar" busyLabel="Entrando…" />
        <p class="mt-4 text-center">
          <A href="/esqueci-senha" class="link">Esqueci minha senha</A>
        </p>
      </form>
      <p class="mt-6 text-center">
        Ainda não tem cadastro? <A href="/cadastro" class="link">Cadastre-se</A>
      </p>
    </section>
  );
}
