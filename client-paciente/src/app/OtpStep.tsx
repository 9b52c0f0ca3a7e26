/**
 * The WhatsApp code step of cadastro, minha conta (new phone) and esqueci-senha: 4 boxes that
 * submit by themselves on the 4th digit, the code's 5 minutes and the 60 s before "Reenviar
 * código" shown as countdowns (the server's 429 `retry_after` wins), the tries left after a wrong
 * code, and a new code when the old one expired or ran out of tries.
 *
 * `send` asks for a code (answering its `expires_at`); `confirm` checks one. When the caller has
 * just sent the code (`sent`), the step starts from it instead of sending another.
 */
import { createSignal, createUniqueId, type JSX, onCleanup, onMount, Show } from "solid-js";
import { ApiError } from "../../../client-shared/http.ts";
import { OtpCode } from "../../../client-shared/ui/OtpCode.tsx";
import { OTP_COOLDOWN_S, OTP_DIGITS, OTP_TTL_S } from "./otp_rules.ts";

export interface OtpSent {
  expires_at: string;
  /** Seconds before another code may be asked (default: the whole cooldown). */
  resend_in?: number;
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;

export function OtpStep(props: {
  /** Where the code went, said to the patient ("(11) 9….-4321", "final 4321"). */
  destino: string;
  send: () => Promise<OtpSent>;
  confirm: (code: string) => Promise<void>;
  sent?: OtpSent;
  /** Replaces the sentence above the boxes ("Enviamos um código … para …"). */
  intro?: JSX.Element;
  /** A new code went out (the caller may keep it for when the step shows again). */
  onSent?: (s: OtpSent) => void;
}) {
  const [now, setNow] = createSignal(Date.now());
  const [expiresAt, setExpiresAt] = createSignal<number | null>(null);
  const [resendAt, setResendAt] = createSignal(0);
  const [code, setCode] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [dead, setDead] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [aviso, setAviso] = createSignal<string | null>(null);
  const inputId = `otp-${createUniqueId()}`;

  const tick = setInterval(() => setNow(Date.now()), 1000);
  let autoSend: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearInterval(tick);
    clearTimeout(autoSend);
  });

  const left = () => {
    const e = expiresAt();
    return e === null ? 0 : Math.min(OTP_TTL_S, Math.max(0, Math.ceil((e - now()) / 1000)));
  };
  // Floor: "0:00" never shows while the button is still disabled.
  const cooldown = () => Math.max(0, Math.floor((resendAt() - now()) / 1000));
  const expired = () => expiresAt() !== null && left() === 0;
  const focusInput = () => queueMicrotask(() => document.getElementById(inputId)?.focus());

  const started = (s: OtpSent) => {
    setExpiresAt(Date.parse(s.expires_at));
    setResendAt(Date.now() + (s.resend_in ?? OTP_COOLDOWN_S) * 1000);
    setDead(false);
    setError(null);
    setCode("");
  };

  const send = async () => {
    if (busy()) return;
    setBusy(true);
    setAviso(null);
    try {
      const s = await props.send();
      started(s);
      props.onSent?.(s);
      setAviso(`Enviamos um novo código para ${props.destino}.`);
      focusInput();
    } catch (e) {
      const wait = e instanceof ApiError
        ? Number((e.details as { retry_after?: unknown } | undefined)?.retry_after)
        : NaN;
      if (wait > 0) {
        setResendAt(Date.now() + wait * 1000);
        // No code yet (a code was asked moments ago, e.g. at cadastro): ask again by itself.
        if (expiresAt() === null) {
          clearTimeout(autoSend);
          autoSend = setTimeout(() => void send(), wait * 1000 + 500);
        }
      }
      setError(e instanceof Error ? e.message : "Não foi possível enviar o código.");
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (value: string) => {
    if (busy() || value.length !== OTP_DIGITS) return;
    setBusy(true);
    setError(null);
    setAviso(null);
    try {
      await props.confirm(value);
    } catch (e) {
      setCode("");
      const err = e instanceof ApiError ? e : null;
      setError(e instanceof Error ? e.message : "Não foi possível confirmar o código.");
      if (
        err?.code === "tentativas_esgotadas" || err?.code === "codigo_expirado" ||
        err?.code === "codigo_inexistente"
      ) setDead(true);
      focusInput();
    } finally {
      setBusy(false);
    }
  };

  onMount(() => {
    if (props.sent) {
      started(props.sent);
      focusInput();
    } else void send();
  });

  return (
    <div data-testid="otp-step">
      <p class="mb-4">
        {props.intro ?? (
          <>
            Enviamos um código de {OTP_DIGITS} números por WhatsApp para{" "}
            <strong>{props.destino}</strong>. Digite-o abaixo.
          </>
        )}
      </p>
      <OtpCode
        id={inputId}
        digits={OTP_DIGITS}
        label="Código do WhatsApp"
        value={code()}
        onInput={(v) => {
          setCode(v);
          if (v) setError(null);
        }}
        onComplete={confirm}
        disabled={busy() || dead() || expired()}
        error={error()}
        hint={
          <span data-testid="otp-validade" aria-live="off">
            {expiresAt() === null
              ? busy() ? "Enviando o código…" : "O código será enviado assim que for permitido."
              : expired()
              ? "O código expirou. Peça um novo código."
              : `O código vale por mais ${mmss(left())}.`}
          </span>
        }
      />
      <Show when={aviso()}>
        <p class="mb-4 text-sm text-green-800" role="status">{aviso()}</p>
      </Show>
      <Show when={busy()}>
        <p class="mb-4 text-sm text-ink-muted" role="status">Aguarde…</p>
      </Show>
      <button
        type="button"
        class="btn btn-secondary w-full"
        disabled={busy() || cooldown() > 0}
        onClick={send}
        data-testid="otp-reenviar"
      >
        {cooldown() > 0 ? `Reenviar código em ${mmss(cooldown())}` : "Reenviar código"}
      </button>
    </div>
  );
}
