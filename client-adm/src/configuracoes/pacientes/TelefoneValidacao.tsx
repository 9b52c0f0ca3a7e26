/**
 * Phone validation at the desk: "Enviar código por SMS" (6 digits, valid 5 minutes), the code
 * typed by the operator, and removing a validation. Acts on the saved phone number.
 */
import { createSignal, Match, Show, Switch } from "solid-js";
import { useApp } from "../../app/context.tsx";
import { TextField } from "../../../../client-shared/ui/fields.tsx";
import { ConfirmDialog } from "../../../../client-shared/ui/ConfirmDialog.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { formatDateTime, formatTime } from "../../../../client-shared/format.ts";
import { maskTelefone } from "../../../../client-shared/masks.ts";
import { errorsOf } from "../../../../client-shared/forms.ts";
import type { PacienteDetalhe } from "./shared.tsx";

export function TelefoneValidacao(props: {
  paciente: PacienteDetalhe;
  onChange: (p: PacienteDetalhe) => void;
}) {
  const app = useApp();
  const [enviado, setEnviado] = createSignal<{ expires_at: string; telefone: string } | null>(null);
  const [codigo, setCodigo] = createSignal("");
  const [erro, setErro] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [remover, setRemover] = createSignal(false);
  const id = () => props.paciente.pacienteid;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setErro(null);
    try {
      await fn();
    } catch (e) {
      const errs = errorsOf(e);
      setErro(errs.codigo ?? errs[""] ?? Object.values(errs)[0]);
    } finally {
      setBusy(false);
    }
  };
  const enviar = () =>
    run(async () => {
      const r = await app.api.call("POST /api/pacientes/:id/validar-telefone", {
        params: { id: id() },
      });
      setEnviado(r);
      setCodigo("");
      notify.info(`Código enviado por SMS para ${maskTelefone(r.telefone)}.`);
    });
  const confirmar = (e: Event) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(codigo())) return setErro("O código tem 6 dígitos.");
    return run(async () => {
      const p = await app.api.call("POST /api/pacientes/:id/confirmar-telefone", {
        params: { id: id() },
        body: { codigo: codigo() },
      });
      setEnviado(null);
      props.onChange(p);
      notify.ok("Telefone validado.");
    });
  };

  return (
    <section aria-labelledby="tel-val-h" class="mt-2 rounded-lg border border-slate-200 p-4">
      <h3 id="tel-val-h" class="mb-2 text-sm font-bold">Validação do telefone</h3>
      <Switch>
        <Match when={!props.paciente.telefone}>
          <p class="text-sm text-ink-muted">Cadastre um celular para validá-lo por SMS.</p>
        </Match>
        <Match when={props.paciente.telefone_validado}>
          <p class="text-sm" data-testid="telefone-validado">
            <span class="font-semibold text-livre">✓ Telefone validado</span>{" "}
            {maskTelefone(props.paciente.telefone!)}
            <Show when={props.paciente.telefone_validado_em}>
              {(em) => <>em {formatDateTime(em())}</>}
            </Show>
          </p>
          <Show when={app.can("pacientes")}>
            <button
              type="button"
              class="btn btn-secondary btn-sm mt-2"
              onClick={() => setRemover(true)}
            >
              Remover validação
            </button>
            <ConfirmDialog
              open={remover()}
              onOpenChange={setRemover}
              title="Remover a validação do telefone?"
              confirmLabel="Remover validação"
              danger
              onConfirm={async () => {
                props.onChange(
                  await app.api.call("DELETE /api/pacientes/:id/validacao-telefone", {
                    params: { id: id() },
                  }),
                );
              }}
            >
              O telefone precisará ser validado de novo com um código por SMS.
            </ConfirmDialog>
          </Show>
        </Match>
        <Match when>
          <p class="text-sm">
            Telefone {maskTelefone(props.paciente.telefone!)}{" "}
            <span class="font-semibold text-amber-800">não validado</span>.
          </p>
          <Show when={erro() && !enviado()}>
            <p class="mt-1 text-sm font-medium text-red-700" role="alert">{erro()}</p>
          </Show>
          <Show when={app.can("pacientes")}>
            <button
              type="button"
              class="btn btn-secondary btn-sm mt-2"
              disabled={busy()}
              onClick={enviar}
            >
              {enviado() ? "Reenviar código por SMS" : "Enviar código por SMS"}
            </button>
            <Show when={enviado()}>
              {(s) => (
                <form class="mt-3 flex flex-wrap items-start gap-3" onSubmit={confirmar} novalidate>
                  <div class="w-48">
                    <TextField
                      label="Código recebido (6 dígitos)"
                      value={codigo()}
                      onInput={(v) =>
                        setCodigo(v.replace(/\D/g, "").slice(0, 6))}
                      inputMode="numeric"
                      autocomplete="one-time-code"
                      error={erro()}
                      hint={`Expira às ${formatTime(s().expires_at)}.`}
                    />
                  </div>
                  <button type="submit" class="btn btn-primary btn-sm mt-7" disabled={busy()}>
                    Confirmar código
                  </button>
                </form>
              )}
            </Show>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}
