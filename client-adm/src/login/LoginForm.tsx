/** E-mail + senha, used by the login page and by the sign-in dialog of an expired session. */
import { createSignal } from "solid-js";
import { ApiError } from "../../../client-shared/http.ts";
import { FormError, TextField } from "../../../client-shared/ui/fields.tsx";
import { useApp } from "../app/context.tsx";

export function LoginForm(props: { email?: string; onDone: () => void; submitLabel?: string }) {
  const app = useApp();
  const [email, setEmail] = createSignal(props.email ?? "");
  const [senha, setSenha] = createSignal("");
  const [erro, setErro] = createSignal<string | null>(null);
  const [fieldErr, setFieldErr] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setErro(null);
    setFieldErr({});
    if (!email().trim()) return setFieldErr({ email: "Informe o e-mail." });
    if (!senha()) return setFieldErr({ senha: "Informe a senha." });
    setBusy(true);
    try {
      const res = await app.api.call("POST /api/auth/login", {
        body: { email: email().trim(), senha: senha() },
        anonymous: true,
      });
      await app.session.signIn(res.token);
      props.onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFieldErr(err.fieldErrors);
      setErro(err instanceof Error ? err.message : "Não foi possível entrar.");
      setSenha("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} novalidate aria-describedby={erro() ? "login-erro" : undefined}>
      <FormError message={erro()} id="login-erro" />
      <TextField
        label="E-mail"
        type="email"
        name="email"
        autocomplete="username"
        value={email()}
        onInput={setEmail}
        error={fieldErr().email}
        required
      />
      <TextField
        label="Senha"
        type="password"
        name="senha"
        autocomplete="current-password"
        value={senha()}
        onInput={setSenha}
        error={fieldErr().senha}
        required
      />
      <button type="submit" class="btn btn-primary w-full" disabled={busy()}>
        {busy() ? "Entrando…" : props.submitLabel ?? "Entrar"}
      </button>
    </form>
  );
}
