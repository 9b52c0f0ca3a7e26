/** `/adm/login`: e-mail + senha; says why the user is here (session expired, signed out). */
import { useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { useApp } from "../app/context.tsx";
import { AuthFrame } from "./AuthFrame.tsx";
import { LoginForm } from "./LoginForm.tsx";

export default function LoginPage() {
  const app = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const loc = useLocation<{ msg?: string }>();
  const aviso = () => app.session.expired() ?? loc.state?.msg ?? null;
  const next = () => {
    const n = typeof params.next === "string" ? decodeURIComponent(params.next) : "/";
    // Only paths inside the console: never an open redirect.
    return n.startsWith("/") && !n.startsWith("//") ? n : "/";
  };
  return (
    <AuthFrame title="Painel Administrativo">
      <Show when={aviso()}>
        <div
          class="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
          role="status"
        >
          {aviso()}
        </div>
      </Show>
      <LoginForm onDone={() => navigate(next(), { replace: true })} />
    </AuthFrame>
  );
}
